import PacketWire

/// Walks one LDAPMessage's elements and records them. Offsets are the
/// layer's.
struct LDAPWalk {
  let c: LayerCursor
  let ber: BERReader
  /// What the connection's binds settled, read and updated by its binds.
  var conversation = LDAPConversation()
  /// The protocols Wireshark enters inside the layer, in order, listed
  /// in the chain after its last field: a SASL buffer's GSS-API token,
  /// and LDAP again for each control whose value it reads.
  var chain: [ProtocolID] = []
  /// How far below the layer's item the messages' items are (deeper in a
  /// SASL buffer's payload).
  var nesting: UInt8 = 0
  /// The authentication token of a bind, which the layer hands on (a
  /// SASL bind's GSS-API credentials, Microsoft's NTLMSSP choices, the
  /// server's SASL credentials): its protocol and bytes.
  var token: (next: ProtocolID, bytes: Range<Int>)?

  /// The attribute types whose values tshark hands to a dissector of
  /// their own (as OIDs, a GUID, a SID, a security descriptor), which shows
  /// them instead of as `ldap.AttributeValue`; its table matches the name
  /// exactly. (It has `netlogon` too, whose dissector is CLDAP's, which
  /// pktsh leaves off.)
  static let valuesReadByType: Set<[UInt8]> = Set(
    ["supportedControl", "supportedCapabilities", "objectGUID", "objectSid", "nTSecurityDescriptor"].map { Array($0.utf8) })

  /// The extended request that asks for TLS on the connection.
  static let startTLS = "1.3.6.1.4.1.1466.20037"

  /// The controls whose values Wireshark reads: paged results, and
  /// server-side sorting's request and response.
  static let readControls: Set<String> = ["1.2.840.113556.1.4.319", "1.2.840.113556.1.4.473", "1.2.840.113556.1.4.474"]

  private func add(_ field: LDAP, _ e: BERElement, value: UInt64 = 0, depth: UInt8) throws(DissectionStop) {
    // tshark keeps a string as a C string: it ends at a NUL.
    if field.isText, let nul = (0..<e.contentLength).first(where: { ber.view.byte(e.contentStart + $0) == 0 }) {
      try c.check(e.contentStart, e.contentLength)
      c.computed(field, at: e.contentStart, e.contentLength, bytes: ber.contents(e).copyBytes()[..<nul], depth: nesting + depth)
      return
    }
    try c.add(field, at: e.contentStart, e.contentLength, value: value, depth: nesting + depth)
  }

  private func label(_ field: LDAP, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    try c.add(field, at: e.start, e.end - e.start, depth: nesting + depth)
  }

  /// An INTEGER or ENUMERATED field; false when the element is neither.
  @discardableResult
  private func number(_ field: LDAP, _ e: BERElement?, depth: UInt8) throws(DissectionStop) -> Bool {
    guard let e, e.tagClass == .universal, e.tag == BERTag.integer || e.tag == BERTag.enumerated,
      let value = ber.integer(e)
    else { return false }
    try add(field, e, value: UInt64(bitPattern: value), depth: depth)
    return true
  }

  /// A SEQUENCE OF or SET OF, counted: none when the bytes end inside it.
  private func count(_ field: LDAP, _ e: BERElement, depth: UInt8) throws(DissectionStop) -> [BERElement] {
    let items = ber.parts(of: e)
    try add(field, e, value: e.isCut ? 0 : UInt64(items.count), depth: depth)
    return items
  }

