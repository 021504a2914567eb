/// How GTP shows: Info is the message type (`Echo request`); a T-PDU's
/// inner packet writes its own, and the protocol column names the inner
/// protocol inside GTP's (`GTP <TCP>`).
extension GTP {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let message = f.uint(messageType) else { return row.set("GTP", info: nil) }
    row.set("GTP", info: GTPNames.messageName(message) ?? "Unknown (0x\(String(message, radix: 16)))")
    if message == tpdu, layer.next != nil { row.wrapLaterProtocols("GTP <", ">") }
  }
}
