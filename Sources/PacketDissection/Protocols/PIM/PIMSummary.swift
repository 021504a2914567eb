/// How PIM shows: the protocol column is `PIMv2`, Info the message type
/// (`Hello`, `Unknown (13)`; `Unknown` for another version); version 1,
/// inside IGMP, shows `PIMv1` and its code (`RP-Reachable`). A Register's
/// protocol and Info columns stay PIM's; the packet it carries gives the
/// addresses, as in Wireshark, whose columns take the last addresses set.
extension PIM {
  static var hue: LayerHue? { .brightGreen }
  static var summaryFields: [FieldID] {
    [version.fieldID, type.fieldID, code.fieldID, IPv4.src.fieldID, IPv4.dst.fieldID, IPv6.src.fieldID, IPv6.dst.fieldID]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if let message = f.uint(code) {
      return row.set("PIMv1", info: PIMNames.version1CodeName(message) ?? "Unknown (\(message))")
    }
    guard let pimVersion = f.uint(version), let message = f.uint(type) else { return row.set("PIM", info: nil) }
    let name = pimVersion == 2 ? PIMNames.typeName(message) ?? "Unknown (\(message))" : "Unknown"
    row.set("PIMv\(pimVersion)", info: name)
    let d = f.dissection
    guard message == register, f.layer + 1 < d.layers.count else { return }
    let inner = LayerFields(d, layer: f.layer + 1)
    switch inner.span.protocolID {
    case .ip: row.addresses(inner.first(IPv4.src), inner.first(IPv4.dst))
    case .ipv6: row.addresses(inner.first(IPv6.src), inner.first(IPv6.dst))
    default: break
    }
  }
}
