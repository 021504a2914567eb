import PacketWire

/// How IPv4 shows: green, headed and listed by its addresses. Info names
/// the payload when nobody dissects it, describes later fragments, and
/// reports a header of the wrong version.
extension IPv4 {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [src, dst, proto, fragOffset, id, version].map(\.fieldID) }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    f.appendHeadline(source: src, destination: dst, to: &out)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    row.addresses(f.first(src), f.first(dst))
    row.set("IPv4", info: layer.complete ? info(f, payloadUndissected: layer.payloadUndissected) : nil)
    if let bogus = bogusVersion(f.uint(version), expected: 4) { (row.info, row.endsQuietly) = (bogus, true) }
  }

  /// A later fragment or one the defragmenter holds, or a first fragment
  /// or whole datagram of a protocol nobody dissects.
  private static func info(_ f: LayerFields, payloadUndissected: Bool) -> String? {
    guard let proto = f.uint(proto) else { return nil }
    if let offset = f.uint(fragOffset), offset != 0 || f.dissection.heldFragment, let id = f.uint(id) {
      return "Fragmented IP protocol (proto=\(ProtocolNumberNames.ipProtocol(proto)) \(proto), off=\(offset &* 8), ID=\(hex4(id)))"
    }
    return payloadUndissected ? "\(ProtocolNumberNames.ipProtocol(proto)) (\(proto))" : nil
  }

  /// Wireshark's complaint about an IP header of the wrong version; it
  /// raises no exception, so the packet gets no `[Malformed Packet]`.
  static func bogusVersion(_ version: UInt64?, expected: UInt64) -> String? {
    guard let version, version != expected else { return nil }
    return "Bogus IPv\(expected) version (\(version), must be \(expected))"
  }
}
