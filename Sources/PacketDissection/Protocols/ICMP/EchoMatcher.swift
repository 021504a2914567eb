/// Pairs echo replies with the requests seen before them, as Wireshark's
/// one-pass ICMP tracking does: same address pair (either direction),
/// identifier and sequence number. A request never learns its reply,
/// since tshark prints each line before reading on.
struct EchoMatcher {
  struct Key: Hashable {
    var addresses: [String]
    var id: UInt64
    var seq: UInt64
  }

  private var requests: [Key: Int] = [:]

  mutating func request(_ key: Key, frame: Int) { requests[key] = frame }

  func reply(_ key: Key, frame: Int) -> Int? {
    requests[key].flatMap { $0 < frame ? $0 : nil }
  }
}

extension Dissection {
  /// The outermost network layer's two addresses, sorted, so that both
  /// directions of a conversation give the same pair.
  var networkAddresses: [String] {
    guard let index = layers.firstIndex(where: { $0.protocolID == .ip || $0.protocolID == .ipv6 })
    else { return [] }
    let f = LayerFields(self, layer: index)
    let pair =
      layers[index].protocolID == .ip ? [f.text(IPv4.src), f.text(IPv4.dst)] : [f.text(IPv6.src), f.text(IPv6.dst)]
    return pair.map { $0 ?? "" }.sorted()
  }
}
