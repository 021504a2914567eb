/// Linux netfilter's NFLOG messages (link type 239): an address family,
/// a version and a resource id, then TLVs whose length and type are in
/// the capturing host's byte order (little-endian here, as on the hosts
/// that write these captures) and whose values are big-endian, each padded
/// to 4 bytes. The payload TLV holds the logged packet: IPv4 or IPv6 by
/// the family, else what the packet header TLV's EtherType names.
enum NFLOG: UInt8, ProtocolModule {
  case item, family, version, resID, tlv, tlvLength, tlvType, protocolNumber, hook, ifindexIndev, ifindexOutdev,
    ifindexPhysindev, ifindexPhysoutdev, prefix, uid, gid, timestamp, tlvValue

  static var protocolID: ProtocolID { .nflog }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.linkType, 239)]
  static let headerBits = 32
  static let variablePart: String? = "TLVs"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nflog", "Linux Netfilter NFLOG")
    case .family: .uint("nflog.family", "Family", at: 0, bytes: 1, values: .nflogFamilies)
    case .version: .uint("nflog.version", "Version", at: 1, bytes: 1)
    case .resID: .uint("nflog.res_id", "Resource id", at: 2, bytes: 2)
    case .tlv: .loose("nflog.tlv", "TLV", .bytes)
    case .tlvLength: .loose("nflog.tlv_length", "Length", .uint(bytes: 2), blurb: "TLV Length")
    case .tlvType: .loose("nflog.tlv_type", "Type", .uint(bytes: 2), mask: 0x7fff, blurb: "TLV Type", values: .nflogTLVTypes)
    case .protocolNumber: .loose("nflog.protocol", "HW protocol", .uint(bytes: 2), base: .hex, values: .ethertypes)
    case .hook: .loose("nflog.hook", "Netfilter hook", .uint(bytes: 1), values: .nflogHooks)
    case .ifindexIndev: .loose("nflog.ifindex_indev", "IFINDEX_INDEV", .uint(bytes: 4))
    case .ifindexOutdev: .loose("nflog.ifindex_outdev", "IFINDEX_OUTDEV", .uint(bytes: 4))
    case .ifindexPhysindev: .loose("nflog.ifindex_physindev", "IFINDEX_PHYSINDEV", .uint(bytes: 4))
    case .ifindexPhysoutdev: .loose("nflog.ifindex_physoutdev", "IFINDEX_PHYSOUTDEV", .uint(bytes: 4))
    case .prefix: .loose("nflog.prefix", "Prefix", .string, blurb: "TLV Prefix Value")
    case .uid: .loose("nflog.uid", "UID", .int(bytes: 4), blurb: "TLV UID Value")
    case .gid: .loose("nflog.gid", "GID", .int(bytes: 4), blurb: "TLV GID Value")
    case .timestamp: .loose("nflog.timestamp", "Timestamp", .absoluteTime, blurb: "TLV Timestamp Value")
    case .tlvValue: .loose("nflog.tlv_value", "Value", .bytes, blurb: "TLV Value")
    }
  }

  static let headerLength = 4
  static let payloadType: UInt16 = 9

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let addressFamily = try c.fixed(family)
    try c.fixed(version)
    try c.fixed(resID)
    var offset = headerLength
    var hardwareProtocol: UInt16 = 0
    var payload: (at: Int, end: Int)?
    while offset < c.capturedLength {
      let length = Int(try c.uint16(offset).byteSwapped)
      // A length shorter than its own 4 bytes: Wireshark stops, malformed.
      guard length >= 4 else { throw .malformed }
      let type = try c.uint16(offset + 2).byteSwapped & 0x7fff
      try c.add(tlv, at: offset, length)
      try c.add(tlvLength, at: offset, 2, value: UInt64(length), depth: 2)
      try c.add(tlvType, at: offset + 2, 2, value: UInt64(type), depth: 2)
      let value = offset + 4
      let size = length - 4
      switch type {
      case 1:
        hardwareProtocol = try c.uint16(value)
        try c.add(protocolNumber, at: value, 2, value: UInt64(hardwareProtocol), depth: 2)
        try c.add(hook, at: value + 2, 1, value: UInt64(try c.uint8(value + 2)), depth: 2)
      case 3:
        let seconds = Int64(bitPattern: try c.uint(value, 8))
        let microseconds = Int64(bitPattern: try c.uint(value + 8, 8))
        let nanoseconds = seconds &* 1_000_000_000 &+ microseconds &* 1000
        try c.add(timestamp, at: value, 16, value: UInt64(bitPattern: nanoseconds), depth: 2)
      case 4, 5, 6, 7:
        let field: NFLOG = [ifindexIndev, ifindexOutdev, ifindexPhysindev, ifindexPhysoutdev][Int(type) - 4]
        try c.add(field, at: value, 4, value: UInt64(try c.uint32(value)), depth: 2)
      case payloadType:
        payload = (c.start + value, c.start + value + size)
      case 10:
        try c.check(value, size)
        var text: [UInt8] = []
        for i in 0..<size {
          let byte = try c.uint8(value + i)
          if byte == 0 { break }
          text.append(byte)
        }
        c.computed(prefix, at: value, size, bytes: text, depth: 2)
      case 11, 14:
        let id = Int32(bitPattern: try c.uint32(value))
        try c.add(type == 11 ? uid : gid, at: value, 4, value: UInt64(bitPattern: Int64(id)), depth: 2)
      default:
        if size > 0 { try c.add(tlvValue, at: value, size, depth: 2) }
      }
      offset += (length + 3) & ~3
    }
    guard let payload else { return .stop }
    return next(family: UInt8(addressFamily), hardwareProtocol: hardwareProtocol, at: payload.at, end: payload.end)
  }

  static let familyIPv4: UInt8 = 2
  static let familyIPv6: UInt8 = 10

  private static func next(family: UInt8, hardwareProtocol: UInt16, at start: Int, end: Int) -> Next {
    switch family {
    case familyIPv4: return .layer(.ip, at: start, end: end)
    case familyIPv6: return .layer(.ipv6, at: start, end: end)
    default:
      guard hardwareProtocol != 0, let proto = Registry.lookup(.ethertype, UInt32(hardwareProtocol)) else {
        return .data(at: start, end: end)
      }
      return .layer(proto, at: start, end: end)
    }
  }
}

extension ValueNames {
  static let nflogFamilies = ValueNames(NFLOGNames.familyName)
  static let nflogTLVTypes = ValueNames(NFLOGNames.tlvTypeName)
  static let nflogHooks = ValueNames(NFLOGNames.hookName)
}
