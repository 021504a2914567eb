/// How FTP shows: Info is `Request: ` or `Response: ` and the segment's
/// first line (cut, as Wireshark's column is, at 4,095 bytes).
extension FTP {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let line = TextLines.firstLine(f)
    let info = (f.uint(isRequest) == 1 ? "Request: " : "Response: ") + line
    row.set("FTP", info: info.utf8.count > 4095 ? String(decoding: info.utf8.prefix(4095), as: UTF8.self) : info)
  }
}