  /// One SASL buffer PDU of `length` bytes at `at` (its 4-byte length
  /// included), as tshark's LDAP PDU dissector reads it: its messages
  /// when the connection is not yet reading buffers, else the buffer's
  /// length and, for a GSS-API mechanism, the wrap token and the messages
  /// of an unsealed payload. A buffer the segment cuts shows its length
  /// only.
  mutating func saslPDU(at: Int, length: Int) throws(DissectionStop) {
    let frame = c.dissection.frame.number
    let captured = min(length, c.capturedLength - at)
    var reading = conversation.readsSASL(frame: frame)
    // A buffer that looks like a Kerberos wrap token starts SASL with no bind seen.
    if !reading, captured >= 6 {
      let first = c.bytes.byte(at + 4)
      if Int(try c.uint32(at)) + 4 <= length, first == 0x60 || (first == 0x05 && c.bytes.byte(at + 5) == 0x04) {
        conversation = LDAPConversation(authentication: .sasl, mechanism: Array("UNKNOWN".utf8), firstSASLFrame: frame)
        reading = true
      }
    }
    guard reading, c.bytes.byte(at) == 0 else {
      try messages(in: at..<at + captured)
      return
    }
    try c.add(LDAP.saslBufferLength, at: at, 4, value: UInt64(try c.uint32(at)), depth: 1)
    guard captured == length, conversation.wrapsWithGSSAPI else { return }
    let token = try GSSAPIWrap.read(c, at + 4..<at + length, depth: 2)
    chain += token.chain
    let payload = at + 4 + token.length
    guard token.length > 0 else { return }
    if token.sealed {
      try c.add(LDAP.gssapiEncryptedPayload, at: payload, at + length - payload, depth: 2)
      return
    }
    nesting = 2
    defer { nesting = 0 }
    try messages(in: payload..<at + length)
  }

  /// The messages in `bytes`, as tshark's LDAP payload reader takes them:
  /// one after another while six bytes or more are left.
  private mutating func messages(in bytes: Range<Int>) throws(DissectionStop) {
    var at = bytes.lowerBound
    while bytes.upperBound - at >= 6, let message = ber.part(at: at, end: bytes.upperBound),
      message.isUniversal(BERTag.sequence), message.declaredEnd - message.contentStart >= 4
    {
      try self.message(message)
      if message.isCut { return }
      at = message.end
    }
  }

  /// Lists the protocols of `chain` after the layer.
  func listChain() {
    for proto in chain { c.listInChain(proto) }
  }

  mutating func message(_ e: BERElement) throws(DissectionStop) {
    try label(.message, e, depth: 1)
    var parts = ber.parts(of: e)[...]
    guard try number(.messageID, parts.popFirst(), depth: 2), let op = parts.popFirst(), op.tagClass == .application
    else { return }
    try c.add(LDAP.protocolOp, at: op.start, op.end - op.start, value: UInt64(op.tag), depth: nesting + 2)
    try operation(op, depth: 3)
    if op.tag == 0 || op.tag == 1 { token = authenticationToken(op) }
    guard let list = parts.popFirst(), list.tagClass == .context, list.tag == 0 else { return }
    for control in try count(.controls, list, depth: 2) {
      try label(.control, control, depth: 3)
      var fields = ber.parts(of: control)[...]
      guard let type = fields.popFirst() else { continue }
      try add(.controlType, type, depth: 4)
      if let critical = fields.first, critical.isUniversal(BERTag.boolean), critical.contentLength == 1 {
        try add(.criticality, critical, value: ber.contents(critical).byte(0) != 0 ? 1 : 0, depth: 4)
      }
      if Self.readControls.contains(String(decoding: ber.contents(type).copyBytes(), as: UTF8.self)),
        fields.contains(where: { $0.isUniversal(BERTag.octetString) })
      {
        chain.append(.ldap)
      }
    }
  }

