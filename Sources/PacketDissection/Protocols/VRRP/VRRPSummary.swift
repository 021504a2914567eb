/// How VRRP shows: Info is `Announcement (v3)`.
extension VRRP {
  static var hue: LayerHue? { .brightGreen }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard let value = layer.fields.uint(version) else { return row.set("VRRP", info: nil) }
    row.set("VRRP", info: "Announcement (v\(value))")
  }
}
