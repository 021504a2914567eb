/// How IRC shows: Info is `Request` or `Response`, then each line's
/// command in parentheses.
extension IRC {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var info = f.has(request) ? "Request" : "Response"
    let commands = f.has(requestCommand) ? f.all(requestCommand) : f.all(responseCommand)
    for record in commands { info += " (" + f.text(record) + ")" }
    row.set("IRC", info: info)
  }
}
