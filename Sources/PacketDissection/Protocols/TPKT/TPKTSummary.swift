/// How TPKT shows: the protocol column `TPKT`, and Info `Continuation`
/// for a segment in the middle of a packet; otherwise Info is emptied for
/// COTP, which writes it.
extension TPKT {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("TPKT", info: layer.fields.has(continuationData) ? "Continuation" : "")
  }
}
