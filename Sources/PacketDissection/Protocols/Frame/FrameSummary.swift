import PacketWire

/// How the frame shows: a headline with its sizes and interface, no
/// colour (it has no bytes of its own) and no columns.
extension Frame {
  static var hue: LayerHue? { nil }

  /// The summary reads the frame's facts, not its fields.
  static var summaryFields: [FieldID] { [] }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    let d = f.dissection
    func decimal(_ value: Int) { FieldText.appendDecimal(UInt64(clamping: value), to: &out) }
    let wire = d.frame.originalLength
    let captured = d.capturedCount
    out.append("Frame ")
    decimal(d.frame.number)
    out.append(": ")
    decimal(wire)
    out.append(" bytes on wire (")
    decimal(wire &* 8)
    out.append(" bits), ")
    decimal(captured)
    out.append(" bytes captured (")
    decimal(captured &* 8)
    out.append(" bits)")
    if let index = d.frame.interfaceIndex {
      out.append(" on interface ")
      out.append(d.frame.interfaceName ?? "unknown")
      out.append(", id ")
      decimal(index)
    }
  }

  /// Wireshark shows frames of link types nobody dissects as far as they
  /// were captured, without complaint.
  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    if layer.next == nil { row.endsQuietly = true }
  }
}
