/// Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3).
enum Ethernet: UInt8, ProtocolModule {
  case item, dst, dstLG, dstIG, src, srcLG, srcIG, addr, lg, ig, type, len, padding, trailer, fcs, fcsStatus

  static var protocolID: ProtocolID { .eth }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [
    Binding(.linkType, 1), Binding(.greProto, 0x6558), Binding(.ethertype, 0x6558),
    // An Ethernet frame as an IP payload (RFC 8986, segment routing).
    Binding(.ipProto, 143),
  ]
  static let headerBits = 112
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("eth", "Ethernet II")
    case .dst: .fixed("eth.dst", "Destination", .ether, at: 0, bytes: 6, blurb: "Destination Hardware Address", kernel: .fixed(after: 14))
    case .dstLG: .flag("eth.dst.lg", "LG bit", at: 0, bytes: 3, mask: 0x020000, values: .lgBit)
    case .dstIG: .flag("eth.dst.ig", "IG bit", at: 0, bytes: 3, mask: 0x010000, values: .igBit)
    case .src: .fixed("eth.src", "Source", .ether, at: 6, bytes: 6, blurb: "Source Hardware Address", kernel: .fixed(after: 14))
    case .srcLG: .flag("eth.src.lg", "LG bit", at: 6, bytes: 3, mask: 0x020000, values: .lgBit)
    case .srcIG: .flag("eth.src.ig", "IG bit", at: 6, bytes: 3, mask: 0x010000, values: .igBit)
    case .addr: .loose("eth.addr", "Address", .ether, blurb: "Source or Destination Hardware Address", kernel: .copies(of: [(Ethernet.dst, after: 14), (Ethernet.src, after: 14)]))
    case .lg: .loose("eth.lg", "LG bit", .boolean(bytes: 3), mask: 0x020000, values: .lgBit)
    case .ig: .loose("eth.ig", "IG bit", .boolean(bytes: 3), mask: 0x010000, values: .igBit)
    case .type: .uint("eth.type", "Type", at: 12, bytes: 2, base: .hex, values: .ethertypes, kernel: .fixed(after: 14, condition: .typeNotLength))
    case .len: .loose("eth.len", "Length", .uint(bytes: 2))
    case .padding: .loose("eth.padding", "Padding", .bytes, blurb: "Ethernet Padding")
    case .trailer: .loose("eth.trailer", "Trailer", .bytes, blurb: "Ethernet Trailer or Checksum")
    case .fcs: .loose("eth.fcs", "Frame check sequence", .uint(bytes: 4), base: .hex, blurb: "Ethernet checksum")
    case .fcsStatus: .loose("eth.fcs.status", "FCS Status", .uint(bytes: 1), blurb: "2: not verified", values: .checksumStatus)
    }
  }

  /// Smallest Ethernet frame without its FCS; shorter payloads are padded.
  static let minimumFrame = 60

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // A header cut short shows no field at all, as in tshark (which reads
    // the 14 bytes before it adds the first).
    try c.check(0, 14)
    try address(c, at: 0, field: dst, lgField: dstLG, igField: dstIG)
    try address(c, at: 6, field: src, lgField: srcLG, igField: srcIG)
    let typeOrLength = try c.uint16(12)
    if typeOrLength <= 1500 {
      // IEEE 802.3: a length, then LLC.
      try c.add(len, at: 12, 2, value: UInt64(typeOrLength))
      c.dissection.own(trailer: TrailerOwner(
        layer: c.dissection.layers.count - 1, payloadStart: c.start + 14, padding: padding.fieldID, trailer: trailer.fieldID))
      c.dissection.claim(end: c.start + 14 + Int(typeOrLength))
      return .layer(.llc, at: c.start + 14, end: min(c.end, c.start + 14 + Int(typeOrLength)))
    }
    try c.fixed(type)
    c.dissection.own(trailer: TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 14, padding: padding.fieldID, trailer: trailer.fieldID))
    return .dispatch(.ethertype, key: UInt32(typeOrLength), at: c.start + 14, end: c.end)
  }

  private static func address(
    _ c: LayerCursor, at offset: Int, field: Ethernet, lgField: Ethernet, igField: Ethernet
  ) throws(DissectionStop) {
    // One check covers every field below; most questions want none of them.
    try c.check(offset, 6)
    guard c.wants(field) || c.wants(lgField) || c.wants(igField) || c.wants(addr) || c.wants(lg) || c.wants(ig)
    else { return }
    try c.add(field, at: offset, 6)
    let first = UInt64(try c.uint8(offset))
    try c.add(lgField, at: offset, 3, value: first >> 1 & 1, depth: 2)
    try c.add(igField, at: offset, 3, value: first & 1, depth: 2)
    try c.add(addr, at: offset, 6, flags: .hidden)
    try c.add(lg, at: offset, 3, value: first >> 1 & 1, depth: 2, flags: .hidden)
    try c.add(ig, at: offset, 3, value: first & 1, depth: 2, flags: .hidden)
  }
}

/// Wireshark lists `ethertype` in `frame.protocols` wherever a layer hands
/// its payload on by EtherType; it has no fields of its own.
enum Ethertype: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .ethertype }
  static var level: LayerLevel { .link }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ethertype", "EtherType")
    }
  }

  /// A marker: no bytes of its own to walk.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