  private mutating func operation(_ op: BERElement, depth: UInt8) throws(DissectionStop) {
    let inner = depth + 1
    var fields = ber.parts(of: op)[...]
    switch op.tag {
    case 0:
      try add(.bindRequest, op, depth: depth)
      guard try number(.version, fields.popFirst(), depth: inner), let name = fields.popFirst() else { return }
      try add(.name, name, depth: inner)
      guard let authentication = fields.popFirst(), authentication.tagClass == .context else { return }
      if authentication.tag == 0 {
        conversation.authentication = .simple
        try add(.authentication, authentication, value: 0, depth: inner)
        try add(.simple, authentication, depth: inner + 1)
      } else if authentication.tag == 3 {
        try c.add(
          LDAP.authentication, at: authentication.start, authentication.end - authentication.start, value: 3,
          depth: nesting + inner)
        try label(.sasl, authentication, depth: inner + 1)
        let credentials = ber.parts(of: authentication)
        if credentials.count > 0 {
          try add(.mechanism, credentials[0], depth: inner + 2)
          // A new bind: SASL buffers wait for its response.
          conversation.authentication = .sasl
          conversation.firstSASLFrame = 0
          if credentials[0].contentLength > 0 { conversation.mechanism = ber.contents(credentials[0]).copyBytes() }
        }
        if credentials.count > 1 { try add(.credentials, credentials[1], depth: inner + 2) }
      }
    case 1, 5, 7, 9, 11, 13, 15, 24:
      try add(Self.resultLabels[op.tag]!, op, depth: depth)
      let code = fields.first
      guard try number(.resultCode, fields.popFirst(), depth: inner) else { return }
      // A StartTLS request answered with success: TLS from the next frame.
      if op.tag == 24, conversation.startTLSPending, let code, ber.integer(code) == 0 {
        conversation.startTLSPending = false
        conversation.tlsAfterFrame = c.dissection.frame.number
      }
      guard let matched = fields.popFirst() else { return }
      try add(.matchedDN, matched, depth: inner)
      guard let message = fields.popFirst() else { return }
      try add(.errorMessage, message, depth: inner)
      if op.tag == 1, let credentials = fields.first(where: { $0.tagClass == .context && $0.tag == 7 }) {
        try add(.serverSaslCreds, credentials, depth: inner)
        // Buffers start with the next frame.
        if conversation.authentication == .sasl { conversation.firstSASLFrame = c.dissection.frame.number + 1 }
      }
    case 2:
      try add(.unbindRequest, op, depth: depth)
    case 3:
      try add(.searchRequest, op, depth: depth)
      guard let base = fields.popFirst() else { return }
      try add(.baseObject, base, depth: inner)
      for field in [LDAP.scope, .derefAliases, .sizeLimit, .timeLimit] {
        guard try number(field, fields.popFirst(), depth: inner) else { return }
      }
      guard let typesOnly = fields.popFirst(), typesOnly.isUniversal(BERTag.boolean), typesOnly.contentLength == 1
      else { return }
      try add(.typesOnly, typesOnly, value: ber.contents(typesOnly).byte(0) != 0 ? 1 : 0, depth: inner)
      guard let filter = fields.popFirst(), filter.tagClass == .context else { return }
      try c.add(LDAP.filter, at: filter.start, filter.end - filter.start, value: UInt64(filter.tag), depth: nesting + inner)
      try filterTypes(filter, depth: inner + 1, indent: Int(nesting + inner) + 1)
      guard let list = fields.popFirst() else { return }
      for name in try count(.attributes, list, depth: inner) {
        try add(.attributeDescription, name, depth: inner + 1)
      }
    case 4, 8:
      try add(op.tag == 4 ? .searchResEntry : .addRequest, op, depth: depth)
      guard let name = fields.popFirst() else { return }
      try add(op.tag == 4 ? .objectName : .entry, name, depth: inner)
      guard let list = fields.popFirst() else { return }
      for attribute in try count(.attributes, list, depth: inner) {
        try label(op.tag == 4 ? .partialAttribute : .attribute, attribute, depth: inner + 1)
        var pair = ber.parts(of: attribute)[...]
        guard let type = pair.popFirst() else { continue }
        try add(.type, type, depth: inner + 2)
        guard let values = pair.popFirst() else { continue }
        let valuesRead = Self.valuesReadByType.contains(ber.contents(type).copyBytes())
        for value in try count(.vals, values, depth: inner + 2) where !valuesRead {
          try add(.attributeValue, value, depth: inner + 3)
        }
      }
    case 10:
      try add(.delRequest, op, depth: depth)
    case 12, 14:
      // A modify DN or compare request names its entry first.
      if let name = fields.popFirst() { try add(.entry, name, depth: inner) }
    case 23:
      if let name = fields.first, name.isContext(0), ber.contents(name).copyBytes().elementsEqual(Self.startTLS.utf8) {
        conversation.startTLSPending = true
      }
    default:
      break
    }
  }

