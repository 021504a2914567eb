import PacketWire

/// How an 802.1Q tag shows: bright cyan, with its priority, DEI and VLAN
/// id in the headline and in Info.
extension VLAN {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] { [priority, dei, id].map(\.fieldID) }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    out.append(f.label)
    guard let priority = f.uint(priority), let dei = f.uint(dei), let id = f.uint(id) else { return }
    out.append(", PRI: ")
    FieldText.appendDecimal(priority, to: &out)
    out.append(", DEI: ")
    FieldText.appendDecimal(dei, to: &out)
    out.append(", ID: ")
    FieldText.appendDecimal(id, to: &out)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("VLAN", info: info(layer.fields))
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let priority = f.uint(priority), let dei = f.uint(dei), let id = f.uint(id) else { return nil }
    return "PRI: \(priority)  DEI: \(dei)  ID: \(id)"
  }
}

/// An 802.1ad service tag shows in the VLAN tag's colour and leaves the
/// columns alone.
extension ServiceVLAN {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] { [] }
}
