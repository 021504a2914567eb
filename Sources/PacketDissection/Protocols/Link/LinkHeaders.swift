/// BSD loopback (`DLT_NULL`, host byte order) and OpenBSD loopback
/// (`DLT_LOOP`, network byte order): a 4-byte address family, then IP.
enum Null: UInt8, ProtocolModule {
  case item, family

  static var protocolID: ProtocolID { .null }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.linkType, 0), Binding(.linkType, 108)]
  static let headerBits = 32
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("null", "Null/Loopback")
    case .family: .uint("null.family", "Family", at: 0, bytes: 4)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var value = try c.uint32(0)
    // DLT_NULL is in the capturing host's byte order; Wireshark takes the
    // order under which the value is small.
    if c.dissection.frame.linkType.rawValue == 0 && value & 0xffff == 0 { value = value.byteSwapped }
    try c.add(family, at: 0, 4, value: UInt64(value))
    return .dispatch(.nullFamily, key: value, at: c.start + 4, end: c.end)
  }
}

/// Raw IP (`LINKTYPE_RAW`, 101, and `DLT_RAW`'s 12 and 14, as libpcap and
/// Wireshark read them): no link header; the version nibble picks IPv4 or
/// IPv6. Link types 228 and 229 carry one version only.
enum RawIP: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .raw }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.linkType, 101), Binding(.linkType, 12), Binding(.linkType, 14)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("raw", "Raw packet data")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let version = try c.uint8(0) >> 4
    switch version {
    case 4: return .layer(.ip, at: c.start, end: c.end)
    case 6: return .layer(.ipv6, at: c.start, end: c.end)
    default: return .data(at: c.start, end: c.end)
    }
  }
}

/// Linux "cooked" capture headers, version 1 (16 bytes) and 2 (20 bytes).
enum SLL: UInt8, ProtocolModule {
  case item, pkttype, hatype, halen, srcEth, srcIPv4, srcOther, unused, ltype, etype, gretype, ifindex

  static var protocolID: ProtocolID { .sll }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.linkType, 113), Binding(.linkType, 276)]
  static let headerBits = 128
  static let variablePart: String? = "Payload"

  /// Positions are version 1's; the dissector places each field where its
  /// version has it. The 8-byte address slot holds the source's
  /// link-layer address (as long as sll.halen says), then unused bytes.
  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("sll", "Linux cooked capture")
    case .pkttype: .uint("sll.pkttype", "Packet type", at: 0, bytes: 2)
    case .hatype: .uint("sll.hatype", "Link-layer address type", at: 2, bytes: 2)
    case .halen: .uint("sll.halen", "Link-layer address length", at: 4, bytes: 2)
    case .srcEth: .loose("sll.src.eth", "Source", .ether)
    case .srcIPv4: .loose("sll.src.ipv4", "Source", .ipv4)
    case .srcOther: .fixed("sll.src.other", "Source", .bytes, at: 6, bytes: 8)
    case .unused: .loose("sll.unused", "Unused", .bytes)
    case .ltype: .uint("sll.ltype", "Protocol", at: 14, bytes: 2, base: .hex, blurb: "Linux protocol type")
    case .etype: .uint("sll.etype", "Protocol", at: 14, bytes: 2, base: .hex, blurb: "Ethernet protocol type", values: .ethertypes)
    case .gretype: .uint("sll.gretype", "Protocol", at: 14, bytes: 2, base: .hex, blurb: "GRE protocol type")
    case .ifindex: .loose("sll.ifindex", "Interface index", .uint(bytes: 4))
    }
  }

  /// `ARPHRD_IPGRE`: the link-layer address type of a GRE tunnel.
  static let arphrdIPGRE: UInt16 = 778

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    if c.dissection.frame.linkType.rawValue == 276 { return try version2(&c) }
    try c.add(pkttype, at: 0, 2, value: UInt64(try c.uint16(0)))
    let hardware = try c.uint16(2)
    try c.add(hatype, at: 2, 2, value: UInt64(hardware))
    let addressLength = Int(try c.uint16(4))
    try c.add(halen, at: 4, 2, value: UInt64(addressLength))
    try source(c, at: 6, hardware: hardware, length: addressLength, room: 8)
    let proto = try c.uint16(14)
    return try payload(c, protocolAt: 14, proto, hardware: hardware, payloadAt: 16)
  }

  private static func version2(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let proto = try c.uint16(0)
    _ = try c.uint16(2)  // reserved
    try c.add(ifindex, at: 4, 4, value: UInt64(try c.uint32(4)))
    let hardware = try c.uint16(8)
    try c.add(hatype, at: 8, 2, value: UInt64(hardware))
    try c.add(pkttype, at: 10, 1, value: UInt64(try c.uint8(10)))
    let addressLength = Int(try c.uint8(11))
    try c.add(halen, at: 11, 1, value: UInt64(addressLength))
    try source(c, at: 12, hardware: hardware, length: addressLength, room: 8)
    return try payload(c, protocolAt: 0, proto, hardware: hardware, payloadAt: 20)
  }

  private static func source(
    _ c: LayerCursor, at offset: Int, hardware: UInt16, length: Int, room: Int
  ) throws(DissectionStop) {
    let shown = min(length, room)
    // Ethernet's and the loopback device's (ARPHRD_LOOPBACK) addresses are MAC addresses.
    if (hardware == 1 || hardware == 772) && length == 6 {
      try c.add(srcEth, at: offset, 6)
    } else if hardware == arphrdIPGRE && length == 4 {
      try c.add(srcIPv4, at: offset, 4, value: UInt64(try c.uint32(offset)))
    } else if shown > 0 {
      try c.add(srcOther, at: offset, shown)
    }
    if shown < room { try c.add(unused, at: offset + shown, room - shown) }
  }

  /// Protocol numbers below 1536 are Linux's own (`ETH_P_*`); above, EtherTypes.
  private static func payload(
    _ c: LayerCursor, protocolAt offset: Int, _ proto: UInt16, hardware: UInt16, payloadAt: Int
  ) throws(DissectionStop) -> Next {
    if proto < 1536 {
      try c.add(ltype, at: offset, 2, value: UInt64(proto))
      return .dispatch(.sllProtocol, key: UInt32(proto), at: c.start + payloadAt, end: c.end)
    }
    guard hardware == arphrdIPGRE else {
      try c.add(etype, at: offset, 2, value: UInt64(proto))
      return .dispatch(.ethertype, key: UInt32(proto), at: c.start + payloadAt, end: c.end)
    }
    // GRE tunnels carry GRE protocol types, which Wireshark looks up
    // directly: no `ethertype` layer.
    try c.add(gretype, at: offset, 2, value: UInt64(proto))
    guard let next = Registry.lookup(.ethertype, UInt32(proto)) else {
      return .data(at: c.start + payloadAt, end: c.end)
    }
    return .layer(next, at: c.start + payloadAt, end: c.end)
  }
}
