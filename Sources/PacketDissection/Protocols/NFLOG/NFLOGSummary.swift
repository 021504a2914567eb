/// How NFLOG shows: cyan, as the other capture link headers; the logged
/// packet's layers fill the columns.
extension NFLOG {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_: SummaryLayer, into row: inout SummaryRow) {
    row.set("NFLOG", info: nil)
  }
}
