/// How the capture link headers show: cyan; Linux cooked captures list
/// their source address, BSD loopback its name.
extension SLL {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [srcEth, srcIPv4, srcOther].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if let source = f.text(srcEth) ?? f.text(srcIPv4) ?? f.text(srcOther) {
      row.addresses(source, "")
    }
    row.protocolName = "SLL"
  }
}

extension Null {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_: SummaryLayer, into row: inout SummaryRow) {
    row.protocolName = "NULL"
  }
}

extension RawIP {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [] }
}
