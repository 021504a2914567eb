/// UDP's Info text: `59537 → 1900 Len=146` (the payload length), with
/// Wireshark's warning when the UDP length exceeds the IP payload.
enum UDPInfo {
  /// `ipPayload`: the bytes the IP header says follow it, if known and
  /// the datagram is not a fragment.
  static func text(_ f: LayerFields, ipPayload: Int?) -> String? {
    guard let source = f.uint("udp.srcport"), let destination = f.uint("udp.dstport") else { return nil }
    var out = "\(source) \u{2192} \(destination)"
    if let length = f.uint("udp.length"), let ipPayload, length > ipPayload {
      out += " [BAD UDP LENGTH \(length) > IP PAYLOAD LENGTH]"
    }
    if let length = f.uint("udp.length") {
      out += length >= 8 ? " Len=\(length - 8)" : " [Bogus UDP length (\(length), must be at least 8)]"
    }
    return out
  }
}
