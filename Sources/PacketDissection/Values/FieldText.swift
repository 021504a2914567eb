#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PacketCapture
import PacketWire

/// Formats field values the way `tshark -T fields` prints them.
///
/// Each value is written as UTF-8 straight into a byte buffer (`append`),
/// so printing a column of a million packets builds no Strings; the
/// String-returning functions wrap the same code.
public enum FieldText {
  /// The text of one occurrence.
  public static func format(_ record: FieldRecord, in dissection: Dissection) -> String {
    text { append(record, in: dissection, to: &$0) }
  }

  /// Appends the text of one occurrence, in its field's kind and base.
  public static func append(_ record: FieldRecord, in dissection: Dissection, to out: inout ByteWriter) {
    let format = FastTables.shared.formats[Int(record.field.raw)]
    append(record, kind: format.kind, base: format.base, in: dissection, to: &out)
  }

  /// Appends the text of one occurrence of a field of `kind` shown in `base`.
  public static func append(
    _ record: FieldRecord, kind: FieldKind, base: DisplayBase, in dissection: Dissection,
    to out: inout ByteWriter
  ) {
    switch kind {
    case .protocolItem:
      out.append(contentsOf: record.field.decl.label.utf8)
    case .label:
      // tshark 4.0 prints a field with no value (FT_NONE) as 1.
      out.append(UInt8(ascii: "1"))
    case .uint(let bytes):
      appendInteger(record.value, base: base, bytes: bytes, to: &out)
    case .int(let bytes):
      let shift = UInt64(64 - bytes * 8)
      let signed = Int64(bitPattern: record.value << shift) >> Int64(shift)
      if signed < 0 { out.append(UInt8(ascii: "-")) }
      appendDecimal(signed.magnitude, to: &out)
    case .boolean:
      out.append(record.value != 0 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    case .frameNumber:
      appendDecimal(record.value, to: &out)
    case .ipv4:
      appendIPv4(UInt32(truncatingIfNeeded: record.value), to: &out)
    case .ipv6:
      appendIPv6(dissection.valueBytes(record), to: &out)
    case .ether:
      appendEther(dissection.valueBytes(record), to: &out)
    case .bytes:
      // tshark prints an empty byte field's display label, "<none>".
      if record.flags.contains(.missing) {
        out.append(contentsOf: "<MISSING>".utf8)
      } else if record.length > 0 || record.flags.contains(.inArena) {
        appendHex(dissection.valueBytes(record), to: &out)
      } else {
        out.append(contentsOf: "<none>".utf8)
      }
    case .string:
      appendEscaped(dissection.valueBytes(record), to: &out)
    case .absoluteTime:
      if record.flags.contains(.missing) {
        out.append(contentsOf: "NULL".utf8)
      } else if record.flags.contains(.unnormalisedTime) {
        let time = unnormalisedTime(record)
        appendAbsoluteTime(seconds: time.seconds, nanoseconds: Int64(time.nanoseconds), to: &out)
      } else {
        appendAbsoluteTime(Int64(bitPattern: record.value), to: &out)
      }
    case .relativeTime:
      if record.flags.contains(.unnormalisedTime) {
        appendSignedTime(unnormalisedTime(record), digits: 9, to: &out)
      } else {
        appendRelativeTime(Int64(bitPattern: record.value), to: &out)
      }
    }
  }

  public static func integer(_ value: UInt64, base: DisplayBase, bytes: Int) -> String {
    text { appendInteger(value, base: base, bytes: bytes, to: &$0) }
  }

  public static func ipv4(_ address: UInt32) -> String { text { appendIPv4(address, to: &$0) } }

  /// RFC 5952 text: lowercase, the longest run of two or more zero groups as `::`.
  public static func ipv6(_ bytes: ByteView) -> String { text { appendIPv6(bytes, to: &$0) } }

  /// Text as `tshark -T fields` (4.0) prints strings: backspace, tab,
  /// newline, form feed and carriage return as the C escapes `\b \t \n \f
  /// \r`, every other byte below 0x80 as it is (BEL and vertical tab
  /// included), valid UTF-8 decoded, and U+FFFD for each byte that is not.
  public static func escaped(_ bytes: ByteView) -> String { text { appendEscaped(bytes, to: &$0) } }

  static func hexByte(_ b: UInt8) -> String { text { appendHexByte(b, to: &$0) } }

  /// `Jun 29, 2010 19:41:35.135052000 UTC`, in the local time zone as
  /// tshark prints it.
  public static func absoluteTime(_ nanoseconds: Int64) -> String {
    text { appendAbsoluteTime(nanoseconds, to: &$0) }
  }

  /// Writes `absoluteTime(nanoseconds)` into `out`.
  public static func appendAbsoluteTime(_ nanoseconds: Int64, to out: inout ByteWriter) {
    // Floor division, without the multiplication back that overflows at
    // the ends of the range (Int64.min is -9223372037 s + 145224192 ns).
    var (whole, fraction) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
    if fraction < 0 {
      whole -= 1
      fraction += 1_000_000_000
    }
    guard appendAbsoluteTime(seconds: whole, nanoseconds: fraction, to: &out) else {
      if nanoseconds < 0 { out.append(UInt8(ascii: "-")) }
      return appendDecimal(nanoseconds.magnitude, to: &out)
    }
  }

  /// Writes `seconds` as a local date and time, then `nanoseconds` as C's
  /// `%09d` writes it (a negative part, of an unnormalised time, after its
  /// sign); false, writing nothing, when the seconds are no date.
  @discardableResult
  private static func appendAbsoluteTime(seconds whole: Int64, nanoseconds fraction: Int64, to out: inout ByteWriter) -> Bool {
    var seconds = time_t(whole)
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return false }
    out.append(contentsOf: months[Int(parts.tm_mon.magnitude % 12)].utf8)
    out.append(UInt8(ascii: " "))
    if parts.tm_mday < 10 { out.append(UInt8(ascii: " ")) }
    appendSigned(Int(parts.tm_mday), to: &out)
    out.append(contentsOf: ", ".utf8)
    appendSigned(Int(parts.tm_year) + 1900, to: &out)
    out.append(UInt8(ascii: " "))
    appendPadded(UInt64(clamping: parts.tm_hour), width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendPadded(UInt64(clamping: parts.tm_min), width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendPadded(UInt64(clamping: parts.tm_sec), width: 2, to: &out)
    out.append(UInt8(ascii: "."))
    if fraction < 0 { out.append(UInt8(ascii: "-")) }
    appendPadded(fraction.magnitude, width: fraction < 0 ? 8 : 9, to: &out)
    out.append(UInt8(ascii: " "))
    if let zone = parts.tm_zone {
      out.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(zone).assumingMemoryBound(to: UInt8.self), count: strlen(zone)))
    }
    return true
  }

