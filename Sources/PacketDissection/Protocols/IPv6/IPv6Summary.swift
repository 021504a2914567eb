import PacketWire

/// How IPv6 and its extension headers show: green and bright green, the
/// header headed and listed by its addresses. Each extension header puts
/// its name in Info before handing on (it stays when the packet ends
/// inside the header); the last header names a payload nobody dissects.
extension IPv6 {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [src, dst, nxt, version].map(\.fieldID) }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    f.appendHeadline(source: src, destination: dst, to: &out)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    row.addresses(f.first(src), f.first(dst))
    summarizeHeader(layer, nextHeader: f.uint(nxt), into: &row)
    if let bogus = IPv4.bogusVersion(f.uint(version), expected: 6) { (row.info, row.endsQuietly) = (bogus, true) }
  }

  /// What an options header's options change: a Mobile IPv6 Home Address
  /// option is the Source column from there on (Wireshark's `pinfo->src`),
  /// even when a later option is malformed.
  static func summarizeOptions(_ layer: SummaryLayer, into row: inout SummaryRow) {
    if let home = layer.fields.all(optHomeAddress).last { row.source = .field(home) }
  }

  /// The part every IPv6 header writes: the protocol column, and Info for
  /// a payload after the last header that nobody dissects.
  static func summarizeHeader(_ layer: SummaryLayer, nextHeader: UInt64?, into row: inout SummaryRow) {
    row.protocolName = "IPv6"
    guard layer.complete, layer.payloadUndissected, let next = nextHeader else { return }
    switch next {
    case 59: row.info = "IPv6 no next header"
    // Wireshark knows the Authentication and Mobility headers but does
    // not dissect them here.
    case 51, 135: row.info = ""
    default: row.info = "Unknown IP Protocol: \(ProtocolNumberNames.ipProtocol(next)) (\(next))"
    }
  }
}

extension IPv6HopByHop {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [nxt.fieldID, IPv6.optHomeAddress.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.info = "IPv6 hop-by-hop options"
    IPv6.summarizeOptions(layer, into: &row)
    IPv6.summarizeHeader(layer, nextHeader: layer.fields.uint(nxt), into: &row)
  }
}

extension IPv6Routing {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [nxt.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.info = "IPv6 routing"
    IPv6.summarizeHeader(layer, nextHeader: layer.fields.uint(nxt), into: &row)
  }
}

extension IPv6Fragment {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [nxt, offset, more, ident].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    row.info = "IPv6 fragment"
    IPv6.summarizeHeader(layer, nextHeader: f.uint(nxt), into: &row)
    // A fragment whose payload went to no dissector (a later one, or one
    // the defragmenter holds) is described, as Wireshark does.
    guard layer.complete, layer.payloadUndissected, let offset = f.uint(offset), let more = f.uint(more),
      let ident = f.uint(ident), let next = f.uint(nxt), offset != 0 || more != 0
    else { return }
    let hex = String(ident, radix: 16)
    row.info = "IPv6 fragment (off=\(offset &* 8) more=\(more != 0 ? "y" : "n") ident=0x"
      + String(repeating: "0", count: max(0, 8 - hex.count)) + hex + " nxt=\(next))"
  }
}

extension IPv6DestinationOptions {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [nxt.fieldID, IPv6.optHomeAddress.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.info = "IPv6 destination options"
    IPv6.summarizeOptions(layer, into: &row)
    IPv6.summarizeHeader(layer, nextHeader: layer.fields.uint(nxt), into: &row)
  }
}