  /// The attribute types a search filter's substring and extensible
  /// matches name (`ldap.type`), through its and, or and not filters.
  ///
  /// `indent` is how deep tshark's tree has the filter's item below the
  /// layer's (a filter inside an and or an or four levels below it, inside
  /// a not two). tshark adds no item deeper than its tree depth limit: the
  /// first one past it ends the message's dissection with an error, so a
  /// filter nested past it leaves the rest of the message unread.
  private func filterTypes(_ filter: BERElement, depth: UInt8, indent: Int) throws(DissectionStop) {
    guard filter.tagClass == .context else { return }
    // Every filter item has at least one child a level below it.
    guard indent + 1 < Self.deepestTreeIndent else { throw .malformed }
    switch filter.tag {
    case 0, 1:
      for item in ber.parts(of: filter) { try filterTypes(item, depth: depth + 1, indent: indent + 4) }
    case 2:
      if let inner = ber.part(at: filter.contentStart, end: filter.contentEnd) {
        try filterTypes(inner, depth: depth + 1, indent: indent + 2)
      }
    case 4:
      if let type = ber.parts(of: filter).first { try add(.type, type, depth: depth + 1) }
    case 9:
      if let type = ber.parts(of: filter).first(where: { $0.isContext(2) }) { try add(.type, type, depth: depth + 1) }
    default:
      break
    }
  }

  /// The first level below a protocol's item that tshark's tree cannot
  /// hold: its limit of 500 levels (`gui.max_tree_depth`) counts the
  /// tree's root and the new item too.
  static let deepestTreeIndent = 499

  /// Where a bind request's or response's token is and who reads it, as
  /// tshark's LDAP dissector hands it on: a SASL bind's credentials by
  /// their first byte, the server's by the mechanism the bind named.
  private func authenticationToken(_ op: BERElement) -> (next: ProtocolID, bytes: Range<Int>)? {
    let fields = ber.parts(of: op)
    if op.tag == 0 {
      guard fields.count > 2, fields[2].tagClass == .context else { return nil }
      let authentication = fields[2]
      switch authentication.tag {
      case 3:
        let credentials = ber.parts(of: authentication)
        guard credentials.count > 1, credentials[1].contentLength > 0, !conversation.mechanism.isEmpty else { return nil }
        let bytes = credentials[1].contentStart..<credentials[1].contentEnd
        // SPNEGO's choices are context-specific, GSS-API's framing is an application tag.
        switch ber.view.byte(bytes.lowerBound) >> 6 {
        case 1: return (.gssapi, bytes)
        case 2: return (.spnego, bytes)
        default: return nil
        }
      case 10, 11:
        return (.ntlmssp, authentication.contentStart..<authentication.contentEnd)
      default:
        return nil
      }
    }
    // Microsoft's servers put their NTLMSSP challenge in matchedDN.
    if fields.count > 1, fields[1].contentLength > 0, NTLMSSP.starts(c.packet, at: c.start + fields[1].contentStart) {
      return (.ntlmssp, fields[1].contentStart..<fields[1].contentEnd)
    }
    guard conversation.authentication == .sasl, let credentials = fields.first(where: { $0.isContext(7) }),
      credentials.contentLength > 0
    else { return nil }
    let bytes = credentials.contentStart..<credentials.contentEnd
    if conversation.mechanism.elementsEqual("GSS-SPNEGO".utf8) {
      return (NTLMSSP.starts(c.packet, at: c.start + bytes.lowerBound) ? .ntlmssp : .spnego, bytes)
    }
    return conversation.mechanism.elementsEqual("GSSAPI".utf8) ? (.gssapi, bytes) : nil
  }

  /// The label of each operation that carries an LDAPResult.
  static let resultLabels: [UInt32: LDAP] = [
    1: .bindResponse, 5: .searchResDone, 7: .modifyResponse, 9: .addResponse, 11: .delResponse, 13: .modDNResponse,
    15: .compareResponse, 24: .extendedResp,
  ]
}
