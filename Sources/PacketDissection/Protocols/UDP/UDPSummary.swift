import PacketWire

/// How UDP shows: bright blue; the headline adds the ports; Info is
/// `59537 → 1900 Len=146` (the payload length), with Wireshark's warning
/// when the UDP length exceeds the IP payload.
extension UDP {
  static var hue: LayerHue? { .brightBlue }

  static var summaryFields: [FieldID] {
    [srcport, dstport, length, checksumStatus].map(\.fieldID)
      + [IPv4.len, IPv4.flagMF, IPv4.fragOffset].map(\.fieldID) + [IPv6.plen.fieldID]
  }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    f.appendHeadline(sourcePort: srcport, destinationPort: dstport, to: &out)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("UDP", info: info(layer.fields))
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let source = f.uint(srcport), let destination = f.uint(dstport) else { return nil }
    var out = "\(source) \u{2192} \(destination)"
    if let length = f.uint(length), let ipPayload = ipPayload(after: f), length > ipPayload {
      out += " [BAD UDP LENGTH \(length) > IP PAYLOAD LENGTH]"
    }
    if let length = f.uint(length) {
      if length == 0, carriedByIPv6(f.dissection.layers, below: f.span.start) {
        out += " Len=\(max(0, f.span.dataEnd - f.span.start - 8)) [Jumbogram]"
      } else {
        out += length >= 8 ? " Len=\(length - 8)" : " [Bogus UDP length (\(length), must be at least 8)]"
      }
    }
    if f.uint(checksumStatus) == 4 { out += " [ILLEGAL CHECKSUM (0)]" }
    return out
  }

  /// The bytes from the UDP header to the end of the datagram, as the IP
  /// header in front of it declares them; nil for fragments (Wireshark
  /// does not check their lengths) and IPv6 jumbograms.
  private static func ipPayload(after udp: LayerFields) -> Int? {
    let d = udp.dissection
    let start = udp.span.start
    guard let index = d.layers.lastIndex(where: {
      $0.depth == 0 && $0.start < start && ($0.protocolID == .ip || $0.protocolID == .ipv6)
    }) else { return nil }
    let network = d.layers[index]
    let f = LayerFields(d, layer: index)
    if network.protocolID == .ip, let length = f.uint(IPv4.len), length > 0 {
      if f.uint(IPv4.flagMF) == 1 || f.uint(IPv4.fragOffset) ?? 0 != 0 { return nil }
      return network.start &+ Int(length) &- start
    }
    if d.layers.contains(where: { $0.protocolID == .ipv6Fragment }) { return nil }
    if let length = f.uint(IPv6.plen), length > 0 { return network.start &+ 40 &+ Int(length) &- start }
    return nil
  }
}