  /// The time of a record flagged `unnormalisedTime`.
  private static func unnormalisedTime(_ record: FieldRecord) -> NSTime {
    let nanoseconds = Int32(record.offset)
    let total = Int64(bitPattern: record.value)
    return NSTime(seconds: (total &- Int64(nanoseconds)) / 1_000_000_000, nanoseconds: nanoseconds)
  }

  /// Writes `time` with `digits` decimals as Wireshark's
  /// `display_signed_time` does: the nanoseconds cut to `digits` (toward
  /// zero), a negative part written without its sign but with a `-` before
  /// non-negative seconds, and at least `digits` digits (more when the
  /// part is a second or more).
  public static func appendSignedTime(_ time: NSTime, digits: Int, to out: inout ByteWriter) {
    let digits = min(max(digits, 0), 9)
    var fraction = time.nanoseconds
    for _ in digits..<9 { fraction /= 10 }
    if fraction < 0 && time.seconds >= 0 { out.append(UInt8(ascii: "-")) }
    if time.seconds < 0 { out.append(UInt8(ascii: "-")) }
    appendDecimal(time.seconds.magnitude, to: &out)
    guard digits > 0 else { return }
    out.append(UInt8(ascii: "."))
    appendPadded(UInt64(fraction.magnitude), width: digits, to: &out)
  }

  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// `value` in decimal, with a minus sign when negative.
  private static func appendSigned(_ value: Int, to out: inout ByteWriter) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDecimal(UInt64(value.magnitude), to: &out)
  }

  /// Seconds with nine decimals: `0.000858000`.
  public static func relativeTime(_ nanoseconds: Int64) -> String {
    text { appendRelativeTime(nanoseconds, to: &$0) }
  }

  // MARK: Writing bytes

  private static func text(_ body: (inout ByteWriter) -> Void) -> String {
    var bytes = ByteWriter()
    body(&bytes)
    return bytes.text
  }

  /// Writes `integer(value, base:, bytes:)` into `out`.
  public static func appendInteger(_ value: UInt64, base: DisplayBase, bytes: Int, to out: inout ByteWriter) {
    switch base {
    case .hex, .hexDec:
      // `0x`, zeros to the field's width, the digits: one reservation.
      let digits = max(1, (67 - value.leadingZeroBitCount) / 4)
      let width = max(digits, max(1, bytes) * 2)
      out.write(upTo: 2 + width) { p in
        p[0] = UInt8(ascii: "0")
        p[1] = UInt8(ascii: "x")
        var rest = value
        var i = 2 + width
        while i > 2 {
          i -= 1
          p[i] = digitCharacter(rest & 15)
          rest >>= 4
        }
        return 2 + width
      }
    case .oct:
      out.append(UInt8(ascii: "0"))
      if value != 0 { appendDigits(value, radix: 8, count: (66 - value.leadingZeroBitCount) / 3, to: &out) }
    default:
      appendDecimal(value, to: &out)
    }
  }

  public static func appendDecimal(_ value: UInt64, to out: inout ByteWriter) {
    if value < 10 { return out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)) }
    // Written backwards straight into the output, its length known first:
    // the tree writes a few hundred numbers a packet, most of them short.
    let count = value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : decimalDigits(value)
    out.write(upTo: count) { p in
      writeDigits(value, count: count, at: p)
      return count
    }
  }

  /// Writes `value` in `count` decimal digits at `p` (`count` at least its
  /// number of digits), zero-padded on the left: two digits per division, from a table of the hundred
  /// pairs (the tree writes a few hundred numbers a packet).
  @inlinable @inline(__always)
  public static func writeDigits(_ value: UInt64, count: Int, at p: UnsafeMutablePointer<UInt8>) {
    let pairs = digitPairs.utf8Start
    var rest = value
    var i = count
    while i >= 2 {
      let pair = Int(truncatingIfNeeded: rest % 100) &* 2
      rest /= 100
      i &-= 2
      p[i] = pairs[pair]
      p[i &+ 1] = pairs[pair &+ 1]
    }
    if i == 1 { p[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
  }

  /// `00`, `01`, … `99`, for `writeDigits`.
  @usableFromInline static let digitPairs: StaticString =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

  @inline(__always)
  private static func decimalDigits(_ value: UInt64) -> Int {
    var count = 1
    var rest = value
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    return count
  }

  /// `value` in `width` (at most 19) decimal digits, zero-padded on the
  /// left, two digits per division as `appendDecimal` writes them: times
  /// write a nine-digit fraction each.
  private static func appendPadded(_ value: UInt64, width: Int, to out: inout ByteWriter) {
    let count = value < powersOfTen[width] ? width : decimalDigits(value)
    out.write(upTo: 24) { p in
      writeDigits(value, count: count, at: p)
      return count
    }
  }

  /// 1, 10, 100, … 10^19, for `appendPadded`.
  private static let powersOfTen: [UInt64] = (0...19).map { (0..<$0).reduce(1) { n, _ in n * 10 } }

  /// The low `count` digits (at most 24) of `value` in `radix` (at most
  /// 16), most significant first, lowercase. Inlined so that each caller's
  /// constant radix turns the divisions into shifts and multiplications.
  @inline(__always)
  private static func appendDigits(_ value: UInt64, radix: UInt64, count: Int, to out: inout ByteWriter) {
    out.write(upTo: 24) { p in
      var rest = value
      var i = count
      while i > 0 {
        i -= 1
        p[i] = digitCharacter(rest % radix)
        rest /= radix
      }
      return count
    }
  }

  /// `0`-`9`, then `a`-`f`.
  @inline(__always)
  private static func digitCharacter(_ digit: some BinaryInteger) -> UInt8 {
    let d = UInt8(truncatingIfNeeded: digit)
    return d < 10 ? UInt8(ascii: "0") &+ d : UInt8(ascii: "a") &+ (d &- 10)
  }

  public static func appendHexByte(_ b: UInt8, to out: inout ByteWriter) {
    out.append(digitCharacter(b >> 4))
    out.append(digitCharacter(b & 15))
  }

  public static func appendIPv4(_ address: UInt32, to out: inout ByteWriter) {
    out.write(upTo: 24) { p in
      var n = 0
      var shift: UInt32 = 24
      while true {
        let part = UInt8(truncatingIfNeeded: address >> shift)
        if part >= 100 {
          p[n] = UInt8(ascii: "0") &+ part / 100
          n += 1
        }
        if part >= 10 {
          p[n] = UInt8(ascii: "0") &+ part / 10 % 10
          n += 1
        }
        p[n] = UInt8(ascii: "0") &+ part % 10
        n += 1
        if shift == 0 { return n }
        p[n] = UInt8(ascii: ".")
        n += 1
        shift -= 8
      }
    }
  }

  public static func appendIPv6(_ bytes: ByteView, to out: inout ByteWriter) {
    guard bytes.count == 16 else { return appendHex(bytes, to: &out) }
    func group(_ i: Int) -> UInt16 { bytes.uint16(at: i * 2)! }
    var bestStart = -1
    var bestLength = 0
    var i = 0
    while i < 8 {
      if group(i) == 0 {
        var j = i
        while j < 8 && group(j) == 0 { j += 1 }
        if j - i > bestLength && j - i >= 2 { (bestStart, bestLength) = (i, j - i) }
        i = j
      } else {
        i += 1
      }
    }
    // An IPv4-mapped or -compatible address keeps its dotted tail, as inet_ntop writes it.
    if bestStart == 0 && (bestLength == 5 && group(5) == 0xffff || bestLength == 6 && group(6) != 0) {
      out.append(contentsOf: (bestLength == 5 ? "::ffff:" : "::").utf8)
      return appendIPv4(bytes.uint32(at: 12)!, to: &out)
    }
    i = 0
    while i < 8 {
      if i == bestStart {
        out.append(contentsOf: "::".utf8)
        i += bestLength
        continue
      }
      if i > 0 && i != bestStart + bestLength { out.append(UInt8(ascii: ":")) }
      let value = UInt64(group(i))
      appendDigits(value, radix: 16, count: max(1, (67 - value.leadingZeroBitCount) / 4), to: &out)
      i += 1
    }
  }

  public static func appendEther(_ bytes: ByteView, to out: inout ByteWriter) {
    guard bytes.count > 0 else { return }
    // Room for all of it at once, then stores with no checks between.
    out.write(upTo: bytes.count * 3) { p in
      var n = 0
      for i in 0..<bytes.count {
        if i > 0 {
          p[n] = UInt8(ascii: ":")
          n += 1
        }
        let b = bytes.byte(i)
        p[n] = digitCharacter(b >> 4)
        p[n + 1] = digitCharacter(b & 15)
        n += 2
      }
      return n
    }
  }

  public static func appendHex(_ bytes: ByteView, to out: inout ByteWriter) {
    out.write(upTo: bytes.count * 2) { p in
      for i in 0..<bytes.count {
        let b = bytes.byte(i)
        p[2 * i] = digitCharacter(b >> 4)
        p[2 * i + 1] = digitCharacter(b & 15)
      }
      return bytes.count * 2
    }
  }

  public static func appendEscaped(_ bytes: ByteView, to out: inout ByteWriter) {
    var i = 0
    while i < bytes.count {
      // A run of bytes that stand for themselves goes in with one copy.
      var plain = i
      while plain < bytes.count && standsForItself(bytes.byte(plain)) { plain += 1 }
      if plain > i {
        bytes.slice(i, plain - i).withUnsafeBytes { out.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        i = plain
        continue
      }
      let b = bytes.byte(i)
      switch b {
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0x0c: out.append(contentsOf: "\\f".utf8)
      case 0x0a: out.append(contentsOf: "\\n".utf8)
      case 0x0d: out.append(contentsOf: "\\r".utf8)
      case 0..<0x80: out.append(b)
      default:
        if let (scalar, length) = decodeUTF8(bytes, at: i) {
          appendUTF8(scalar, to: &out)
          i += length
          continue
        }
        out.append(contentsOf: [0xef, 0xbf, 0xbd])  // U+FFFD
      }
      i += 1
    }
  }

  /// Text as Wireshark 4.0's `format_text` writes it for the Info column
  /// and the tree's string items: printable ASCII as it is, the other
  /// ASCII bytes as the C escapes `\a \b \f \n \r \t \v` or a backslash
  /// and three octal digits, valid UTF-8 decoded, and U+FFFD for each byte
  /// that is not.
  public static func formatted(_ bytes: ByteView) -> String { text { appendFormatted(bytes, to: &$0) } }

  /// Writes `formatted(bytes)` into `out`.
  public static func appendFormatted(_ bytes: ByteView, to out: inout ByteWriter) {
    var i = 0
    while i < bytes.count {
      // A run of printable bytes goes in with one copy.
      var plain = i
      while plain < bytes.count && bytes.byte(plain) >= 0x20 && bytes.byte(plain) < 0x7f { plain += 1 }
      if plain > i {
        bytes.slice(i, plain - i).withUnsafeBytes { out.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        i = plain
        continue
      }
      let b = bytes.byte(i)
      i += 1
      guard b >= 0x80 else {
        out.append(UInt8(ascii: "\\"))
        switch b {
        case 0x07: out.append(UInt8(ascii: "a"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0c: out.append(UInt8(ascii: "f"))
        case 0x0a: out.append(UInt8(ascii: "n"))
        case 0x0d: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x0b: out.append(UInt8(ascii: "v"))
        default: for shift in [6, 3, 0] { out.append(UInt8(ascii: "0") &+ (b >> UInt8(shift)) & 7) }
        }
        continue
      }
      if let (scalar, length) = decodeUTF8(bytes, at: i - 1) {
        appendUTF8(scalar, to: &out)
        i += length - 1
      } else {
        out.append(contentsOf: [0xef, 0xbf, 0xbd])  // U+FFFD
      }
    }
  }

  /// An ASCII byte `appendEscaped` writes as it is: all but backspace,
  /// tab, newline, form feed and carriage return.
  @inline(__always) private static func standsForItself(_ b: UInt8) -> Bool {
    b < 0x80 && (b < 0x08 || b > 0x0d || b == 0x0b)
  }

  /// Writes the UTF-8 of `scalar` (as `String(scalar).utf8`, without
  /// making the String: text in other scripts has one per character).
  @inline(__always)
  private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout ByteWriter) {
    let v = scalar.value
    out.write(upTo: 4) { p in
      switch v {
      case 0..<0x80:
        p[0] = UInt8(truncatingIfNeeded: v)
        return 1
      case 0x80..<0x800:
        p[0] = 0xc0 | UInt8(truncatingIfNeeded: v >> 6)
        p[1] = 0x80 | UInt8(truncatingIfNeeded: v & 0x3f)
        return 2
      case 0x800..<0x10000:
        p[0] = 0xe0 | UInt8(truncatingIfNeeded: v >> 12)
        p[1] = 0x80 | UInt8(truncatingIfNeeded: v >> 6 & 0x3f)
        p[2] = 0x80 | UInt8(truncatingIfNeeded: v & 0x3f)
        return 3
      default:
        p[0] = 0xf0 | UInt8(truncatingIfNeeded: v >> 18)
        p[1] = 0x80 | UInt8(truncatingIfNeeded: v >> 12 & 0x3f)
        p[2] = 0x80 | UInt8(truncatingIfNeeded: v >> 6 & 0x3f)
        p[3] = 0x80 | UInt8(truncatingIfNeeded: v & 0x3f)
        return 4
      }
    }
  }

  private static func decodeUTF8(_ bytes: ByteView, at i: Int) -> (Unicode.Scalar, Int)? {
    let b = bytes.byte(i)
    let length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0
    guard length > 0, i + length <= bytes.count else { return nil }
    var value = UInt32(b) & (0xff >> UInt32(length + 1))
    for k in 1..<length {
      let c = bytes.byte(i + k)
      guard c & 0xc0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3f)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  public static func appendRelativeTime(_ nanoseconds: Int64, to out: inout ByteWriter) {
    if nanoseconds < 0 { out.append(UInt8(ascii: "-")) }
    let magnitude = nanoseconds.magnitude
    appendDecimal(magnitude / 1_000_000_000, to: &out)
    out.append(UInt8(ascii: "."))
    appendPadded(magnitude % 1_000_000_000, width: 9, to: &out)
  }
}

extension Int64 {
  /// Division rounding toward minus infinity (`-1 / 10` is `-1`): a time
  /// before a reference falls in the interval before it.
  public func floorDivided(by d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
