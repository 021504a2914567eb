/// How FDDI shows: cyan, headed by what its frame control says the frame
/// is (`Async LLC frame, priority 0`), which is also Info until a later
/// layer writes its own; its addresses fill the address columns.
extension FDDI {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [fc, src, dst].map(\.fieldID) }

  static func headline(_ f: LayerFields) -> String {
    guard let control = f.uint(fc) else { return f.label }
    return "\(f.label), \(FDDINames.frameControl(control))"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    row.addresses(f.first(src), f.first(dst))
    row.set("FDDI", info: f.uint(fc).map(FDDINames.frameControl))
  }
}
