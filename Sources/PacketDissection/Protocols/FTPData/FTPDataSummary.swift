/// How FTP data shows: Info is `FTP Data: N bytes`, then the setup method
/// and the command the connection answers, each in parentheses; the item
/// counts the bytes.
extension FTPData {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [setupMethod.fieldID, command.fieldID, TCP.len.fieldID] }

  static func headline(_ f: LayerFields) -> String {
    "\(f.label) (\(max(0, f.span.dataEnd - f.span.start)) bytes data)"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let length = f.lastTopLayer(.tcp)?.uint(TCP.len) ?? UInt64(max(0, f.span.dataEnd - f.span.start))
    var info = "FTP Data: \(length) bytes"
    if let method = f.text(setupMethod) { info += " (\(method))" }
    if let command = f.text(command) { info += " (\(command))" }
    row.set("FTP-DATA", info: info)
  }
}
