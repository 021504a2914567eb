/// How POP shows: Info is `C: ` or `S: ` and the segment's first line, or
/// `S: DATA fragment, N bytes` for a continuation of a multi-line response.
extension POP {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if !f.has(request) && !f.has(response) {
      let length = max(0, f.span.dataEnd - f.span.start)
      row.set("POP", info: "S: DATA fragment, \(length) bytes")
      return
    }
    row.set("POP", info: (f.has(request) ? "C: " : "S: ") + TextLines.firstLine(f))
  }
}
