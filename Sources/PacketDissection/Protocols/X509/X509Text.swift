import PacketWire

/// Times and wide strings of certificates, as Wireshark writes them.
enum X509Time {
  /// `YYMMDDhhmmssZ` as `20YY-MM-DD hh:mm:ss (UTC)` (years from 50 are 19YY);
  /// nil for any other form.
  static func utcText(_ digits: [UInt8]) -> String? {
    guard digits.count == 13, digits[12] == UInt8(ascii: "Z"), digits[..<12].allSatisfy({ (48...57).contains($0) })
    else { return nil }
    let s = String(decoding: digits, as: UTF8.self)
    func part(_ at: Int) -> Substring { s.dropFirst(at).prefix(2) }
    let century = Int(part(0))! < 50 ? "20" : "19"
    return "\(century)\(part(0))-\(part(2))-\(part(4)) \(part(6)):\(part(8)):\(part(10)) (UTC)"
  }

  /// `YYYYMMDDhhmmssZ` as nanoseconds since 1970; nil for any other form.
  static func generalized(_ digits: [UInt8]) -> Int64? {
    guard digits.count == 15, digits[14] == UInt8(ascii: "Z"), digits[..<14].allSatisfy({ (48...57).contains($0) })
    else { return nil }
    func number(_ at: Int, _ count: Int) -> Int64 { digits[at..<at + count].reduce(0) { $0 * 10 + Int64($1 - 48) } }
    let (year, month, day) = (number(0, 4), number(4, 2), number(6, 2))
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    // Days from 1970-01-01 to the date (the proleptic Gregorian calendar).
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    let seconds = days * 86_400 + number(8, 2) * 3600 + number(10, 2) * 60 + number(12, 2)
    return seconds * 1_000_000_000
  }
}

enum X509Text {
  /// UCS-2 (BMPString) or UCS-4 (UniversalString), big-endian, as text.
  static func ucs(_ bytes: ByteView, width: Int) -> String {
    var scalars = String.UnicodeScalarView()
    var at = 0
    while at + width <= bytes.count {
      let code = UInt32(truncatingIfNeeded: bytes.uncheckedUInt(at: at, length: width))
      scalars.append(Unicode.Scalar(code) ?? "\u{fffd}")
      at += width
    }
    return String(scalars)
  }
}
