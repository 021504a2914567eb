/// How FTP shows: Info is `Request: ` or `Response: ` and the segment's
/// first line (cut, as Wireshark's column is, at 4,095 bytes).
extension FTP {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let packet = f.dissection.packet
    let start = f.span.start
    var end = start
    while end < packet.count, packet.byte(end) != 0x0d, packet.byte(end) != 0x0a { end += 1 }
    let line = FieldText.escaped(packet.slice(start, end - start))
    let info = (f.uint(isRequest) == 1 ? "Request: " : "Response: ") + line
    row.set("FTP", info: info.utf8.count > 4095 ? String(decoding: info.utf8.prefix(4095), as: UTF8.self) : info)
  }
}
