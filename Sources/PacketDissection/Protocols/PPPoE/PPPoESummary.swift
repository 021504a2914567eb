/// How PPPoE shows: Info names the code (`Active Discovery Offer (PADO)`),
/// and discovery adds the access concentrator's name when a tag gives it.
extension PPPoED {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [code, acName].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let number = f.uint(code) else { return row.set("PPPoED", info: nil) }
    var info = PPPoENames.codeName(number) ?? "Unknown"
    if let name = f.text(acName) { info += " AC-Name='\(name)'" }
    row.set("PPPoED", info: info)
  }
}

extension PPPoES {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [PPPoED.code.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let number = layer.fields.uint(PPPoED.code)
    row.set("PPPoES", info: number.map { PPPoENames.codeName($0) ?? "Unknown" })
  }
}
