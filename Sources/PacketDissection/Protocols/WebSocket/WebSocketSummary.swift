/// How WebSocket shows: Protocol `WebSocket`; Info names the segment's
/// last frame's opcode (each frame sets it anew), `[FIN]` on a final frame and `[MASKED]` on a masked one, as
/// Wireshark's does (`WebSocket Text [FIN] [MASKED]`, `WebSocket Ping [FIN] `).
extension WebSocket {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [fin, opcode, mask].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let fins = f.all(fin)
    let masks = f.all(mask)
    guard let code = f.all(opcode).last?.value else { return }
    var text = "WebSocket " + (WebSocketNames.opcodes[code] ?? "Unknown (\(code))")
    text += fins.last.map { $0.value != 0 } ?? false ? " [FIN] " : " "
    if masks.last.map({ $0.value != 0 }) ?? false { text += "[MASKED]" }
    row.set("WebSocket", info: text)
  }
}
