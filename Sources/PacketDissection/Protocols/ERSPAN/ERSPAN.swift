/// Cisco's Encapsulated Remote Switch Port Analyzer (GRE protocol 0x88be
/// for types I and II, 0x22eb for type III): a mirrored frame. Type I has
/// no header of its own and comes in GRE without a sequence number; type II
/// has an 8-byte header, type III a 12-byte one (and an 8-byte platform
/// subheader when its O bit is set). The header's version, not the GRE
/// protocol type, says which header it is, as Wireshark reads it.
enum ERSPAN: UInt8, ProtocolModule {
  case item, version, vlan, cos, encap, bso, truncated, spanid, reserved, index, timestamp, sgt, p, ft, hw,
    direction, gra, o, platid, pid1Reserved, pid1DomainID, pid1PortIndex, pid3Reserved, pid3PortIndex, pid3Timestamp,
    pid4Reserved1, pid4Reserved2, pid4Reserved3, pid5SwitchID, pid5PortIndex, pid5Timestamp, pid7Reserved,
    pid7SourceIndex, pid7Timestamp, platformReserved, versionUnknown

  static var protocolID: ProtocolID { .erspan }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.greProto, typeIIProtocol), Binding(.greProto, typeIIIProtocol)]
  static let headerBits = 64
  static let variablePart: String? = "Mirrored frame"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("erspan", "Encapsulated Remote Switch Packet ANalysis")
    case .version: .uint("erspan.version", "Version", at: 0, bytes: 2, mask: 0xf000, values: .erspanVersions)
    case .vlan: .uint("erspan.vlan", "Vlan", at: 0, bytes: 2, mask: 0x0fff)
    case .cos: .uint("erspan.cos", "COS", at: 2, bytes: 2, mask: 0xe000)
    case .encap: .uint("erspan.encap", "Encap", at: 2, bytes: 2, mask: 0x1800, values: .erspanEncapsulations)
    case .bso: .loose("erspan.bso", "Bad/Short/Oversized", .uint(bytes: 2), mask: 0x1800, values: .erspanBSO)
    case .truncated: .uint("erspan.truncated", "Truncated", at: 2, bytes: 2, mask: 0x0400,
      blurb: "ERSPAN packet exceeded the MTU size", values: .erspanTruncated)
    case .spanid: .uint("erspan.spanid", "SpanID", at: 2, bytes: 2, mask: 0x03ff)
    case .reserved: .uint("erspan.reserved", "Reserved", at: 4, bytes: 4, mask: 0xfff0_0000)
    case .index: .uint("erspan.index", "Index", at: 4, bytes: 4, mask: 0x000f_ffff)
    case .timestamp: .loose("erspan.timestamp", "Timestamp", .uint(bytes: 4), mask: 0xffff_ffff)
    case .sgt: .loose("erspan.sgt", "Security Group Tag", .uint(bytes: 2), mask: 0xffff)
    case .p: .loose("erspan.p", "Has Ethernet PDU", .uint(bytes: 2), mask: 0x8000)
    case .ft: .loose("erspan.ft", "Frame Type", .uint(bytes: 2), mask: 0x7c00, values: .erspanFrameTypes)
    case .hw: .loose("erspan.hw", "Hardware ID", .uint(bytes: 2), mask: 0x03f0)
    case .direction: .loose("erspan.direction", "Direction", .boolean(bytes: 2), mask: 0x0008,
      values: .flagLabels(set: "Egress", notSet: "Ingress"))
    case .gra: .loose("erspan.gra", "Timestamp granularity", .uint(bytes: 2), mask: 0x0006, values: .erspanGranularities)
    case .o: .loose("erspan.o", "Optional Sub headers", .uint(bytes: 2), mask: 0x0001)
    case .platid: .loose("erspan.platid", "Platform ID", .uint(bytes: 4), mask: 0xfc00_0000)
    case .pid1Reserved: .loose("erspan.pid1.rsvd1", "Reserved", .uint(bytes: 4), mask: 0x03ff_f000)
    case .pid1DomainID: .loose("erspan.pid1.vsmid", "VSM Domain ID", .uint(bytes: 4), mask: 0x0000_0fff)
    case .pid1PortIndex: .loose("erspan.pid1.port_index", "Port ID/Index", .uint(bytes: 4), mask: 0xffff_ffff)
    case .pid3Reserved: .loose("erspan.pid3.rsvd1", "Reserved", .uint(bytes: 4), mask: 0x03ff_c000)
    case .pid3PortIndex: .loose("erspan.pid3.port_index", "Port ID/Index", .uint(bytes: 4), mask: 0x0000_3fff)
    case .pid3Timestamp: .loose("erspan.pid3.timestamp", "Upper 32-bit Timestamp", .uint(bytes: 4), mask: 0xffff_ffff)
    case .pid4Reserved1: .loose("erspan.pid4.rsvd1", "Reserved", .uint(bytes: 4), mask: 0x03ff_c000)
    case .pid4Reserved2: .loose("erspan.pid4.rsvd2", "Reserved", .uint(bytes: 4), mask: 0x0000_3fff)
    case .pid4Reserved3: .loose("erspan.pid4.rsvd3", "Reserved", .uint(bytes: 4), mask: 0xffff_ffff)
    case .pid5SwitchID: .loose("erspan.pid5.switchid", "Switch ID", .uint(bytes: 4), mask: 0x03ff_0000)
    case .pid5PortIndex: .loose("erspan.pid5.port_index", "Port ID/Index", .uint(bytes: 4), mask: 0x0000_ffff)
    case .pid5Timestamp: .loose("erspan.pid5.timestamp", "Timestamp (seconds)", .uint(bytes: 4), mask: 0xffff_ffff)
    case .pid7Reserved: .loose("erspan.pid7.rsvd1", "Reserved", .uint(bytes: 4), mask: 0x03f0_0000)
    case .pid7SourceIndex: .loose("erspan.pid7.source_index", "Source Index", .uint(bytes: 4), mask: 0x000f_ffff)
    case .pid7Timestamp: .loose("erspan.pid7.timestamp", "Upper 32-bit Timestamp", .uint(bytes: 4), mask: 0xffff_ffff)
    case .platformReserved: .loose("erspan.pid.rsvd", "Reserved", .uint(bytes: 8), mask: 0x03ff_ffff)
    case .versionUnknown: .loose("erspan.version.unknown", "Unknown version, please report or test to use fake ERSPAN preference", .label)
    }
  }

  static let typeIIProtocol: UInt32 = 0x88be
  static let typeIIIProtocol: UInt32 = 0x22eb
  static let sequenceBit: UInt16 = 0x1000
  /// The type III frame type of a mirrored Ethernet frame; Wireshark shows
  /// any other frame type (IP is 2) as data.
  static let ethernetFrameType: UInt64 = 0

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard hasHeader(c) else { return .layer(.eth, at: c.start, end: c.end) }
    let kind = try c.uint16(0) >> 12
    try c.fixed(version)
    switch kind {
    case 1:
      for field in [vlan, cos, encap, truncated, spanid, reserved, index] { try c.fixed(field) }
      return .layer(.eth, at: c.start + 8, end: c.end)
    case 2:
      return try typeIII(c)
    default:
      // Wireshark adds the version a second time, flags it, and shows
      // nothing of the rest.
      try c.fixed(version)
      try c.add(versionUnknown, at: 0, 2)
      return .stop
    }
  }

  private static func typeIII(_ c: LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(vlan)
    try c.fixed(cos)
    let second = UInt64(try c.uint16(2))
    try c.add(bso, at: 2, 2, value: second >> 11 & 3)
    try c.fixed(truncated)
    try c.fixed(spanid)
    try c.add(timestamp, at: 4, 4, value: UInt64(try c.uint32(4)))
    try c.add(sgt, at: 8, 2, value: UInt64(try c.uint16(8)))
    let bits = UInt64(try c.uint16(10))
    try c.add(p, at: 10, 2, value: bits >> 15)
    try c.add(ft, at: 10, 2, value: bits >> 10 & 0x1f)
    try c.add(hw, at: 10, 2, value: bits >> 4 & 0x3f)
    try c.add(direction, at: 10, 2, value: bits >> 3 & 1)
    try c.add(gra, at: 10, 2, value: bits >> 1 & 3)
    try c.add(o, at: 10, 2, value: bits & 1)
    var offset = 12
    if bits & 1 != 0 {
      try platformSubheader(c, at: offset)
      offset += 8
    }
    guard bits >> 10 & 0x1f == ethernetFrameType else { return .data(at: c.start + offset, end: c.end) }
    return .layer(.eth, at: c.start + offset, end: c.end)
  }

  /// The 8-byte platform-specific subheader: a 6-bit platform ID, then
  /// fields laid out by platform (Wireshark reads platform 0 as 7).
  private static func platformSubheader(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let first = UInt64(try c.uint32(offset))
    let second = UInt64(try c.uint32(offset + 4))
    let platform = first >> 26
    try c.add(platid, at: offset, 4, value: platform)
    let layout: (high: ERSPAN, highMask: UInt64, low: ERSPAN, lowMask: UInt64, next: ERSPAN)
    switch platform {
    case 1: layout = (pid1Reserved, 0x03ff_f000, pid1DomainID, 0x0fff, pid1PortIndex)
    case 3: layout = (pid3Reserved, 0x03ff_c000, pid3PortIndex, 0x3fff, pid3Timestamp)
    case 4: layout = (pid4Reserved1, 0x03ff_c000, pid4Reserved2, 0x3fff, pid4Reserved3)
    case 5, 6: layout = (pid5SwitchID, 0x03ff_0000, pid5PortIndex, 0xffff, pid5Timestamp)
    case 0, 7: layout = (pid7Reserved, 0x03f0_0000, pid7SourceIndex, 0x000f_ffff, pid7Timestamp)
    default:
      try c.add(platformReserved, at: offset, 8, value: (first << 32 | second) & 0x03ff_ffff)
      return
    }
    try c.add(layout.high, at: offset, 4, value: (first & layout.highMask) >> layout.highMask.trailingZeroBitCount)
    try c.add(layout.low, at: offset, 4, value: first & layout.lowMask)
    try c.add(layout.next, at: offset + 4, 4, value: second)
  }

  /// Whether an ERSPAN header comes first: always under GRE type 0x22eb;
  /// under 0x88be only when the GRE header carries a sequence number, which
  /// Wireshark takes to mean type II (type I has no header).
  private static func hasHeader(_ c: LayerCursor) -> Bool {
    let layers = c.dissection.layers
    guard layers.count >= 2, layers[layers.count - 2].protocolID == .gre else { return true }
    let gre = layers[layers.count - 2].start
    guard let flags = c.packet.uint16(at: gre), let type = c.packet.uint16(at: gre + 2) else { return true }
    return UInt32(type) == typeIIIProtocol || flags & sequenceBit != 0
  }
}

extension ValueNames {
  static let erspanVersions = ValueNames(ERSPANNames.versionName)
  static let erspanEncapsulations = ValueNames(ERSPANNames.encapsulationName)
  static let erspanBSO = ValueNames(ERSPANNames.bsoName)
  static let erspanTruncated = ValueNames(ERSPANNames.truncatedName)
  static let erspanFrameTypes = ValueNames(ERSPANNames.frameTypeName)
  static let erspanGranularities = ValueNames(ERSPANNames.granularityName)
}
