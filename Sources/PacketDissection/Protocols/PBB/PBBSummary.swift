/// How an 802.1ah I-TAG shows: its service instance and customer addresses
/// head the layer, and its control bits fill Info until a later layer
/// writes its own.
extension PBB {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] { [priority, drop, nca, res1, res2, isid].map(\.fieldID) }

  static func headline(_ f: LayerFields) -> String {
    guard let id = f.uint(isid), let source = f.text(csrc), let destination = f.text(cdst) else { return f.label }
    return "\(f.label), I-SID: \(id), C-Src: \(source), C-Dst: \(destination)"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let p = f.uint(priority), let d = f.uint(drop), let n = f.uint(nca), let r1 = f.uint(res1),
      let r2 = f.uint(res2), let id = f.uint(isid)
    else { return row.set("IEEE 802.1ah", info: nil) }
    row.set("IEEE 802.1ah", info: "PRI: \(p)  Drop: \(d)  NCA: \(n)  Res1: \(r1)  Res2: \(r2)  I-SID: \(id)")
  }
}
