/// How mDNS shows: as DNS does, named MDNS, with each question's
/// `"QM"`/`"QU"` and each record's cache flush bit in Info.
extension MDNS {
  static var hue: LayerHue? { .yellow }

  /// Its Info is DNS's, from the `dns.*` fields it fills.
  static var summaryFields: [FieldID] { [] }

  static func headline(_ f: LayerFields) -> String { DNS.headline(f) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    DNS.summarize(layer, as: "MDNS", .mdns, into: &row)
  }
}
