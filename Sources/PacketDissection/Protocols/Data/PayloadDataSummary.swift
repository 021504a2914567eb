import PacketWire

/// How undissected bytes show: grey, headed by their count.
extension PayloadData {
  static var hue: LayerHue? { .grey }

  static var summaryFields: [FieldID] { [Ethernet.len.fieldID] }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    let count = f.span.end &- f.span.start
    out.append(f.label)
    out.append(" (")
    if count < 0 { out.append(UInt8(ascii: "-")) }
    FieldText.appendDecimal(UInt64(count.magnitude), to: &out)
    out.append(count == 1 ? " byte)" : " bytes)")
  }

  /// Wireshark shows undissected bytes as far as they were captured,
  /// without complaint; but an 802.3 length that runs past the capture
  /// does complain.
  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let d = layer.fields.dissection
    guard layer.next == nil else { return }
    let previous = d.layers[..<layer.fields.layer].lastIndex { $0.depth == 0 && $0.protocolID != .malformed }
    let ieee8023 = previous.map { LayerFields(d, layer: $0).has(Ethernet.len) } ?? false
    if !ieee8023 { row.endsQuietly = true }
  }
}

/// The malformed marker shows red; its headline is its label.
extension Malformed {
  static var hue: LayerHue? { .red }
}
