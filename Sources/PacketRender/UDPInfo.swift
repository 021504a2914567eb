/// UDP's Info text: `59537 → 1900 Len=146` (the payload length).
enum UDPInfo {
  static func text(_ f: LayerFields) -> String? {
    guard let source = f.uint("udp.srcport"), let destination = f.uint("udp.dstport") else { return nil }
    var out = "\(source) \u{2192} \(destination)"
    if let length = f.uint("udp.length") {
      out += length >= 8 ? " Len=\(length - 8)" : " [Bogus UDP length (\(length), must be at least 8)]"
    }
    return out
  }
}
