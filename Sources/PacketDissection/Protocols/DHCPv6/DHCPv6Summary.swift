/// How DHCPv6 shows: Info is the message type and transaction ID, then
/// the client's DUID and each leased address in the order they come:
/// `Advertise XID: 0x90b45c IAA: 2a00:1::1 CID: 000300010001020304 `; a
/// relay's link address (`Relay-forw L: 2001:db8::1 `) before the message
/// it carries.
extension DHCPv6 {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var info = ""
    var optionCode: UInt64?
    for (field, record) in f.occurrences(of: DHCPv6.self) {
      switch field {
      case .msgType:
        info += (DHCPv6Names.messageType(record.value) ?? "Unknown") + " "
      case .transactionID:
        let hex = String(record.value, radix: 16)
        info += "XID: 0x" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex + " "
      case .linkAddress: info += "L: " + f.text(record) + " "
      case .optionType: optionCode = record.value
      case .duid where optionCode == 1: info += "CID: " + f.text(record) + " "
      case .iaAddress: info += "IAA: " + f.text(record) + " "
      default: break
      }
    }
    row.set("DHCPv6", info: info)
  }
}
