/// How AYIYA shows: the protocol column only; Info stays UDP's, or the
/// forwarded packet's.
extension AYIYA {
  static var hue: LayerHue? { .cyan }
  static var summaryFields: [FieldID] { [] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("AYIYA", info: nil)
  }
}
