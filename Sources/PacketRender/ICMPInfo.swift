import PacketDissection

/// ICMP's Info text: the type name padded to 20 characters, the code's
/// meaning in parentheses, and for echoes the identifier, the sequence
/// number read both ways round and the IP TTL:
/// `Echo (ping) request  id=0x0003, seq=1/256, ttl=255`.
enum ICMPInfo {
  static func text(_ f: LayerFields, ttl: UInt64?, echoes: inout EchoMatcher) -> String? {
    guard let type = f.uint("icmp.type") else { return nil }
    var out = ICMPNames.type(type)
    if out.utf8.count < 20 { out += String(repeating: " ", count: 20 - out.utf8.count) }
    if let code = f.uint("icmp.code"), let name = ICMPNames.code(type: type, code: code) {
      out += " (\(name))"
    }
    guard type == 0 || type == 8, let id = f.uint("icmp.ident"), let seq = f.uint("icmp.seq") else { return out }
    let swapped = (seq & 0xff) << 8 | seq >> 8
    out += " id=0x" + hex4(id) + ", seq=\(seq)/\(swapped)"
    if let ttl { out += ", ttl=\(ttl)" }
    let key = EchoMatcher.Key(addresses: f.dissection.networkAddresses, id: id, seq: seq)
    if type == 8 {
      echoes.request(key, frame: f.dissection.frame.number)
    } else if let request = echoes.reply(key, frame: f.dissection.frame.number) {
      out += " (request in \(request))"
    }
    return out
  }

  private static func hex4(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

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
    let prefix = layers[index].protocolID == .ip ? "ip" : "ipv6"
    return [f.text(prefix + ".src") ?? "", f.text(prefix + ".dst") ?? ""].sorted()
  }
}
