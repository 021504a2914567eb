import PacketWire

/// How SMTP shows: Info is `C: ` and the client's lines, or `S: ` and the
/// server's replies, joined by ` | `; a message's fragment is
/// `C: DATA fragment, N bytes`, its end `C: .`.
extension SMTP {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(endOfMessage) {
      row.set("SMTP", info: "C: .")
      return
    }
    let isClient = f.has(isRequest)
    guard isClient || f.has(isResponse) else {
      let length = max(0, f.span.dataEnd - f.span.start)
      row.set("SMTP", info: "C: DATA fragment, \(length) byte\(length == 1 ? "" : "s")")
      return
    }
    let layerBytes = f.dissection.packet.slice(f.span.start, max(0, f.span.dataEnd - f.span.start))
    let bytes = layerBytes.copyBytes()
    var parts: [String] = []
    var multiline = false
    for line in DataTextLines.lines(bytes) {
      let text = layerBytes.slice(line.start, line.length)
      if isClient {
        parts.append(clientText(text, f))
      } else if replyCode(bytes, line) != nil {
        // A reply's first line shows whole, the lines continuing it their text.
        parts.append(FieldText.escaped(multiline ? text.slice(4, line.length - 4) : text))
        multiline = line.length >= 4 && bytes[line.start + 3] == UInt8(ascii: "-")
      } else {
        parts.append("")
      }
    }
    row.set("SMTP", info: (isClient ? "C: " : "S: ") + parts.joined(separator: " | "))
  }

  /// A client line's text in Info: credentials AUTH asked for are labelled.
  private static func clientText(_ text: ByteView, _ f: LayerFields) -> String {
    if !f.has(commandLine) {
      if f.has(username) && !f.has(password) { return "User: " + FieldText.escaped(text) }
      if f.has(password) && !f.has(username) { return "Pass: " + FieldText.escaped(text) }
      return FieldText.escaped(text)
    }
    if text.count > 11, SMTPConversation.startsCaseless(text.slice(0, 10).copyBytes()[...], "AUTH LOGIN") {
      return FieldText.escaped(text.slice(0, 11)) + "User: " + FieldText.escaped(text.slice(11, text.count - 11))
    }
    return FieldText.escaped(text)
  }
}
