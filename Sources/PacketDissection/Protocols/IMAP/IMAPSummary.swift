/// How IMAP shows: Info is `Request: ` or `Response: ` and the segment's
/// first line that is not an untagged response, else its last line's
/// length of its first bytes; nothing of IMAP's when a literal was handed
/// on first, or the segment went to TLS. A LOGIN without a password ends
/// it with `[BoundErrorUnreassembled Packet]`.
extension IMAP {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [item.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let info = Info(raw: f.first(item)?.value ?? 0)
    switch info.kind {
    case Info.untouched.kind: return
    case Info.protocolOnly.kind: row.set("IMAP", info: nil)
    default:
      let text = FieldText.formatted(f.dissection.packet.slice(f.span.start + info.start, info.length))
      row.set("IMAP", info: (info.kind == 2 ? "Request: " : "Response: ") + text)
    }
    if info.cut { row.appendToInfo("[BoundErrorUnreassembled Packet]") }
  }
}
