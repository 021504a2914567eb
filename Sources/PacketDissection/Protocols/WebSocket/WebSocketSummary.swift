/// How WebSocket shows: Protocol `WebSocket`; Info names each frame's
/// opcode, `[FIN]` on a final frame and `[MASKED]` on a masked one, as
/// Wireshark's does (`WebSocket Text [FIN] [MASKED]`, `WebSocket Ping [FIN] `).
extension WebSocket {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [fin, opcode, mask].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let fins = f.all(fin)
    let masks = f.all(mask)
    var parts: [String] = []
    for (i, record) in f.all(opcode).enumerated() {
      var text = "WebSocket " + (WebSocketNames.opcodes[record.value] ?? "Unknown (\(record.value))")
      text += i < fins.count && fins[i].value != 0 ? " [FIN] " : " "
      if i < masks.count, masks[i].value != 0 { text += "[MASKED]" }
      parts.append(text)
    }
    row.set("WebSocket", info: parts.joined(separator: " "))
  }
}
