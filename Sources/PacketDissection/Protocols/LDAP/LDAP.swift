/// Lightweight Directory Access Protocol (RFC 4511) on TCP port 389 (and
/// 3268, the global catalog), and
/// connectionless LDAP on UDP port 389: every LDAPMessage of the segment
/// or datagram, read with `BERReader`: its message ID and operation, and
/// the operations' top-level fields (binds, searches and their entries,
/// adds, and the results of every request). A search filter is given by
/// its kind only. With TCP reassembly, a message (or SASL buffer) cut by
/// the segment's end waits for the segments with its rest; without, it is
/// read as far as its bytes go. A bind's authentication token goes to
/// GSS-API, SPNEGO or NTLMSSP (`LDAPWalk.token`). After a SASL bind the connection carries
/// SASL buffers (`LDAPConversation`): a GSS-API wrap token
/// (`GSSAPIWrap`), then the messages, unless the token sealed them. After
/// a StartTLS request answered with success, it carries TLS.
enum LDAP: UInt8, ProtocolModule {
  case item, saslBufferLength, gssapiEncryptedPayload, message, messageID, protocolOp
  case bindRequest, version, name, authentication, simple, sasl, mechanism, credentials
  case bindResponse, searchResDone, modifyResponse, addResponse, delResponse, modDNResponse, compareResponse,
    extendedResp
  case resultCode, matchedDN, errorMessage, serverSaslCreds
  case unbindRequest, searchRequest, baseObject, scope, derefAliases, sizeLimit, timeLimit, typesOnly, filter, attributes,
    attributeDescription
  case searchResEntry, objectName, partialAttribute, type, vals, attributeValue
  case addRequest, entry, attribute, delRequest
  case controls, control, controlType, criticality

