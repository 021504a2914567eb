/// How NBSS shows: Info is the message type (`Session message`), or
/// `NBSS Continuation Message` for a segment in the middle of one; SMB2
/// inside replaces it. A later message of the segment leaves the columns
/// as the messages before left them, as tshark names the type once.
extension NBSS {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard !layer.furtherPDU else { return }
    let f = layer.fields
    if f.has(continuationData) { return row.set("NBSS", info: "NBSS Continuation Message") }
    guard let kind = f.uint(type) else { return row.set("NBSS", info: nil) }
    row.set("NBSS", info: info(kind: UInt8(truncatingIfNeeded: kind)))
  }

  /// The message type as Info names it.
  static func info(kind: UInt8) -> String {
    NBSSNames.messageTypeName(UInt64(kind)) ?? "Unknown (\(FieldText.hexByte(kind)))"
  }
}
