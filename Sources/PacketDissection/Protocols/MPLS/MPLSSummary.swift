/// How an MPLS stack shows: the headline gives the top entry, and Info
/// says what the packet is until a later layer writes its own.
extension MPLS {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] { [] }

  static func headline(_ f: LayerFields) -> String {
    guard let l = f.uint(label), let e = f.uint(exp), let s = f.uint(bottom), let t = f.uint(ttl) else { return f.label }
    let special = MPLSNames.specialLabel(l).map { " (\($0))" } ?? (l <= 15 ? " (Reserved - Unknown)" : "")
    return "\(f.label), Label: \(l)\(special), Exp: \(e), S: \(s), TTL: \(t)"
  }

  static func summarize(_: SummaryLayer, into row: inout SummaryRow) {
    row.set("MPLS", info: "MPLS Label Switched Packet")
  }
}
