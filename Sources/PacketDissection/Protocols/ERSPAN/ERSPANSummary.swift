/// How ERSPAN shows: its headline names the type (`… Type II`, `… Unknown`
/// for another version), and the mirrored frame's layers fill the columns.
extension ERSPAN {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [] }

  static func headline(_ f: LayerFields) -> String {
    switch f.uint(version) {
    case nil: "\(f.label) Type I"
    case 1: "\(f.label) Type II"
    case 2: "\(f.label) Type III"
    default: "\(f.label) Unknown"
    }
  }

  static func summarize(_: SummaryLayer, into row: inout SummaryRow) {
    row.set("ERSPAN", info: "ERSPAN:")
  }
}
