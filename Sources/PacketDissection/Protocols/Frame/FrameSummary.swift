/// How the frame shows: a headline with its sizes and interface, no
/// colour (it has no bytes of its own) and no columns.
extension Frame {
  static var hue: LayerHue? { nil }

  static func headline(_ f: LayerFields) -> String {
    let d = f.dissection
    let wire = d.frame.originalLength
    let captured = d.packet.count
    var out = "Frame \(d.frame.number): \(wire) bytes on wire (\(wire &* 8) bits), "
      + "\(captured) bytes captured (\(captured &* 8) bits)"
    if let index = d.frame.interfaceIndex {
      out += " on interface \(d.frame.interfaceName ?? "unknown"), id \(index)"
    }
    return out
  }

  /// Wireshark shows frames of link types nobody dissects as far as they
  /// were captured, without complaint.
  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    if layer.next == nil { row.endsQuietly = true }
  }
}
