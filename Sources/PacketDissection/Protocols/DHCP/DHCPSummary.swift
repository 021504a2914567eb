/// How DHCP shows: Info is `DHCP Discover - Transaction ID 0x7c0` (the
/// message type padded to eight characters); without a message type
/// option the protocol is BOOTP.
extension DHCP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [id, optionDHCP, type].map(\.fieldID) }

  static func headline(_ f: LayerFields) -> String {
    guard let kind = f.uint(optionDHCP) else { return f.label }
    return f.label + " (" + (DHCPNames.messageTypeName(kind) ?? "Unknown") + ")"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let transaction = f.uint(id) else { return }
    if let kind = f.uint(optionDHCP) {
      var name = DHCPNames.messageTypeName(kind) ?? "Unknown Message Type (0x\(String(kind, radix: 16)))"
      while name.count < 8 { name += " " }
      row.set("DHCP", info: "DHCP \(name) - Transaction ID 0x\(String(transaction, radix: 16))")
    } else {
      let op = f.uint(type) ?? 0
      row.set("BOOTP", info: op == 1 || op == 2 ? DHCPNames.opName(op)! : "Unknown BOOTP message type (\(op))")
    }
  }
}