  static var protocolID: ProtocolID { .ldap }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, 389), Binding(.tcpPort, 3268), Binding(.udpPort, 389)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ldap", "Lightweight Directory Access Protocol")
    case .saslBufferLength: .loose("ldap.sasl_buffer_length", "SASL Buffer Length", .uint(bytes: 4))
    case .gssapiEncryptedPayload: .loose("ldap.gssapi_encrypted_payload", "GSS-API Encrypted payload", .bytes)
    case .message: .loose("ldap.LDAPMessage_element", "LDAPMessage", .label)
    case .messageID: .loose("ldap.messageID", "messageID", .uint(bytes: 4))
    case .protocolOp: .loose("ldap.protocolOp", "protocolOp", .uint(bytes: 4), values: .ldapOperations)
    case .bindRequest: .loose("ldap.bindRequest_element", "bindRequest", .label)
    case .version: .loose("ldap.version", "version", .uint(bytes: 4))
    case .name: .loose("ldap.name", "name", .string)
    case .authentication: .loose("ldap.authentication", "authentication", .uint(bytes: 4), values: .ldapAuthentications)
    case .simple: .loose("ldap.simple", "simple", .string)
    case .sasl: .loose("ldap.sasl_element", "sasl", .label)
    case .mechanism: .loose("ldap.mechanism", "mechanism", .string)
    case .credentials: .loose("ldap.credentials", "credentials", .bytes)
    case .bindResponse: .loose("ldap.bindResponse_element", "bindResponse", .label)
    case .searchResDone: .loose("ldap.searchResDone_element", "searchResDone", .label)
    case .modifyResponse: .loose("ldap.modifyResponse_element", "modifyResponse", .label)
    case .addResponse: .loose("ldap.addResponse_element", "addResponse", .label)
    case .delResponse: .loose("ldap.delResponse_element", "delResponse", .label)
    case .modDNResponse: .loose("ldap.modDNResponse_element", "modDNResponse", .label)
    case .compareResponse: .loose("ldap.compareResponse_element", "compareResponse", .label)
    case .extendedResp: .loose("ldap.extendedResp_element", "extendedResp", .label)
    case .resultCode: .loose("ldap.resultCode", "resultCode", .uint(bytes: 4), values: .ldapResultCodes)
    case .matchedDN: .loose("ldap.matchedDN", "matchedDN", .string)
    case .errorMessage: .loose("ldap.errorMessage", "errorMessage", .string)
    case .serverSaslCreds: .loose("ldap.serverSaslCreds", "serverSaslCreds", .bytes)
    case .unbindRequest: .loose("ldap.unbindRequest_element", "unbindRequest", .label)
    case .searchRequest: .loose("ldap.searchRequest_element", "searchRequest", .label)
    case .baseObject: .loose("ldap.baseObject", "baseObject", .string)
    case .scope: .loose("ldap.scope", "scope", .uint(bytes: 4), values: .ldapScopes)
    case .derefAliases: .loose("ldap.derefAliases", "derefAliases", .uint(bytes: 4), values: .ldapDerefAliases)
    case .sizeLimit: .loose("ldap.sizeLimit", "sizeLimit", .uint(bytes: 4))
    case .timeLimit: .loose("ldap.timeLimit", "timeLimit", .uint(bytes: 4))
    case .typesOnly: .loose("ldap.typesOnly", "typesOnly", .boolean(bytes: 1), values: .ldapTrueFalse)
    case .filter: .loose("ldap.filter", "filter", .uint(bytes: 4), values: .ldapFilters)
    case .attributes: .loose("ldap.attributes", "attributes", .uint(bytes: 4), blurb: "How many attributes")
    case .attributeDescription: .loose("ldap.AttributeDescription", "AttributeDescription", .string)
    case .searchResEntry: .loose("ldap.searchResEntry_element", "searchResEntry", .label)
    case .objectName: .loose("ldap.objectName", "objectName", .string)
    case .partialAttribute: .loose("ldap.PartialAttributeList_item_element", "PartialAttributeList item", .label)
    case .type: .loose("ldap.type", "type", .string)
    case .vals: .loose("ldap.vals", "vals", .uint(bytes: 4), blurb: "How many values")
    case .attributeValue: .loose("ldap.AttributeValue", "AttributeValue", .bytes)
    case .addRequest: .loose("ldap.addRequest_element", "addRequest", .label)
    case .entry: .loose("ldap.entry", "entry", .string)
    case .attribute: .loose("ldap.AttributeList_item_element", "AttributeList item", .label)
    case .delRequest: .loose("ldap.delRequest", "delRequest", .string)
    case .controls: .loose("ldap.controls", "controls", .uint(bytes: 4), blurb: "How many controls")
    case .control: .loose("ldap.Control_element", "Control", .label)
    case .controlType: .loose("ldap.controlType", "controlType", .string)
    case .criticality: .loose("ldap.criticality", "criticality", .boolean(bytes: 1), values: .ldapTrueFalse)
    }
  }

  /// Whether the field is an LDAPString or LDAPDN (tshark's FT_STRING).
  var isText: Bool {
    switch self {
    case .name, .simple, .mechanism, .matchedDN, .errorMessage, .baseObject, .attributeDescription, .objectName, .type,
      .entry, .delRequest, .controlType:
      true
    default: false
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let stream = TCPSegment.streamIndex(c)
    var walk = LDAPWalk(c: c, ber: BERReader(view: c.bytes))
    walk.conversation = stream.flatMap { c.state.ldapConversations[$0] } ?? LDAPConversation()
    defer { if let stream { c.state.ldapConversations[stream] = walk.conversation } }
    if let last = walk.conversation.tlsAfterFrame, c.dissection.frame.number > last {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    let length = c.capturedLength
    // As tshark's LDAP over TCP: after a SASL bind a segment that starts
    // with a plausible buffer length is read as SASL buffers, each one PDU.
    let saslLength = length >= 4 ? try c.uint32(0) : 0
    if stream != nil, saslLength >= 2, saslLength <= LDAPConversation.largestSASLBuffer, walk.conversation.authentication == .sasl {
      return try saslBuffers(&c, &walk)
    }
    // tshark follows each message's length across TCP segments from a
    // segment that starts with a SEQUENCE of two bytes or more.
    func track(_ message: BERElement) {
      if message.isUniversal(BERTag.sequence), message.declaredEnd - message.contentStart >= 2 {
        TCPSegment.pdu(c, at: message.start, length: message.declaredEnd - message.start)
      }
    }
    let first = walk.ber.part(at: 0, end: length)
    if let first { track(first) }
    // One that starts with no message (a SEQUENCE opening with its INTEGER
    // message ID) continues an earlier one, and no dissector is given it;
    // unless it is exactly one SASL buffer (an Exchange server's, with no
    // SASL bind seen).
    guard let first, first.isUniversal(BERTag.sequence),
      first.contentStart < length, c.bytes.byte(first.contentStart) == 0x02
    else {
      if stream != nil, length >= 4, c.bytes.byte(0) != 0x30, Int(saslLength) + 4 == c.length {
        return try saslBuffers(&c, &walk)
      }
      // Too few bytes to read a message's length from: one more segment.
      if length > 0, c.bytes.byte(0) == 0x30 { asksForRest(c, at: 0, fixed: minimumMessage, length: nil) }
      c.withdrawn = true
      return .stop
    }
    var at = 0
    var asked = false
    while let message = walk.ber.part(at: at, end: length), message.isUniversal(BERTag.sequence) {
      if at > 0 { track(message) }
      asked = asksForRest(c, at: at, fixed: minimumMessage, length: message.declaredEnd - at)
      if asked {
        if at == 0 { c.withdrawn = true }
        break
      }
      TCPSegment.dissectsPDU(c, at: at, length: message.declaredEnd - at)
      try walk.message(message)
      at = message.end
      if message.isCut { break }
    }
    if !asked, at > 0 { asksForRest(c, at: at, fixed: minimumMessage, length: nil) }
    walk.listChain()
    if let (next, bytes) = walk.token { return .layer(next, at: c.start + bytes.lowerBound, end: c.start + bytes.upperBound) }
    return .stop
  }

  /// The fewest bytes tshark reads an LDAP message's length from
  /// (`tcp_dissect_pdus`' fixed part): with reassembly, fewer wait for
  /// one more segment.
  static let minimumMessage = 7

  /// With TCP reassembly, asks for the rest of the PDU at `at` when the
  /// segment cuts it short, as `tcp_dissect_pdus` does: one more segment
  /// when fewer than `fixed` bytes are left to read its length from (and
  /// some are), else what its `length` (when known) lacks. Answers whether
  /// it asked; the PDU is then not read.
  @discardableResult
  private static func asksForRest(_ c: LayerCursor, at: Int, fixed: Int, length: Int?) -> Bool {
    let left = c.capturedLength - at
    guard c.canDesegment, left > 0 else { return false }
    if left < fixed {
      c.needMore(at: at, nil)
      return true
    }
    guard let length, length > left else { return false }
    c.needMore(at: at, length - left)
    return true
  }

  /// The segment read as SASL buffers, each a 4-byte length and as many
  /// bytes, as tshark's `tcp_dissect_pdus` hands them to its LDAP PDU
  /// dissector.
  private static func saslBuffers(_ c: inout LayerCursor, _ walk: inout LDAPWalk) throws(DissectionStop) -> Next {
    var at = 0
    do {
      while !asksForRest(c, at: at, fixed: 4, length: nil), at + 4 <= c.capturedLength {
        let length = Int(try c.uint32(at)) + 4
        TCPSegment.pdu(c, at: at, length: length)
        if asksForRest(c, at: at, fixed: 4, length: length) {
          if at == 0 { c.withdrawn = true }
          break
        }
        TCPSegment.dissectsPDU(c, at: at, length: length)
        try walk.saslPDU(at: at, length: length)
        at += length
      }
    } catch {
      walk.listChain()
      throw error
    }
    walk.listChain()
    return .stop
  }
}
