/// Reads literal text as the type it is compared with, as Wireshark's
/// typed literals do: `10.0.0.0/8` for an IPv4 field, `08:00` for bytes.
/// Only the checker reads literal text: back ends get `Constant`s.
enum Literals {
  /// Decimal, `0x` hex, `0b` binary, leading-zero octal; a leading `-`.
  static func integer(_ text: String) -> Int64? {
    var t = Substring(text)
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    }
    guard !t.isEmpty else { return nil }
    let magnitude: UInt64?
    if t.hasPrefix("0x") || t.hasPrefix("0X") {
      magnitude = UInt64(t.dropFirst(2), radix: 16)
    } else if t.hasPrefix("0b") || t.hasPrefix("0B") {
      magnitude = UInt64(t.dropFirst(2), radix: 2)
    } else if t.count > 1 && t.hasPrefix("0") {
      magnitude = UInt64(t.dropFirst(), radix: 8)
    } else {
      magnitude = UInt64(t, radix: 10)
    }
    guard let m = magnitude else { return nil }
    let value = Int64(bitPattern: m)
    return negative ? 0 &- value : value
  }

  /// `1.5` seconds (or `-0.25`) as nanoseconds; nil beyond what 64 bits
  /// of nanoseconds hold (about 292 years either way).
  static func seconds(_ text: String) -> Int64? { fixedPoint(text, decimals: 9) }

  /// `612.5` (or `-0.25`) as thousandths, a decimal value's unit; nil with
  /// more than three decimals or beyond what 64 bits hold.
  static func decimal(_ text: String) -> Int64? {
    guard text.split(separator: ".").dropFirst().first.map({ $0.count <= 3 }) ?? true else { return nil }
    return fixedPoint(text, decimals: 3)
  }

  /// `text`, a decimal number, in units of 10^-`decimals` (digits past
  /// those are dropped); nil when it is not one or does not fit 64 bits.
  private static func fixedPoint(_ text: String, decimals: Int) -> Int64? {
    var t = Substring(text)
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    }
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
      let whole = Int64(parts[0].isEmpty ? "0" : parts[0])
    else { return nil }
    var fraction: Int64 = 0
    var unit: Int64 = 1
    for _ in 0..<decimals { unit *= 10 }
    if parts.count == 2 {
      let digits = parts[1].prefix(decimals)
      guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int64(digits.isEmpty ? "0" : digits) else {
        return nil
      }
      fraction = f
      for _ in digits.count..<decimals { fraction *= 10 }
    }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: unit)
    let (units, carry) = scaled.addingReportingOverflow(fraction)
    guard !overflow, !carry else { return nil }
    return negative ? -units : units
  }

  /// `a.b.c.d` with an optional `/prefix`.
  static func ipv4(_ text: String) -> (UInt32, Int)? {
    let (address, prefix) = splitPrefix(text, maximum: 32)
    guard let prefix else { return nil }
    let parts = address.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for part in parts {
      guard !part.isEmpty, part.count <= 3, let octet = UInt32(part), octet <= 255 else { return nil }
      value = value << 8 | octet
    }
    return (value, prefix)
  }

  /// RFC 4291 text (`::`, an embedded IPv4 tail) with an optional `/prefix`.
  static func ipv6(_ text: String) -> (UInt64, UInt64, Int)? {
    let (address, prefix) = splitPrefix(text, maximum: 128)
    guard let prefix, address.contains(":") else { return nil }
    var groups: [UInt16] = []
    var tail: [UInt16] = []
    let halves = address.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func parse(_ part: String, into out: inout [UInt16]) -> Bool {
      guard !part.isEmpty else { return true }
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      for (i, piece) in pieces.enumerated() {
        if i == pieces.count - 1, piece.contains("."), let (v4, p) = ipv4(String(piece)), p == 32 {
          out.append(UInt16(v4 >> 16))
          out.append(UInt16(v4 & 0xffff))
          continue
        }
        guard !piece.isEmpty, piece.count <= 4, let g = UInt16(piece, radix: 16) else { return false }
        out.append(g)
      }
      return true
    }
    guard parse(halves[0], into: &groups) else { return nil }
    if halves.count == 2 {
      guard parse(halves[1], into: &tail), groups.count + tail.count <= 7 else { return nil }
      groups += [UInt16](repeating: 0, count: 8 - groups.count - tail.count) + tail
    }
    guard groups.count == 8 else { return nil }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for g in groups[0..<4] { high = high << 16 | UInt64(g) }
    for g in groups[4..<8] { low = low << 16 | UInt64(g) }
    return (high, low, prefix)
  }

  /// Hex bytes separated by `:`, `-` or `.` (`86:dd`, `00-11-22`), or a
  /// MAC address in Cisco form (`0011.2233.4455`). A single pair is one byte.
  /// Between `.` or `-`, a byte may be one digit.
  static func bytes(_ text: String) -> [UInt8]? {
    let separators: Set<Character> = [":", "-", "."]
    if text.contains(".") && !text.contains(":") && !text.contains("-") {
      // Groups of four hex digits.
      let groups = text.split(separator: ".", omittingEmptySubsequences: false)
      if groups.allSatisfy({ $0.count == 4 }) {
        return hexPairs(groups.joined())
      }
    }
    let pieces = text.split(omittingEmptySubsequences: false) { separators.contains($0) }
    guard !pieces.isEmpty else { return nil }
    var out: [UInt8] = []
    for piece in pieces {
      // tshark takes one-digit bytes between '.' or '-' (`0.1.2.3`), never between ':'.
      guard piece.count == 2 || (piece.count == 1 && pieces.count > 1 && !text.contains(":")),
        let b = UInt8(piece, radix: 16)
      else { return nil }
      out.append(b)
    }
    return out
  }

  /// A byte string as tshark 4.0 reads a bare literal compared with bytes:
  /// an optional leading `:`, then hex bytes with separators (`86:dd`,
  /// `0.1.2.3`), a run of hex digit pairs (`0800`), one hex digit (`1`),
  /// or `0x` and one byte (`0xff`).
  static func byteString(_ text: String) -> [UInt8]? {
    let t = text.hasPrefix(":") ? String(text.dropFirst()) : text
    let hexDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy(\.isHexDigit) }
    if t.hasPrefix("0x") || t.hasPrefix("0X") {
      let digits = t.dropFirst(2)
      return hexDigits(digits) && digits.count <= 2 ? hexPairs(digits.count == 1 ? "0" + digits : String(digits)) : nil
    }
    if hexDigits(Substring(t)) {
      if t.count == 1 { return hexPairs("0" + t) }
      return t.count % 2 == 0 ? hexPairs(t) : nil
    }
    return bytes(t)
  }

  private static func hexPairs(_ text: String) -> [UInt8]? {
    let chars = Array(text)
    guard chars.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < chars.count {
      guard let b = UInt8(String(chars[i...i + 1]), radix: 16) else { return nil }
      out.append(b)
      i += 2
    }
    return out
  }

  private static func splitPrefix(_ text: String, maximum: Int) -> (String, Int?) {
    guard let slash = text.lastIndex(of: "/") else { return (text, maximum) }
    guard let p = Int(text[text.index(after: slash)...]), p >= 0, p <= maximum else {
      return (text, nil)
    }
    return (String(text[..<slash]), p)
  }
}

extension String {
  /// Splits on a multi-character separator (Foundation-free).
  func components(separatedBy separator: String) -> [String] {
    var parts: [String] = []
    var rest = Substring(self)
    while let r = rest.range(of: separator) {
      parts.append(String(rest[..<r.lowerBound]))
      rest = rest[r.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}

extension Substring {
  func range(of needle: String) -> Range<Substring.Index>? {
    guard !needle.isEmpty else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) {
        return i..<index(i, offsetBy: needle.count)
      }
      i = index(after: i)
    }
    return nil
  }
}

extension String {
  func range(of needle: String) -> Range<String.Index>? {
    Substring(self).range(of: needle)
  }
}
