/// How Telnet shows: Info is always `Telnet Data ...`, as in Wireshark.
extension Telnet {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("TELNET", info: "Telnet Data ...")
  }
}
