import PacketWire

extension LayerFields {
  /// The layer's protocol label (`Internet Protocol Version 4`).
  var label: String { Self.labels[Int(span.protocolID.rawValue)] }

  /// Every protocol's label by raw value: reading one from its
  /// `ProtocolDecl` copied the declaration, references and all.
  private static let labels = Registry.protocols.map(\.label)

  /// `label` as UTF-8, for headlines written as bytes.
  private var labelBytes: [UInt8] { Self.labelBytes[Int(span.protocolID.rawValue)] }

  private static let labelBytes = Registry.protocols.map { Array($0.label.utf8) }

  /// `Label, Src: a, Dst: b`; the bare label unless both addresses are there.
  func headline(source: some FieldIdentity, destination: some FieldIdentity) -> String {
    var out = ByteWriter(capacity: 128)
    appendHeadline(source: source, destination: destination, to: &out)
    return out.text
  }

  /// Writes `headline(source:destination:)` into `out`.
  func appendHeadline(source: some FieldIdentity, destination: some FieldIdentity, to out: inout ByteWriter) {
    out.append(contentsOf: labelBytes)
    guard let s = first(source), let d = first(destination) else { return }
    out.append(", Src: ")
    FieldText.append(s, in: dissection, to: &out)
    out.append(", Dst: ")
    FieldText.append(d, in: dissection, to: &out)
  }

  /// `Label, Src Port: 80, Dst Port: 55214`; the bare label unless both
  /// ports are there.
  func headline(sourcePort: some FieldIdentity, destinationPort: some FieldIdentity) -> String {
    var out = ByteWriter(capacity: 128)
    appendHeadline(sourcePort: sourcePort, destinationPort: destinationPort, to: &out)
    return out.text
  }

  /// Writes `headline(sourcePort:destinationPort:)` into `out`.
  func appendHeadline(sourcePort: some FieldIdentity, destinationPort: some FieldIdentity, to out: inout ByteWriter) {
    out.append(contentsOf: labelBytes)
    guard let s = uint(sourcePort), let d = uint(destinationPort) else { return }
    out.append(", Src Port: ")
    FieldText.appendDecimal(s, to: &out)
    out.append(", Dst Port: ")
    FieldText.appendDecimal(d, to: &out)
  }
}
