/// Walks one SNMP message's elements and records them.
struct SNMPWalk {
  let c: LayerCursor
  let ber: BERReader
  /// Set when Wireshark would enter SNMP again for a binding's value
  /// (sysName's text): the chain then lists it twice.
  var listedAgain = false

  /// The PDU choices (RFC 3416's PDUs, RFC 1157's Trap-PDU is 4).
  static let trapV1: UInt32 = 4
  static let getBulk: UInt32 = 5
  /// SNMPv2-MIB's sysName.0, whose value Wireshark also shows as text.
  static let sysName = "1.3.6.1.2.1.1.5.0"

  /// Records `field` over the element's contents; an empty byte field is
  /// `<MISSING>`, as tshark prints it.
  private func add(_ field: SNMP, _ e: BERElement, value: UInt64 = 0, depth: UInt8) throws(DissectionStop) {
    var flags = FieldRecord.Flags()
    if e.contentLength == 0, case .bytes = field.declaration.kind { flags = .missing }
    try c.add(field, at: e.contentStart, e.contentLength, value: value, depth: depth, flags: flags)
  }

  /// An integer field; false when the element is not one.
  @discardableResult
  private func integer(_ field: SNMP, _ e: BERElement?, depth: UInt8) throws(DissectionStop) -> Bool {
    guard let e, e.tagClass == .universal, e.tag == BERTag.integer, let value = ber.integer(e) else { return false }
    try add(field, e, value: UInt64(bitPattern: value), depth: depth)
    return true
  }

  private func oid(_ field: SNMP, _ e: BERElement, depth: UInt8) {
    guard c.wants(field), let text = ber.oidText(e) else { return }
    c.computed(field, at: e.contentStart, e.contentLength, bytes: Array(text.utf8), depth: depth)
  }

  mutating func message(_ message: BERElement) throws(DissectionStop) {
    var parts = ber.children(of: message)[...]
    guard let versionElement = parts.popFirst(), versionElement.isUniversal(BERTag.integer),
      let version = ber.integer(versionElement)
    else { return }
    if version == 3 {
      try add(SNMP.msgVersion, versionElement, value: 3, depth: 1)
      try v3(&parts)
      return
    }
    try add(SNMP.version, versionElement, value: UInt64(bitPattern: version), depth: 1)
    guard let community = parts.popFirst(), community.isUniversal(BERTag.octetString) else { return }
    try add(SNMP.community, community, depth: 1)
    if let pdu = parts.popFirst() { try self.pdu(pdu, depth: 1) }
  }

  /// SNMPv3's header, user-based security parameters and scoped PDU.
  private mutating func v3(_ parts: inout ArraySlice<BERElement>) throws(DissectionStop) {
    guard let global = parts.popFirst(), global.isUniversal(BERTag.sequence) else { return }
    let header = ber.children(of: global)
    for (field, index) in [(SNMP.msgID, 0), (.msgMaxSize, 1)] where index < header.count {
      guard let value = ber.unsigned(header[index]) else { return }
      try add(field, header[index], value: value, depth: 2)
    }
    if header.count > 2 { try add(SNMP.msgFlags, header[2], depth: 2) }
    if header.count > 3, let model = ber.unsigned(header[3]) { try add(SNMP.msgSecurityModel, header[3], value: model, depth: 2) }
    guard let security = parts.popFirst(), security.isUniversal(BERTag.octetString) else { return }
    if let usm = ber.element(at: security.contentStart, end: security.contentEnd), usm.isUniversal(BERTag.sequence) {
      let fields: [SNMP] = [
        .msgAuthoritativeEngineID, .msgAuthoritativeEngineBoots, .msgAuthoritativeEngineTime, .msgUserName,
        .msgAuthenticationParameters, .msgPrivacyParameters,
      ]
      for (field, e) in zip(fields, ber.children(of: usm)) {
        switch field {
        case .msgAuthoritativeEngineBoots, .msgAuthoritativeEngineTime:
          guard let value = ber.unsigned(e) else { return }
          try add(field, e, value: value, depth: 2)
        default: try add(field, e, depth: 2)
        }
      }
    }
    guard let data = parts.popFirst() else { return }
    if data.isUniversal(BERTag.octetString) {
      try add(SNMP.msgData, data, value: 1, depth: 1)
      try add(SNMP.encryptedPDU, data, depth: 2)
      return
    }
    guard data.isUniversal(BERTag.sequence) else { return }
    try add(SNMP.msgData, data, value: 0, depth: 1)
    let scoped = ber.children(of: data)
    if scoped.count > 0 { try add(SNMP.contextEngineID, scoped[0], depth: 3) }
    if scoped.count > 1 { try add(SNMP.contextName, scoped[1], depth: 3) }
    if scoped.count > 2 { try pdu(scoped[2], depth: 3) }
  }

