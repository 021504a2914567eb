/// How NBSS shows: Info is the message type (`Session message`), or
/// `NBSS Continuation Message` for a segment in the middle of one; SMB2
/// inside replaces it.
extension NBSS {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(continuationData) { return row.set("NBSS", info: "NBSS Continuation Message") }
    guard let kind = f.uint(type) else { return row.set("NBSS", info: nil) }
    row.set("NBSS", info: NBSSNames.messageTypeName(kind) ?? "Unknown (\(FieldText.hexByte(UInt8(truncatingIfNeeded: kind))))")
  }
}
