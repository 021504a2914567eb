/// How OCSP shows: Protocol `OCSP`, Info `Request` or `Response`, as
/// Wireshark's does.
extension OCSP {
  static var hue: LayerHue? { .magenta }

  static var summaryFields: [FieldID] { [responseStatus].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("OCSP", info: layer.fields.has(responseStatus) ? "Response" : "Request")
  }
}
