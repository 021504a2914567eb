import PacketWire

/// The ranges of a slice, `f[i:n]`, `f[i-j]`, `f[i]`, `f[-4:]`, `f[:n]`,
/// `f[i:]`, and several joined (`f[0:2,4:2]`). Negative offsets count
/// from the end. Offsets and lengths are 32-bit as in Wireshark, so
/// nothing computed from them can overflow.
public struct SliceRanges: Sendable {
  public let ranges: [SliceRange]

  static func parse(_ text: String, at location: SourceLocation) throws(LanguageError) -> SliceRanges {
    var ranges: [SliceRange] = []
    for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
      ranges.append(try SliceRange.parse(String(piece), whole: text, at: location))
    }
    return SliceRanges(ranges: ranges)
  }

  /// The selected bytes, passed to `body`. As in tshark 4.0, a slice
  /// that reaches outside `bytes` is the empty string (so
  /// `http.request.method[0:4] != "HEAD"` holds for `GET`, and the slice
  /// alone, as a test, fails).
  func apply<R>(to bytes: ByteView, _ body: (ByteView) -> R) -> R {
    if ranges.count == 1 { return body(ranges[0].bytes(of: bytes) ?? .empty) }
    var joined: [UInt8] = []
    for range in ranges {
      guard let part = range.bytes(of: bytes) else { return body(.empty) }
      joined.append(contentsOf: part.copyBytes())
    }
    return joined.withUnsafeBytes { body(ByteView($0)) }
  }
}

/// One range of a slice or of a layer operator.
public struct SliceRange: Sendable {
  public let start: Int
  /// Bytes to take; nil for "to the end".
  public let length: Int?

  static func parse(_ piece: String, whole text: String, at location: SourceLocation) throws(LanguageError) -> SliceRange {
    let t = piece.filter { $0 != " " }
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
      return SliceRange(start: start, length: length)
    }
    if let dash = t.dropFirst().firstIndex(of: "-") {
      let start = try int(t[..<dash])
      let end = try int(t[t.index(after: dash)...])
      guard end >= start else { throw LanguageError(.syntax, "a slice must end after it starts", at: location) }
      return SliceRange(start: start, length: end - start + 1)
    }
    return SliceRange(start: try int(Substring(t)), length: 1)
  }

  /// The selected bytes, or nil when the range is not all inside `bytes`.
  func bytes(of bytes: ByteView) -> ByteView? {
    let from = start < 0 ? bytes.count + start : start
    let count = length ?? (bytes.count - from)
    guard from >= 0, count >= 0, bytes.contains(from, count) else { return nil }
    return bytes.slice(from, count)
  }
}
