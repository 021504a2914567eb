/// A JSON value read from a body (RFC 8259), with where each part lies,
/// for JSON's fields. Strings are unescaped (`\n`, `\u00e9` as UTF-8).
struct JSONValue {
  indirect enum Kind {
    case object([Member])
    case array([JSONValue])
    case string([UInt8])
    case number
    case boolean(Bool)
    case null
  }

  struct Member {
    var key: [UInt8]
    var keyStart: Int
    var keyEnd: Int
    var value: JSONValue
  }

  var kind: Kind
  var start: Int
  var end: Int
  /// The raw text of a number, or the text Wireshark gives a scalar in
  /// `json.member_with_value`; nil for objects and arrays.
  var scalarText: [UInt8]?

  /// The value filling `bytes` (whitespace around it allowed); nil when
  /// they are not one JSON value, or nest deeper than `maximumDepth`.
  static func parse(_ bytes: [UInt8], maximumDepth: Int) -> JSONValue? {
    var reader = Reader(bytes: bytes, maximumDepth: maximumDepth)
    reader.skipSpace()
    guard let value = reader.value(depth: 0) else { return nil }
    reader.skipSpace()
    return reader.offset == bytes.count ? value : nil
  }

  private struct Reader {
    let bytes: [UInt8]
    let maximumDepth: Int
    var offset = 0

    init(bytes: [UInt8], maximumDepth: Int) {
      self.bytes = bytes
      self.maximumDepth = maximumDepth
    }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func skipSpace() {
      while let b = current, b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d { offset += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth < maximumDepth, let b = current else { return nil }
      let start = offset
      switch b {
      case UInt8(ascii: "{"): return object(depth: depth)
      case UInt8(ascii: "["): return array(depth: depth)
      case UInt8(ascii: "\""):
        guard let text = string() else { return nil }
        return JSONValue(kind: .string(text), start: start, end: offset, scalarText: text)
      case UInt8(ascii: "t"): return literal("true", .boolean(true))
      case UInt8(ascii: "f"): return literal("false", .boolean(false))
      case UInt8(ascii: "n"): return literal("null", .null)
      default:
        guard number() else { return nil }
        return JSONValue(kind: .number, start: start, end: offset, scalarText: Array(bytes[start..<offset]))
      }
    }

    mutating func literal(_ word: String, _ kind: Kind) -> JSONValue? {
      let text = Array(word.utf8)
      guard bytes.count - offset >= text.count, bytes[offset..<offset + text.count].elementsEqual(text) else { return nil }
      let start = offset
      offset += text.count
      return JSONValue(kind: kind, start: start, end: offset, scalarText: text)
    }

    mutating func number() -> Bool {
      let start = offset
      if current == UInt8(ascii: "-") { offset += 1 }
      let digits = { (r: inout Reader) -> Int in
        let from = r.offset
        while let d = r.current, d >= 0x30 && d <= 0x39 { r.offset += 1 }
        return r.offset - from
      }
      guard digits(&self) > 0 else { return false }
      if current == UInt8(ascii: ".") {
        offset += 1
        guard digits(&self) > 0 else { return false }
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        offset += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
        guard digits(&self) > 0 else { return false }
      }
      return offset > start
    }

    mutating func object(depth: Int) -> JSONValue? {
      let start = offset
      offset += 1
      var members: [Member] = []
      skipSpace()
      if current == UInt8(ascii: "}") {
        offset += 1
        return JSONValue(kind: .object([]), start: start, end: offset)
      }
      while true {
        skipSpace()
        let keyStart = offset
        guard current == UInt8(ascii: "\""), let key = string() else { return nil }
        let keyEnd = offset
        skipSpace()
        guard current == UInt8(ascii: ":") else { return nil }
        offset += 1
        skipSpace()
        guard let value = value(depth: depth + 1) else { return nil }
        members.append(Member(key: key, keyStart: keyStart, keyEnd: keyEnd, value: value))
        skipSpace()
        if current == UInt8(ascii: ",") {
          offset += 1
          continue
        }
        guard current == UInt8(ascii: "}") else { return nil }
        offset += 1
        return JSONValue(kind: .object(members), start: start, end: offset)
      }
    }

    mutating func array(depth: Int) -> JSONValue? {
      let start = offset
      offset += 1
      var items: [JSONValue] = []
      skipSpace()
      if current == UInt8(ascii: "]") {
        offset += 1
        return JSONValue(kind: .array([]), start: start, end: offset)
      }
      while true {
        skipSpace()
        guard let item = value(depth: depth + 1) else { return nil }
        items.append(item)
        skipSpace()
        if current == UInt8(ascii: ",") {
          offset += 1
          continue
        }
        guard current == UInt8(ascii: "]") else { return nil }
        offset += 1
        return JSONValue(kind: .array(items), start: start, end: offset)
      }
    }

    /// Reads a string at the opening quote, unescaped.
    mutating func string() -> [UInt8]? {
      offset += 1
      var out: [UInt8] = []
      while let b = current {
        offset += 1
        switch b {
        case UInt8(ascii: "\""): return out
        case UInt8(ascii: "\\"):
          guard let e = current else { return nil }
          offset += 1
          switch e {
          case UInt8(ascii: "n"): out.append(0x0a)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "r"): out.append(0x0d)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0c)
          case UInt8(ascii: "u"):
            guard var scalar = hex4() else { return nil }
            if scalar >= 0xd800 && scalar < 0xdc00, bytes.count - offset >= 6, bytes[offset] == 0x5c,
              bytes[offset + 1] == UInt8(ascii: "u")
            {
              offset += 2
              guard let low = hex4(), low >= 0xdc00 && low < 0xe000 else { return nil }
              scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            }
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{fffd}")).utf8))
          default: out.append(e)
          }
        default: out.append(b)
        }
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard bytes.count - offset >= 4 else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let d = bytes[offset]
        let digit: UInt8
        switch d {
        case 0x30...0x39: digit = d - 0x30
        case 0x41...0x46: digit = d - 0x37
        case 0x61...0x66: digit = d - 0x57
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        offset += 1
      }
      return value
    }
  }
}
