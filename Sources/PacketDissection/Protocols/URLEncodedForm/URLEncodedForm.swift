/// An HTML form's `application/x-www-form-urlencoded` body (WHATWG URL
/// section 5), which HTTP hands on by its Content-Type (Wireshark's
/// `urlencoded-form`): `key=value` pairs separated by `&`, each decoded
/// (`+` is a space, `%XX` a byte). A pair whose escape is broken ends the
/// walk, as in Wireshark; one cut off by the segment's end is truncated.
enum URLEncodedForm: UInt8, ProtocolModule {
  case item, key, value

  static var protocolID: ProtocolID { .urlencodedForm }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("urlencoded-form", "HTML Form URL Encoded")
    case .key: .loose("urlencoded-form.key", "Key", .string)
    case .value: .loose("urlencoded-form.value", "Value", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    while offset < c.length {
      guard let (keyText, keyEnd) = try decoded(c, from: offset, until: UInt8(ascii: "=")) else { break }
      c.computed(key, at: offset, keyEnd - offset, bytes: keyText, depth: 2)
      offset = keyEnd + 1
      guard let (valueText, valueEnd) = try decoded(c, from: offset, until: UInt8(ascii: "&")) else { break }
      c.computed(value, at: offset, valueEnd - offset, bytes: valueText, depth: 2)
      offset = valueEnd + 1
    }
    return .stop
  }

  /// The text from `start` to `delimiter` (or the end), decoded, and where
  /// it stopped; nil when a `%` is not followed by two hex digits.
  private static func decoded(
    _ c: LayerCursor, from start: Int, until delimiter: UInt8
  ) throws(DissectionStop) -> ([UInt8], Int)? {
    var out: [UInt8] = []
    var i = start
    while i < c.length {
      let b = try c.uint8(i)
      if b == delimiter { break }
      switch b {
      case UInt8(ascii: "+"):
        out.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = hexValue(try c.uint8(i + 1)), let low = hexValue(try c.uint8(i + 2)) else { return nil }
        out.append(high << 4 | low)
        i += 2
      default:
        out.append(b)
      }
      i += 1
    }
    return (HTTP.asciiText(out), i)
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: b - 0x30
    case 0x41...0x46: b - 0x37
    case 0x61...0x66: b - 0x57
    default: nil
    }
  }
}
