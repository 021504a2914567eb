/// The SSL 2.0 ClientHello that SSL 3.0 and TLS clients may still send
/// (RFC 5246 appendix E.2), as Wireshark shows it: a two-byte record
/// header (its high bit set), then the message. Other SSL 2.0 messages are
/// not dissected.
enum TLSVersion2 {
  static let version: UInt16 = 0x0002

  /// Wireshark's `ssl_looks_like_sslv2` for a ClientHello: a first byte of
  /// 0x80 or more and message type 1.
  static func looksLikeClientHello(_ c: LayerCursor, at offset: Int) -> Bool {
    guard let first = try? c.uint8(offset), first >= 0x80, let type = try? c.uint8(offset + 2) else { return false }
    return type == 1
  }

  /// The length of what Wireshark's `ssl_looks_like_sslv2` takes for an
  /// SSL 2.0 record at `offset` (a first byte of 0x80 or more, an SSL 2.0
  /// or PCT message type), for reassembly; nil when it takes none.
  static func recordLength(_ c: LayerCursor, at offset: Int) -> Int? {
    guard let header = try? c.uint16(offset), header >= 0x8000, let type = try? c.uint8(offset + 2), type <= 5 else {
      return nil
    }
    return Int(header & 0x7fff)
  }

  /// Dissects the record at `offset`; answers where the next starts, or nil
  /// when the segment cuts it off (not dissected, as for other records).
  static func clientHello(_ c: LayerCursor, at offset: Int, _ item: inout TLS.ItemValue) throws(DissectionStop) -> Int? {
    let length = Int(try c.uint16(offset) & 0x7fff)
    guard c.length - offset >= 2 + length else { return nil }
    item.columnVersion = version
    c.generated(TLS.recordVersion, value: UInt64(version), depth: 2)
    try c.add(TLS.recordLength, at: offset, 2, value: UInt64(length), depth: 2)
    let body = offset + 2
    try c.add(TLS.handshakeType, at: body, 1, value: UInt64(try c.uint8(body)), depth: 2)
    try c.add(TLS.handshakeVersion, at: body + 1, 2, value: UInt64(try c.uint16(body + 1)), depth: 2)
    let specsLength = Int(try c.uint16(body + 3))
    let sessionLength = Int(try c.uint16(body + 5))
    let challengeLength = Int(try c.uint16(body + 7))
    try c.add(TLS.cipherSpecLength, at: body + 3, 2, value: UInt64(specsLength), depth: 2)
    try c.add(TLS.sessionIDLength, at: body + 5, 2, value: UInt64(sessionLength), depth: 2)
    try c.add(TLS.challengeLength, at: body + 7, 2, value: UInt64(challengeLength), depth: 2)
    var at = body + 9
    while at + 3 <= body + 9 + specsLength {
      try c.add(TLS.cipherSpec, at: at, 3, value: try c.uint(at, 3), depth: 3)
      at += 3
    }
    at = body + 9 + specsLength
    if sessionLength > 0 { try c.add(TLS.sessionID, at: at, sessionLength, depth: 2) }
    return body + length
  }
}
