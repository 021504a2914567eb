/// Literal text read as the filter checker reads it (PacketLanguage's
/// `Literals`, which that module keeps internal), for the types a BPF
/// program compares: integers, IPv4 and IPv6 addresses with prefixes,
/// Ethernet addresses. `FastFilter` only sees filters the checker has
/// accepted, so the two readings are compared on every equivalence test.
enum LiteralValue {
  /// Decimal, `0x` hex, `0b` binary, leading-zero octal; a leading `-`.
  static func integer(_ text: String) -> Int64? {
    var t = Substring(text)
    let negative = t.hasPrefix("-")
    if negative { t = t.dropFirst() }
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

  /// An integer field's constant: a number, `true`/`false` for flags, or
  /// up to 8 hex bytes (`08:00`) read big-endian.
  static func integer(_ text: String, boolean: Bool) -> Int64? {
    if let n = integer(text) { return n }
    if boolean, text == "true" || text == "false" { return text == "true" ? 1 : 0 }
    if let b = bytes(text), b.count <= 8 { return Int64(bitPattern: b.reduce(0) { $0 << 8 | UInt64($1) }) }
    return nil
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

  /// RFC 4291 text (`::`, an embedded IPv4 tail) with an optional
  /// `/prefix`: eight 16-bit groups and the prefix length.
  static func ipv6(_ text: String) -> ([UInt16], Int)? {
    let (address, prefix) = splitPrefix(text, maximum: 128)
    guard let prefix, address.contains(":") else { return nil }
    func groups(_ part: Substring) -> [UInt16]? {
      guard !part.isEmpty else { return [] }
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      var out: [UInt16] = []
      for (i, piece) in pieces.enumerated() {
        if i == pieces.count - 1, piece.contains("."), let (v4, p) = ipv4(String(piece)), p == 32 {
          out += [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
          continue
        }
        guard !piece.isEmpty, piece.count <= 4, let g = UInt16(piece, radix: 16) else { return nil }
        out.append(g)
      }
      return out
    }
    let halves = split(address, on: "::")
    guard halves.count <= 2, let head = groups(halves[0]) else { return nil }
    var all = head
    if halves.count == 2 {
      guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
      all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    }
    return all.count == 8 ? (all, prefix) : nil
  }

  /// Hex bytes separated by `:`, `-` or `.` (`86:dd`), or Cisco's
  /// `0011.2233.4455`. A single pair is one byte.
  static func bytes(_ text: String) -> [UInt8]? {
    if text.contains(".") && !text.contains(":") && !text.contains("-") {
      let groups = text.split(separator: ".", omittingEmptySubsequences: false)
      if groups.allSatisfy({ $0.count == 4 }) {
        let digits = Array(groups.joined())
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
          guard let b = UInt8(String(digits[i...i + 1]), radix: 16) else { return nil }
          out.append(b)
        }
        return out
      }
    }
    let pieces = text.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "-" || $0 == "." }
    var out: [UInt8] = []
    for piece in pieces {
      guard piece.count == 2 || (piece.count == 1 && pieces.count > 1), let b = UInt8(piece, radix: 16) else {
        return nil
      }
      out.append(b)
    }
    return out.isEmpty ? nil : out
  }

  private static func splitPrefix(_ text: String, maximum: Int) -> (String, Int?) {
    guard let slash = text.lastIndex(of: "/") else { return (text, maximum) }
    guard let p = Int(text[text.index(after: slash)...]), p >= 0, p <= maximum else { return (text, nil) }
    return (String(text[..<slash]), p)
  }

  private static func split(_ text: String, on separator: String) -> [Substring] {
    var parts: [Substring] = []
    var rest = Substring(text)
    while let r = rest.firstRange(of: separator) {
      parts.append(rest[..<r.lowerBound])
      rest = rest[r.upperBound...]
    }
    parts.append(rest)
    return parts
  }
}
