/// How RIP shows: the protocol column is its version (`RIPv2`), Info the
/// command (`Response`).
extension RIP {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let kind = f.uint(command), let number = f.uint(version) else { return row.set("RIP", info: nil) }
    let name = RIPNames.versionName(number) ?? "RIP"
    row.set(name, info: RIPNames.commandName(kind) ?? "Unknown command (\(kind))")
  }
}
