/// Packet Forwarding Control Protocol (3GPP TS 29.244) on UDP port 8805:
/// the header (its SEID when the S flag is set, its message priority when
/// the MP flag is), and the information elements as a list of types and
/// lengths, a grouped element's members after it, as Wireshark walks
/// them. The elements' contents are not taken apart.
enum PFCP: UInt8, ProtocolModule {
  case item, flags, version, spareBit4, spareBit3, followOn, messagePriorityFlag, seidFlag, messageType, length,
    seid, sequenceNumber, messagePriority, spareNibble, spareOctet, elementType, elementLength,
    enterpriseElementType, enterpriseID

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
        }
      }
      offset += 4 + count
    }
  }
}
