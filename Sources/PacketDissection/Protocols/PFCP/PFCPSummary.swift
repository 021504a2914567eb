/// How PFCP shows: Info is the message type (`PFCP Heartbeat Request`),
/// `Unknown` for a type Wireshark does not name.
extension PFCP {
  static var hue: LayerHue? { .cyan }
  static var summaryFields: [FieldID] { [messageType.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard let message = layer.fields.uint(messageType) else { return row.set("PFCP", info: nil) }
    row.set("PFCP", info: PFCPNames.messageName(message) ?? "Unknown")
  }
}
