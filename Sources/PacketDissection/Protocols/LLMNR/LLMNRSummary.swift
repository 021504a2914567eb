/// How LLMNR shows: as DNS does, named LLMNR.
extension LLMNR {
  static var hue: LayerHue? { .yellow }

  /// Its Info is DNS's, from the `dns.*` fields it fills.
  static var summaryFields: [FieldID] { [] }

  static func headline(_ f: LayerFields) -> String { DNS.headline(f) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    DNS.summarize(layer, as: "LLMNR", .llmnr, into: &row)
  }
}
