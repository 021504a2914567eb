/// The token rules of Wireshark's IMAP dissector.
extension IMAPLines {
  /// `tvb_get_token_len` over `count` bytes from `offset`: the token's
  /// length (up to a space, CR or LF, or all of them) and where the next
  /// one starts (after one space, or a CRLF).
  static func token(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> (length: Int, next: Int) {
    let end = min(bytes.count, offset + max(0, count))
    guard offset < end else { return (0, max(offset, end)) }
    guard let stop = bytes[offset..<end].firstIndex(where: { $0 == 0x20 || $0 == 0x0d || $0 == 0x0a }) else {
      return (end - offset, end)
    }
    let crlf = bytes[stop] == 0x0d && stop + 1 < end && bytes[stop + 1] == 0x0a
    return (stop - offset, stop + (crlf ? 2 : 1))
  }

  /// The first three tokens after an untagged line's `*`, split at space,
  /// tab, CR or LF; empty ones are skipped.
  static func lookahead(_ bytes: [UInt8], from line: Int, to next: Int) -> [Range<Int>] {
    var tokens: [Range<Int>] = []
    var pattern = line
    while tokens.count < 3 {
      let start = pattern + 1
      guard start < next,
        let found = bytes[start..<next].firstIndex(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d || $0 == 0x0a })
      else { break }
      if found > start { tokens.append(start..<found) }
      pattern = found
    }
    return tokens
  }

  /// Whether comparing the token with `keyword` over the token's length
  /// finds them equal, as `strncmp` (or `g_ascii_strncasecmp`) does: a
  /// token that is a prefix of the keyword, stopping at a NUL in both.
  static func matches(_ token: ArraySlice<UInt8>, _ keyword: String, caseless: Bool) -> Bool {
    var word = Array(keyword.utf8)[...]
    for b in token {
      let k = word.popFirst() ?? 0
      if b == 0 || k == 0 { return b == k }
      let (x, y) = caseless ? (lower(b), lower(k)) : (b, k)
      if x != y { return false }
    }
    return true
  }

  static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5a ? b + 0x20 : b }

  static func lowercased(_ bytes: some Collection<UInt8>) -> [UInt8] { bytes.map(lower) }
}
