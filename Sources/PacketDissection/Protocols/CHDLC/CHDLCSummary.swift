/// How Cisco HDLC shows: a serial link has no addresses (`N/A` in both
/// columns until a later layer gives some).
extension CHDLC {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [] }

  static func summarize(_: SummaryLayer, into row: inout SummaryRow) {
    row.addresses("N/A", "N/A")
    row.set("CHDLC", info: nil)
  }
}
