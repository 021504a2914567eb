/// How SSDP shows: as HTTP, yellow; Info is the request or status line and a space.
extension SSDP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("SSDP", info: TextLines.firstLine(layer.fields) + " ")
  }
}
