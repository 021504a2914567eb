/// Wireshark's DTLS heuristic on UDP: a record header with a content type
/// of 20 to 25, a DTLS version (1.0, 1.2, or OpenSSL's pre-standard 1.0),
/// and a length that fits in the datagram.
extension DTLS {
  static func heuristic(udp c: LayerCursor, at offset: Int) -> Bool {
    guard c.capturedLength - offset >= recordHeaderLength, let type = try? c.uint8(offset),
      let version = try? c.uint16(offset + 1), let length = try? c.uint16(offset + 11)
    else { return false }
    guard type >= contentChangeCipherSpec && type <= 25 else { return false }
    guard version == 0xfeff || version == 0xfefd || version == 0x0100 else { return false }
    return Int(length) + recordHeaderLength <= c.length - offset
  }
}
