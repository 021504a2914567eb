#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PacketWire

/// Formats field values the way `tshark -T fields` prints them.
public enum FieldText {
  /// The text of one occurrence.
  public static func format(_ record: FieldRecord, in dissection: Dissection) -> String {
    let decl = record.field.decl
    switch decl.kind {
    case .protocolItem, .label:
      return decl.label
    case .uint(let bytes):
      return integer(record.value, base: decl.base, bytes: bytes)
    case .int(let bytes):
      let shift = UInt64(64 - bytes * 8)
      let signed = Int64(bitPattern: record.value << shift) >> Int64(shift)
      return String(signed)
    case .boolean:
      return record.value != 0 ? "1" : "0"
    case .frameNumber:
      return String(record.value)
    case .ipv4:
      return ipv4(UInt32(truncatingIfNeeded: record.value))
    case .ipv6:
      return ipv6(dissection.valueBytes(record))
    case .ether:
      return ether(dissection.valueBytes(record))
    case .bytes:
      // tshark prints an empty byte field's display label, "<none>".
      if record.flags.contains(.missing) { return "<MISSING>" }
      guard record.length > 0 || record.flags.contains(.inArena) else { return "<none>" }
      return hex(dissection.valueBytes(record))
    case .string:
      return escaped(dissection.valueBytes(record))
    case .absoluteTime:
      return absoluteTime(Int64(bitPattern: record.value))
    case .relativeTime:
      return relativeTime(Int64(bitPattern: record.value))
    }
  }

  /// Every occurrence of `field`, joined by `separator` (tshark's
  /// `-E occurrence=a -E aggregator=,`); empty when the field is absent.
  public static func occurrences(
    of field: FieldID, in dissection: Dissection, separator: String = ","
  ) -> String {
    var out = ""
    var first = true
    for record in dissection.records where record.field == field {
      if !first { out += separator }
      first = false
      out += format(record, in: dissection)
    }
    return out
  }

  public static func integer(_ value: UInt64, base: DisplayBase, bytes: Int) -> String {
    switch base {
    case .hex, .hexDec:
      let digits = String(value, radix: 16)
      let width = max(1, bytes) * 2
      return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    case .oct:
      return value == 0 ? "0" : "0" + String(value, radix: 8)
    default:
      return String(value)
    }
  }

  public static func ipv4(_ address: UInt32) -> String {
    "\(address >> 24).\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)"
  }

  /// RFC 5952 text: lowercase, the longest run of two or more zero groups as `::`.
  public static func ipv6(_ bytes: ByteView) -> String {
    guard bytes.count == 16 else { return hex(bytes) }
    var groups = [UInt16](repeating: 0, count: 8)
    for i in 0..<8 { groups[i] = bytes.uint16(at: i * 2)! }
    var bestStart = -1
    var bestLength = 0
    var i = 0
    while i < 8 {
      if groups[i] == 0 {
        var j = i
        while j < 8 && groups[j] == 0 { j += 1 }
        if j - i > bestLength && j - i >= 2 { (bestStart, bestLength) = (i, j - i) }
        i = j
      } else {
        i += 1
      }
    }
    // An IPv4-mapped or -compatible address keeps its dotted tail, as inet_ntop writes it.
    if bestStart == 0 && (bestLength == 5 && groups[5] == 0xffff || bestLength == 6 && groups[6] != 0) {
      let v4 = ipv4(bytes.uint32(at: 12)!)
      return bestLength == 5 ? "::ffff:" + v4 : "::" + v4
    }
    var out = ""
    i = 0
    while i < 8 {
      if i == bestStart {
        out += "::"
        i += bestLength
        continue
      }
      if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
      out += String(groups[i], radix: 16)
      i += 1
    }
    return out
  }

  public static func ether(_ bytes: ByteView) -> String {
    var out = ""
    for i in 0..<bytes.count {
      if i > 0 { out += ":" }
      out += hexByte(bytes.byte(i))
    }
    return out
  }

  public static func hex(_ bytes: ByteView) -> String {
    var out = ""
    out.reserveCapacity(bytes.count * 2)
    for i in 0..<bytes.count { out += hexByte(bytes.byte(i)) }
    return out
  }

  static func hexByte(_ b: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
  }

  /// Text as `tshark -T fields` (4.0) prints strings: backspace, tab,
  /// newline, form feed and carriage return as the C escapes `\b \t \n \f
  /// \r`, every other byte below 0x80 as it is (BEL and vertical tab
  /// included), valid UTF-8 decoded, and U+FFFD for each byte that is not.
  public static func escaped(_ bytes: ByteView) -> String {
    var out = ""
    let raw = bytes.copyBytes()
    var i = 0
    while i < raw.count {
      let b = raw[i]
      switch b {
      case 0x08: out += "\\b"
      case 0x09: out += "\\t"
      case 0x0c: out += "\\f"
      case 0x0a: out += "\\n"
      case 0x0d: out += "\\r"
      case 0..<0x80: out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        if let (scalar, length) = decodeUTF8(raw, at: i) {
          out.unicodeScalars.append(scalar)
          i += length
          continue
        }
        out.unicodeScalars.append("\u{FFFD}")
      }
      i += 1
    }
    return out
  }

  private static func decodeUTF8(_ raw: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
    let b = raw[i]
    let length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0
    guard length > 0, i + length <= raw.count else { return nil }
    var value = UInt32(b) & (0xff >> UInt32(length + 1))
    for k in 1..<length {
      let c = raw[i + k]
      guard c & 0xc0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3f)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  /// `Jun 29, 2010 19:41:35.135052000 UTC`, in the local time zone as
  /// tshark prints it.
  public static func absoluteTime(_ nanoseconds: Int64) -> String {
    var seconds = time_t(nanoseconds.floorDivided(by: 1_000_000_000))
    let fraction = nanoseconds - Int64(seconds) * 1_000_000_000
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return String(nanoseconds) }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let month = months[Int(parts.tm_mon) % 12]
    let day = parts.tm_mday < 10 ? " \(parts.tm_mday)" : "\(parts.tm_mday)"
    let zone = parts.tm_zone.map { String(cString: $0) } ?? ""
    return "\(month) \(day), \(Int(parts.tm_year) + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(nine(fraction)) \(zone)"
  }

  /// Seconds with nine decimals: `0.000858000`.
  public static func relativeTime(_ nanoseconds: Int64) -> String {
    let negative = nanoseconds < 0
    let magnitude = nanoseconds.magnitude
    let text = "\(magnitude / 1_000_000_000).\(nine(Int64(magnitude % 1_000_000_000)))"
    return negative ? "-" + text : text
  }

  private static func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
  private static func nine(_ v: Int64) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, 9 - s.count)) + s
  }
}

extension Int64 {
  func floorDivided(by d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