  /// A PDU: its type (the context tag), then its fields and bindings.
  private mutating func pdu(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard e.tagClass == .context, e.constructed else { return }
    try c.add(SNMP.data, at: e.start, e.end - e.start, value: UInt64(e.tag), depth: depth)
    var parts = ber.children(of: e)[...]
    let inner = depth + 2
    switch e.tag {
    case Self.trapV1:
      guard let enterprise = parts.popFirst(), enterprise.isUniversal(BERTag.oid) else { return }
      oid(SNMP.enterprise, enterprise, depth: inner)
      guard let address = parts.popFirst() else { return }
      if address.tagClass == .application, address.tag == 0, address.contentLength == 4 {
        try add(SNMP.agentAddress, address, value: ber.unsigned(address) ?? 0, depth: inner)
      }
      guard try integer(SNMP.genericTrap, parts.popFirst(), depth: inner),
        try integer(SNMP.specificTrap, parts.popFirst(), depth: inner),
        let time = parts.popFirst(), let ticks = ber.unsigned(time)
      else { return }
      try add(SNMP.timeStamp, time, value: ticks, depth: inner)
    case Self.getBulk:
      guard try integer(SNMP.requestID, parts.popFirst(), depth: inner),
        try integer(SNMP.nonRepeaters, parts.popFirst(), depth: inner),
        try integer(SNMP.maxRepetitions, parts.popFirst(), depth: inner)
      else { return }
    default:
      guard try integer(SNMP.requestID, parts.popFirst(), depth: inner),
        try integer(SNMP.errorStatus, parts.popFirst(), depth: inner),
        try integer(SNMP.errorIndex, parts.popFirst(), depth: inner)
      else { return }
    }
    guard let list = parts.popFirst(), list.isUniversal(BERTag.sequence) else { return }
    let bindings = ber.children(of: list)
    try add(SNMP.variableBindings, list, value: UInt64(bindings.count), depth: inner)
    for binding in bindings {
      let pair = ber.children(of: binding)
      guard let name = pair.first, name.isUniversal(BERTag.oid) else { continue }
      oid(SNMP.name, name, depth: inner + 2)
      guard pair.count > 1 else { continue }
      try value(pair[1], depth: inner + 2)
      if pair[1].isUniversal(BERTag.octetString), ber.oidText(name) == Self.sysName {
        try add(SNMP.varBindString, pair[1], depth: inner + 3)
        listedAgain = true
      }
    }
  }

  /// A binding's value, by its SMI type.
  private func value(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    switch (e.tagClass, e.tag) {
    case (.universal, BERTag.integer):
      if let value = ber.integer(e) { try add(SNMP.valueInteger, e, value: UInt64(bitPattern: value), depth: depth) }
    case (.universal, BERTag.octetString): try add(SNMP.valueOctets, e, depth: depth)
    case (.universal, BERTag.oid): oid(SNMP.valueOID, e, depth: depth)
    case (.application, 0):
      if e.contentLength == 4 { try add(SNMP.valueIPv4, e, value: ber.unsigned(e) ?? 0, depth: depth) }
    case (.application, 1), (.application, 6):
      if let value = ber.unsigned(e) { try add(SNMP.valueCounter, e, value: value, depth: depth) }
    case (.application, 2):
      if let value = ber.unsigned(e) { try add(SNMP.valueGauge, e, value: value, depth: depth) }
    case (.application, 3):
      if let value = ber.unsigned(e) { try add(SNMP.valueTimeticks, e, value: value, depth: depth) }
    case (.application, 4): try add(SNMP.valueOpaque, e, depth: depth)
    default: break
    }
  }
}
