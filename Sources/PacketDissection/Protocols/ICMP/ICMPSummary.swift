/// How ICMP shows: magenta; Info is the type name padded to 20
/// characters, the code's meaning in parentheses, and for echoes the
/// identifier, the sequence number read both ways round, the IP TTL and
/// the request a reply answers:
/// `Echo (ping) reply    id=0x0003, seq=1/256, ttl=64 (request in 5)`.
extension ICMP {
  static var hue: LayerHue? { .magenta }

  /// With the IP addresses, which pair an echo reply with its request.
  static var summaryFields: [FieldID] {
    [type, code, ident, seq].map(\.fieldID) + [IPv4.ttl, IPv4.src, IPv4.dst].map(\.fieldID)
      + [IPv6.src, IPv6.dst].map(\.fieldID)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let ttl = layer.fields.lastTopLayer(.ip)?.uint(IPv4.ttl)
    row.set("ICMP", info: info(layer.fields, ttl: ttl, echoes: &layer.memory.echoes))
  }

  private static func info(_ f: LayerFields, ttl: UInt64?, echoes: inout EchoMatcher) -> String? {
    guard let type = f.uint(type) else { return nil }
    var out = ICMPNames.type(type)
    if out.utf8.count < 20 { out += String(repeating: " ", count: 20 - out.utf8.count) }
    if let code = f.uint(code), let name = ICMPNames.code(type: type, code: code) {
      out += " (\(name))"
    }
    guard type == 0 || type == 8, let id = f.uint(ident), let seq = f.uint(seq) else { return out }
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
}
