/// Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3).
enum Ethernet {
  static let decl = ProtocolDecl(
    .eth, name: "eth", label: "Ethernet II", level: .link,
    fields: [
      .fixed("eth.dst", "Destination", .ether, at: 0, bytes: 6, blurb: "Destination Hardware Address"),
      .flag("eth.dst.lg", "LG bit", at: 0, bytes: 3, mask: 0x020000),
      .flag("eth.dst.ig", "IG bit", at: 0, bytes: 3, mask: 0x010000),
      .fixed("eth.src", "Source", .ether, at: 6, bytes: 6, blurb: "Source Hardware Address"),
      .flag("eth.src.lg", "LG bit", at: 6, bytes: 3, mask: 0x020000),
      .flag("eth.src.ig", "IG bit", at: 6, bytes: 3, mask: 0x010000),
      .loose("eth.addr", "Address", .ether, blurb: "Source or Destination Hardware Address"),
      .loose("eth.lg", "LG bit", .boolean(bytes: 3), mask: 0x020000),
      .loose("eth.ig", "IG bit", .boolean(bytes: 3), mask: 0x010000),
      .uint("eth.type", "Type", at: 12, bytes: 2, base: .hex),
      .loose("eth.len", "Length", .uint(bytes: 2)),
      .loose("eth.padding", "Padding", .bytes, blurb: "Ethernet Padding"),
      .loose("eth.trailer", "Trailer", .bytes, blurb: "Ethernet Trailer or Checksum"),
      .loose("eth.fcs", "Frame check sequence", .uint(bytes: 4), base: .hex, blurb: "Ethernet checksum"),
      .loose("eth.fcs.status", "FCS Status", .uint(bytes: 1), blurb: "2: not verified"),
    ],
    bindings: [Binding(.linkType, 1)], headerBits: 112, variablePart: "Payload")

  static let dst = FieldID(.eth, 1, "eth.dst")
  static let dstLG = FieldID(.eth, 2, "eth.dst.lg")
  static let dstIG = FieldID(.eth, 3, "eth.dst.ig")
  static let src = FieldID(.eth, 4, "eth.src")
  static let srcLG = FieldID(.eth, 5, "eth.src.lg")
  static let srcIG = FieldID(.eth, 6, "eth.src.ig")
  static let addr = FieldID(.eth, 7, "eth.addr")
  static let lg = FieldID(.eth, 8, "eth.lg")
  static let ig = FieldID(.eth, 9, "eth.ig")
  static let type = FieldID(.eth, 10, "eth.type")
  static let len = FieldID(.eth, 11, "eth.len")
  static let padding = FieldID(.eth, 12, "eth.padding")
  static let trailer = FieldID(.eth, 13, "eth.trailer")
  static let fcs = FieldID(.eth, 14, "eth.fcs")
  static let fcsStatus = FieldID(.eth, 15, "eth.fcs.status")

  /// Smallest Ethernet frame without its FCS; shorter payloads are padded.
  static let minimumFrame = 60

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try address(c, at: 0, field: dst, lgField: dstLG, igField: dstIG)
    try address(c, at: 6, field: src, lgField: srcLG, igField: srcIG)
    let typeOrLength = try c.uint16(12)
    if typeOrLength <= 1500 {
      // IEEE 802.3: a length, then LLC, which pktsh does not dissect.
      try c.add(len, at: 12, 2, value: UInt64(typeOrLength))
      c.dissection.trailerOwner = TrailerOwner(
        layer: c.dissection.layers.count - 1, payloadStart: c.start + 14, padding: padding, trailer: trailer)
      c.dissection.claim(end: c.start + 14 + Int(typeOrLength))
      return .data(at: c.start + 14, end: min(c.end, c.start + 14 + Int(typeOrLength)))
    }
    try c.fixed(type)
    c.dissection.trailerOwner = TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 14, padding: padding, trailer: trailer)
    return .dispatch(.ethertype, key: UInt32(typeOrLength), at: c.start + 14, end: c.end)
  }

  private static func address(
    _ c: LayerCursor, at offset: Int, field: FieldID, lgField: FieldID, igField: FieldID
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
enum Ethertype {
  static let decl = ProtocolDecl(
    .ethertype, name: "ethertype", label: "EtherType", level: .link, fields: [])
}
