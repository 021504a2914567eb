/// How JSON shows: yellow; it adds `/JSON` to the protocol column
/// (`HTTP/JSON`), and HTTP's Info names it (`, JavaScript Object Notation
/// (application/json)`), as Wireshark's JSON does.
extension JSON {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set(row.protocolName + "/JSON", info: nil)
  }
}
