/// How GRE shows: its headline and Info name the encapsulated protocol
/// (`Generic Routing Encapsulation (IP)`, `Encapsulated IP`).
extension GRE {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [proto.fieldID] }

  static func headline(_ f: LayerFields) -> String {
    guard let type = f.uint(proto) else { return f.label }
    return "\(f.label) (\(GRENames.protocolName(type) ?? "0x" + hex4(type) + " - unknown"))"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard let type = layer.fields.uint(proto) else { return row.set("GRE", info: nil) }
    row.set("GRE", info: "Encapsulated " + (GRENames.protocolName(type) ?? "0x" + hex4(type) + " (unknown)"))
  }
}
