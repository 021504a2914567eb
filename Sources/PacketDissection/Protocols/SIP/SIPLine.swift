/// A SIP message's first line, as Wireshark's `sip_parse_line` tells a
/// request line (`METHOD URI SIP/2.0`, the URI with a colon) from a status
/// line (`SIP/2.0 NNN reason`).
struct SIPLine {
  enum Kind { case request, status }

  let kind: Kind
  /// The first token's length (the method of a request).
  let tokenLength: Int
  /// The line's length without its end, and where the next line starts.
  let length: Int
  let next: Int

  static let version = Array("SIP/2.0".utf8)

  /// The first line of `bytes` if it makes them a SIP message: it starts
  /// with a printable character, holds no NUL, and is a request or status
  /// line.
  static func parse(_ bytes: [UInt8]) -> SIPLine? {
    guard let first = bytes.first, first >= 0x20, first < 0x7f else { return nil }
    let (length, next) = lineEnd(bytes, from: 0)
    guard length > 0, !bytes[0..<length].contains(0) else { return nil }
    // Wireshark looks for the spaces past the line's end as well.
    guard let space1 = bytes.firstIndex(of: 0x20), space1 > 0,
      let space2 = bytes[(space1 + 1)...].firstIndex(of: 0x20)
    else { return nil }
    let token2 = space1 + 1..<space2
    let token3Start = space2 + 1
    let token3Length = length - token3Start
    if space1 == version.count, bytes.starts(with: version) {
      guard token2.count == 3, bytes[token2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      return SIPLine(kind: .status, tokenLength: space1, length: length, next: next)
    }
    guard token2.count >= 3, let colon = bytes[(token2.lowerBound + 1)...].firstIndex(of: 0x3a), colon < token3Start,
      token3Length == version.count, bytes[token3Start..<length].elementsEqual(version)
    else { return nil }
    return SIPLine(kind: .request, tokenLength: space1, length: length, next: next)
  }

  /// The line at `offset`: its length without its end (CR, LF or CRLF),
  /// and where the next starts.
  static func lineEnd(_ bytes: [UInt8], from offset: Int) -> (length: Int, next: Int) {
    var end = offset
    while end < bytes.count, bytes[end] != 0x0d, bytes[end] != 0x0a { end += 1 }
    var next = end
    if end < bytes.count {
      next += 1
      if bytes[end] == 0x0d, next < bytes.count, bytes[next] == 0x0a { next += 1 }
    }
    return (end - offset, next)
  }

  /// The methods Wireshark knows; a request with another is an "Unknown request".
  static let knownMethods: Set<[UInt8]> = Set(
    [
      "ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK", "QAUTH", "REFER",
      "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH",
    ].map { Array($0.utf8) })
}
