/// How Teredo shows: the protocol column, and Info naming the indications
/// it carries (`Authentication header, Origin indication`); the IPv6
/// packet's layers usually write over both.
extension Teredo {
  static var hue: LayerHue? { .cyan }
  static var summaryFields: [FieldID] { [authentication.fieldID, origin.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var parts: [String] = []
    if f.has(authentication) { parts.append("Authentication header") }
    if f.has(origin) { parts.append("Origin indication") }
    row.set("Teredo", info: parts.joined(separator: ", "))
  }
}
