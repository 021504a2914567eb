/// How NTP shows: Info is `NTP Version 4, client`.
extension NTP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [flagsVN, flagsMode].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let version = f.uint(flagsVN), let mode = f.uint(flagsMode) else { return }
    row.set("NTP", info: "NTP Version \(version), " + NTPNames.infoModeName(mode))
  }
}
