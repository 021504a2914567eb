/// How a mobility header shows: Info names the message type.
extension MIPv6 {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [mhtype.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("MIPv6", info: layer.fields.uint(mhtype).map { MIPv6Names.typeName($0) ?? "Unknown MH Type" })
  }
}
