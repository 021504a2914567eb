/// Packet Forwarding Control Protocol (3GPP TS 29.244) on UDP port 8805:
/// the header (its SEID when the S flag is set, its message priority when
/// the MP flag is), and the information elements as a list of types and
/// lengths, a grouped element's members after it, as Wireshark walks
/// them. Of the elements' contents, an F-SEID's (flags, SEID, addresses)
/// and the flags of PFD contents are taken apart; the others are not.
enum PFCP: UInt8, ProtocolModule {
  case item, flags, version, spareBit4, spareBit3, followOn, messagePriorityFlag, seidFlag, messageType, length,
    seid, sequenceNumber, messagePriority, spareNibble, spareOctet, elementType, elementLength,
    enterpriseElementType, enterpriseID, spareBit7, spareBit6, spareBit5, spareBit2, fseidV4, fseidV6, fseidIPv4,
    fseidIPv6, pfdFD, pfdURL, pfdDN, pfdCP, pfdDNP, pfdAFD, pfdAURL, pfdADNP

  static var protocolID: ProtocolID { .pfcp }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 8805)]
  static let headerBits = 32
  static var variablePart: String? { "SEID (S = 1), sequence number, priority; information elements" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pfcp", "Packet Forwarding Control Protocol")
    case .flags: .uint("pfcp.flags", "Flags", at: 0, bytes: 1, base: .hex)
    case .version: .uint("pfcp.version", "Version", at: 0, bytes: 1, mask: 0xe0)
    case .spareBit4: .uint("pfcp.spare_b4", "Spare", at: 0, bytes: 1, mask: 0x10)
    case .spareBit3: .uint("pfcp.spare_b3", "Spare", at: 0, bytes: 1, mask: 0x08)
    case .followOn: .flag("pfcp.fo_flag", "Follow On (FO)", at: 0, bytes: 1, mask: 0x04, abbreviation: "FO")
    case .messagePriorityFlag:
      .flag("pfcp.mp_flag", "Message Priority (MP)", at: 0, bytes: 1, mask: 0x02, abbreviation: "MP")
    case .seidFlag: .flag("pfcp.s", "SEID (S)", at: 0, bytes: 1, mask: 0x01, abbreviation: "S")
    case .messageType: .uint("pfcp.msg_type", "Message Type", at: 1, bytes: 1, values: .pfcpMessages)
    case .length: .uint("pfcp.length", "Length", at: 2, bytes: 2)
    case .seid: .loose("pfcp.seid", "SEID", .uint(bytes: 8), base: .hex)
    case .sequenceNumber: .loose("pfcp.seqno", "Sequence Number", .uint(bytes: 3))
    case .messagePriority: .loose("pfcp.mp", "Message Priority", .uint(bytes: 1), mask: 0xf0)
    case .spareNibble: .loose("pfcp.spare_h0", "Spare", .uint(bytes: 1), mask: 0x0f)
    case .spareOctet: .loose("pfcp.spare_oct", "Spare", .uint(bytes: 1))
    case .elementType: .loose("pfcp.ie_type", "IE Type", .uint(bytes: 2), values: .pfcpElements)
    case .elementLength: .loose("pfcp.ie_len", "IE Length", .uint(bytes: 2))
    case .enterpriseElementType: .loose("pfcp.enterprise_ie", "Enterprise specific IE Type", .uint(bytes: 2))
    case .enterpriseID: .loose("pfcp.enterprise_id", "Enterprise ID", .uint(bytes: 2))
    case .spareBit7: .loose("pfcp.spare_b7", "Spare", .uint(bytes: 1), mask: 0x80)
    case .spareBit6: .loose("pfcp.spare_b6", "Spare", .uint(bytes: 1), mask: 0x40)
    case .spareBit5: .loose("pfcp.spare_b5", "Spare", .uint(bytes: 1), mask: 0x20)
    case .spareBit2: .loose("pfcp.spare_b2", "Spare", .uint(bytes: 1), mask: 0x04)
    case .fseidV4: .loose("pfcp.f_seid_flags.v4", "V4 (IPv4)", .boolean(bytes: 1), mask: 0x02, values: .pfcpPresent)
    case .fseidV6: .loose("pfcp.f_seid_flags.v6", "V6 (IPv6)", .boolean(bytes: 1), mask: 0x01, values: .pfcpPresent)
    case .fseidIPv4: .loose("pfcp.f_seid.ipv4", "IPv4 address", .ipv4)
    case .fseidIPv6: .loose("pfcp.f_seid.ipv6", "IPv6 address", .ipv6)
    case .pfdFD: .loose("pfcp.pfd_contents_flags.fd", "FD (Flow Description)", .boolean(bytes: 1), mask: 0x01, values: .pfcpTrueFalse)
    case .pfdURL: .loose("pfcp.pfd_contents_flags.url", "URL (URL)", .boolean(bytes: 1), mask: 0x02, values: .pfcpTrueFalse)
    case .pfdDN: .loose("pfcp.pfd_contents_flags.dn", "DN (Domain Name)", .boolean(bytes: 1), mask: 0x04, values: .pfcpTrueFalse)
    case .pfdCP:
      .loose("pfcp.pfd_contents_flags.cp", "CP (Custom PFD Content)", .boolean(bytes: 1), mask: 0x08, values: .pfcpTrueFalse)
    case .pfdDNP:
      .loose("pfcp.pfd_contents_flags.dnp", "DNP (Domain Name Protocol)", .boolean(bytes: 1), mask: 0x10, values: .pfcpTrueFalse)
    case .pfdAFD:
      .loose("pfcp.pfd_contents_flags.afd", "AFD (Additional Flow Description)", .boolean(bytes: 1), mask: 0x20, values: .pfcpTrueFalse)
    case .pfdAURL: .loose("pfcp.pfd_contents_flags.aurl", "AURL (Additional URL)", .boolean(bytes: 1), mask: 0x40, values: .pfcpTrueFalse)
    case .pfdADNP:
      .loose("pfcp.pfd_contents_flags.adnp", "ADNP (Additional Domain Name and Domain Name Protocol)", .boolean(bytes: 1),
        mask: 0x80, values: .pfcpTrueFalse)
    }
  }

  /// Grouped elements deeper than this are listed without their members:
  /// the walk recurses once per level, and a datagram could nest thousands.
  static let maximumNesting = 32

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let flagBits = try c.fixed(flags)
    try c.fixed(version, depth: 2)
    try c.fixed(spareBit4, depth: 2)
    try c.fixed(spareBit3, depth: 2)
    try c.fixed(followOn, depth: 2)
    try c.fixed(messagePriorityFlag, depth: 2)
    try c.fixed(seidFlag, depth: 2)
    try c.fixed(messageType)
    try c.fixed(length)
    var offset = 4
    if flagBits & 0x01 != 0 {
      try c.add(seid, at: offset, 8, value: try c.uint(offset, 8))
      offset += 8
    }
    try c.add(sequenceNumber, at: offset, 3, value: try c.uint(offset, 3))
    offset += 3
    let last = UInt64(try c.uint8(offset))
    if flagBits & 0x02 != 0 {
      try c.add(messagePriority, at: offset, 1, value: last >> 4)
      try c.add(spareNibble, at: offset, 1, value: last & 0x0f)
    } else {
      try c.add(spareOctet, at: offset, 1, value: last)
    }
    // As Wireshark, the elements run to the end of the datagram, whatever
    // the header's length says.
    try elements(&c, from: offset + 1, to: c.length, depth: 2, nesting: 0)
    return .stop
  }

  static let fseidElement: UInt16 = 57
  static let pfdContentsElement: UInt16 = 61

  /// An F-SEID's contents: six spare bits and the V4 and V6 flags, the
  /// SEID, then an IPv4 and an IPv6 address as the flags say. As in
  /// Wireshark, contents cut short make the datagram malformed after the
  /// fields they hold.
  private static func fseid(_ c: LayerCursor, at offset: Int, end: Int, depth: UInt8) throws(DissectionStop) {
    guard offset < end else { throw .malformed }
    let bits = UInt64(try c.uint8(offset))
    let flagFields: [(PFCP, UInt64)] = [
      (spareBit7, bits >> 7 & 1), (spareBit6, bits >> 6 & 1), (spareBit5, bits >> 5 & 1), (spareBit4, bits >> 4 & 1),
      (spareBit3, bits >> 3 & 1), (spareBit2, bits >> 2 & 1), (fseidV4, bits >> 1 & 1), (fseidV6, bits & 1),
    ]
    for (field, value) in flagFields { try c.add(field, at: offset, 1, value: value, depth: depth) }
    guard offset + 9 <= end else { throw .malformed }
    try c.add(seid, at: offset + 1, 8, value: try c.uint(offset + 1, 8), depth: depth)
    var next = offset + 9
    if bits & 0x02 != 0 {
      guard next + 4 <= end else { throw .malformed }
      try c.add(fseidIPv4, at: next, 4, value: UInt64(try c.uint32(next)), depth: depth)
      next += 4
    }
    if bits & 0x01 != 0 {
      guard next + 16 <= end else { throw .malformed }
      try c.add(fseidIPv6, at: next, 16, depth: depth)
    }
  }

  /// PFD contents' flags and the spare octet after them (the flow
  /// descriptions, URLs and domain names they announce are not taken apart).
  private static func pfdContentsFlags(_ c: LayerCursor, at offset: Int, end: Int, depth: UInt8) throws(DissectionStop) {
    guard offset < end else { throw .malformed }
    let bits = UInt64(try c.uint8(offset))
    let flagFields: [PFCP] = [pfdADNP, pfdAURL, pfdAFD, pfdDNP, pfdCP, pfdDN, pfdURL, pfdFD]
    for (index, field) in flagFields.enumerated() {
      try c.add(field, at: offset, 1, value: bits >> UInt64(7 - index) & 1, depth: depth)
    }
    guard offset + 2 <= end else { throw .malformed }
    try c.add(spareOctet, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: depth)
  }

  /// Lists the elements between `from` and `to` (offsets in the layer).
  /// As Wireshark, an element whose length runs past its group (or the
  /// datagram) ends the walk before any of its fields: the packet is
  /// malformed. A vendor's element (type bit 15 set) names its enterprise.
  private static func elements(
    _ c: inout LayerCursor, from: Int, to end: Int, depth: UInt8, nesting: Int
  ) throws(DissectionStop) {
    var offset = from
    while offset < end {
      guard offset + 4 <= end else { throw .malformed }
      let type = try c.uint16(offset)
      let count = Int(try c.uint16(offset + 2))
      guard offset + 4 + count <= end else { throw .malformed }
      if type & 0x8000 != 0 {
        try c.add(enterpriseElementType, at: offset, 2, value: UInt64(type), depth: depth)
        try c.add(elementLength, at: offset + 2, 2, value: UInt64(count), depth: depth)
        try c.add(enterpriseID, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)), depth: depth)
      } else {
        try c.add(elementType, at: offset, 2, value: UInt64(type), depth: depth)
        try c.add(elementLength, at: offset + 2, 2, value: UInt64(count), depth: depth)
        if PFCPNames.isGrouped(type), nesting < maximumNesting {
          try elements(&c, from: offset + 4, to: offset + 4 + count, depth: depth + 1, nesting: nesting + 1)
        } else if type == fseidElement {
          try fseid(c, at: offset + 4, end: offset + 4 + count, depth: depth + 1)
        } else if type == pfdContentsElement {
          try pfdContentsFlags(c, at: offset + 4, end: offset + 4 + count, depth: depth + 1)
        }
      }
      offset += 4 + count
    }
  }
}
