/// How OCSP shows: Protocol `OCSP`, Info `Request` or `Response`, as
/// Wireshark's does; its further listings in the chain (extensions, the
/// basic response) leave the columns alone.
extension OCSP {
  static var hue: LayerHue? { .magenta }

  static var summaryFields: [FieldID] { [responseStatus, requestList].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard f.has(responseStatus) || f.has(requestList) else { return }
    row.set("OCSP", info: f.has(responseStatus) ? "Response" : "Request")
  }
}
