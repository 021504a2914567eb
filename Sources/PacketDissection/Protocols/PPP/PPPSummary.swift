/// How PPP shows: a point-to-point link has no addresses (`N/A` in both
/// columns until a later layer gives some; inside PPPoE, Ethernet's stay), and a protocol nobody
/// dissects is named in Info (`PPP Unknown (0x7e08)`) with its number as
/// the protocol column, as Wireshark writes them.
extension PPP {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.layer == 0 || f.dissection.layers[f.layer - 1].protocolID != .pppoes { row.addresses("N/A", "N/A") }
    guard layer.payloadUndissected, let number = layer.fields.uint(protocolNumber) else {
      row.set("PPP", info: nil)
      return
    }
    row.set("0x" + hex4(number), info: "PPP \(PPPNames.protocolName(number) ?? "Unknown") (0x\(hex4(number)))")
  }
}
