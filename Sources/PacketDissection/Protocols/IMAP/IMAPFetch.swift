/// An untagged FETCH response, as Wireshark 4.0 reads it: from the token
/// after FETCH it looks for `(` anywhere in the rest of the segment, then
/// for `{N}` after it; with one, the `N` bytes after the line are the
/// literal, and a `)` must follow `N` bytes after the `}`. Without a `{`,
/// the line runs to the line end after the `(`. Anything not found means
/// the response continues in a later segment.
extension IMAPLines {
  /// Records the FETCH line at `line` and moves `next` past what it takes.
  /// Answers nil when the segment stops here, true when a literal was
  /// handed on, false when only the line was recorded.
  mutating func fetch(_ c: LayerCursor, after fetchEnd: Int, line: Int, next: inout Int) throws(DissectionStop)
    -> Bool?
  {
    let reported = c.length
    guard let open = Self.find(UInt8(ascii: "("), in: bytes, from: fetchEnd, count: bytes.count) else { return nil }
    let remaining = reported - (open + 1)
    guard remaining > 0 else { return nil }
    guard let sizeStart = Self.find(UInt8(ascii: "{"), in: bytes, from: open, count: remaining) else {
      guard let (_, end) = HTTP.lineEnd(c, from: open, limit: bytes.count - open, partial: false) else { return nil }
      next = end
      c.computed(IMAP.line, at: line, next - line, bytes: HTTP.asciiText(bytes[line..<next]))
      return false
    }
    guard
      let sizeEnd = Self.find(UInt8(ascii: "}"), in: bytes, from: sizeStart + 1, count: remaining - (sizeStart - open)),
      let size = Self.unsigned32(bytes[sizeStart + 1..<sizeEnd])
    else { return nil }
    let closeFrom = sizeEnd + Int(size)
    guard reported - closeFrom > 0, Self.find(UInt8(ascii: ")"), in: bytes, from: closeFrom, count: reported - closeFrom) != nil
    else { return nil }
    c.computed(IMAP.line, at: line, next - line, bytes: HTTP.asciiText(bytes[line..<next]))
    // The literal's bytes must be inside the segment.
    guard next + Int(size) <= reported else { throw .malformed }
    if size > 0 { literals.append(next..<next + Int(size)) }
    next += Int(size)
    return true
  }

  /// `tvb_find_guint8`: the first `byte` in `count` bytes from `offset`, captured ones only.
  static func find(_ byte: UInt8, in bytes: [UInt8], from offset: Int, count: Int) -> Int? {
    guard offset >= 0, offset < bytes.count, count > 0 else { return nil }
    return bytes[offset..<min(bytes.count, offset + count)].firstIndex(of: byte)
  }

  /// `ws_strtou32` over the text (up to a NUL): optional white space and
  /// `+` (not first), decimal digits and nothing after them, at most 2^32 - 1.
  static func unsigned32(_ text: ArraySlice<UInt8>) -> UInt32? {
    let text = text.prefix { $0 != 0 }
    guard let first = text.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "+") else { return nil }
    var rest = text.drop { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0d) }
    var negative = false
    if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
      negative = rest.first == UInt8(ascii: "-")
      rest = rest.dropFirst()
    }
    guard !rest.isEmpty, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    var value: UInt64 = 0
    for digit in rest {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(UInt64(digit - 0x30))
      guard !o1, !o2 else { return nil }
      value = sum
    }
    if negative { value = 0 &- value }
    return value <= UInt64(UInt32.max) ? UInt32(value) : nil
  }
}
