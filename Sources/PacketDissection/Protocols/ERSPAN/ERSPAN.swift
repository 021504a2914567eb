/// Cisco's Encapsulated Remote Switch Port Analyzer (GRE protocol 0x88be):
/// a mirrored Ethernet frame. Type I has no header of its own and comes in
/// GRE without a sequence number; type II has an 8-byte header, type III a
/// 12-byte one (and an 8-byte platform subheader when its O bit is set).
enum ERSPAN: UInt8, ProtocolModule {
  case item, version, vlan, cos, encap, bso, truncated, spanid, reserved, index, timestamp, sgt, p, ft, hw,
    direction, gra, o, platid, platformReserved, versionUnknown

  static var protocolID: ProtocolID { .erspan }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.greProto, 0x88be)]
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
    case .timestamp: .loose("erspan.timestamp", "Timestamp", .uint(bytes: 4))
    case .sgt: .loose("erspan.sgt", "Security Group Tag", .uint(bytes: 2))
    case .p: .loose("erspan.p", "Has Ethernet PDU", .uint(bytes: 2), mask: 0x8000)
    case .ft: .loose("erspan.ft", "Frame Type", .uint(bytes: 2), mask: 0x7c00, values: .erspanFrameTypes)
    case .hw: .loose("erspan.hw", "Hardware ID", .uint(bytes: 2), mask: 0x03f0)
    case .direction: .loose("erspan.direction", "Direction", .boolean(bytes: 2), mask: 0x0008,
      values: .flagLabels(set: "Egress", notSet: "Ingress"))
    case .gra: .loose("erspan.gra", "Timestamp granularity", .uint(bytes: 2), mask: 0x0006, values: .erspanGranularities)
    case .o: .loose("erspan.o", "Optional Sub headers", .uint(bytes: 2), mask: 0x0001)
    case .platid: .loose("erspan.platid", "Platform ID", .uint(bytes: 4), mask: 0xfc00_0000)
    case .platformReserved: .loose("erspan.pid.rsvd", "Reserved", .uint(bytes: 8), mask: 0x03ff_ffff)
    case .versionUnknown: .loose("erspan.version.unknown", "Unknown version, please report or test to use fake ERSPAN preference", .label)
    }
  }

  static let sequenceBit: UInt16 = 0x1000

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard greHasSequence(c) else { return .layer(.eth, at: c.start, end: c.end) }
    let kind = try c.uint16(0) >> 12
    try c.fixed(version)
    switch kind {
    case 1:
      for field in [vlan, cos, encap, truncated, spanid, reserved, index] { try c.fixed(field) }
      return .layer(.eth, at: c.start + 8, end: c.end)
    case 2:
      return try typeIII(c)
    default:
      try c.add(versionUnknown, at: 0, 2)
      return .data(at: c.start + 2, end: c.end)
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
      let platform = try c.uint(offset, 8)
      try c.add(platid, at: offset, 4, value: platform >> 58)
      try c.add(platformReserved, at: offset, 8, value: platform & 0x03ff_ffff)
      offset += 8
    }
    return .layer(.eth, at: c.start + offset, end: c.end)
  }

  /// Whether the GRE header before this layer carries a sequence number,
  /// which Wireshark takes to mean an ERSPAN header follows (type I has none).
  private static func greHasSequence(_ c: LayerCursor) -> Bool {
    let layers = c.dissection.layers
    guard layers.count >= 2, layers[layers.count - 2].protocolID == .gre,
      let flags = c.packet.uint16(at: layers[layers.count - 2].start)
    else { return true }
    return flags & sequenceBit != 0
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
