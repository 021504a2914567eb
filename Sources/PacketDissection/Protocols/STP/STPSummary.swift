/// How STP shows: Info names the BPDU and its root, cost and port
/// (`Conf. Root = 32768/1/00:19:06:ea:b8:80  Cost = 0  Port = 0x8005`).
extension STP {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] {
    [type, flags, rootPriority, rootExtension, rootHW, rootCost, port, version].map(\.fieldID)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    // Wireshark clears Info first: a BPDU cut short leaves it empty.
    row.set("STP", info: layer.complete ? info(layer.fields) : "")
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let bpdu = f.uint(type) else { return nil }
    if bpdu == topologyChange { return "Topology Change Notification" }
    guard let flagBits = f.uint(flags), let priority = f.uint(rootPriority), let ext = f.uint(rootExtension),
      let hw = f.text(rootHW), let cost = f.uint(rootCost), let port = f.uint(port)
    else { return nil }
    let kind: String
    switch (bpdu, f.uint(version) ?? 0) {
    case (configuration, _): kind = "Conf."
    case (rapid, 3): kind = "MST."
    case (rapid, 4): kind = "SPT."
    case (rapid, _): kind = "RST."
    default: return nil
    }
    let change = flagBits & 1 != 0 ? "TC + " : ""
    return "\(kind) \(change)Root = \(priority)/\(ext)/\(hw)  Cost = \(cost)  Port = 0x\(hex4(port))"
  }
}
