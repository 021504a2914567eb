import PacketWire

/// The ranges of a slice, `f[i:n]`, `f[i-j]`, `f[i]`, `f[-4:]`, `f[:n]`,
/// `f[i:]`. Negative offsets count from the end. Wireshark joins several
/// comma-separated ranges; pktsh takes one. Offsets and lengths are
/// 32-bit as in Wireshark, so nothing computed from them can overflow.
public struct SliceRanges: Sendable {
  public let start: Int
  /// Bytes to take; nil for "to the end".
  public let length: Int?

  static func parse(_ text: String, at location: SourceLocation) throws(LanguageError) -> SliceRanges {
    let t = text.filter { $0 != " " }
    func int(_ s: Substring) throws(LanguageError) -> Int {
      let digits = s.first == "-" || s.first == "+" ? s.dropFirst() : s
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw LanguageError(.syntax, "'\(text)' is not a slice: expected i:n, i-j, i, i: or :n", at: location)
      }
      guard let v = Int32(s) else {
        throw LanguageError(
          .syntax, "'\(s)' is out of range for a slice (\(Int32.min) to \(Int32.max))", at: location)
      }
      return Int(v)
    }
    if let colon = t.firstIndex(of: ":") {
      let start = t[..<colon].isEmpty ? 0 : try int(t[..<colon])
      let rest = t[t.index(after: colon)...]
      let length = rest.isEmpty ? nil : try int(rest)
      if let length, length < 0 { throw LanguageError(.syntax, "a slice length cannot be negative", at: location) }
      return SliceRanges(start: start, length: length)
    }
    if let dash = t.dropFirst().firstIndex(of: "-") {
      let start = try int(t[..<dash])
      let end = try int(t[t.index(after: dash)...])
      guard end >= start else { throw LanguageError(.syntax, "a slice must end after it starts", at: location) }
      return SliceRanges(start: start, length: end - start + 1)
    }
    return SliceRanges(start: try int(Substring(t)), length: 1)
  }

  /// The selected bytes, or nil when the range is not all inside `bytes`
  /// (Wireshark's slice then has no value and the comparison fails).
  func apply(to bytes: ByteView) -> ByteView? {
    let from = start < 0 ? bytes.count + start : start
    let count = length ?? (bytes.count - from)
    guard from >= 0, count >= 0, bytes.contains(from, count) else { return nil }
    return bytes.slice(from, count)
  }
}
