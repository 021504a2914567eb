extension LayerFields {
  /// The layer's protocol label (`Internet Protocol Version 4`).
  var label: String { Registry.decl(span.protocolID).label }

  /// `Label, Src: a, Dst: b`; the bare label unless both addresses are there.
  func headline(source: some FieldIdentity, destination: some FieldIdentity) -> String {
    guard let s = text(source), let d = text(destination) else { return label }
    return "\(label), Src: \(s), Dst: \(d)"
  }

  /// `Label, Src Port: 80, Dst Port: 55214`; the bare label unless both
  /// ports are there.
  func headline(sourcePort: some FieldIdentity, destinationPort: some FieldIdentity) -> String {
    guard let s = uint(sourcePort), let d = uint(destinationPort) else { return label }
    return "\(label), Src Port: \(s), Dst Port: \(d)"
  }
}
