#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Absolute times as tshark 4.0 reads them against `frame.time`:
/// `"Jan 1, 2015 00:00:00"` or `"2015-01-01 00:00:00"` (`T` may stand for
/// the space; the seconds, or the whole time of day, may be left out in
/// the second form), then a fraction of a second (`.5`, nanoseconds kept)
/// and `UTC` or `Z` for universal time; without it, local time (the `TZ`
/// environment variable), as tshark.
enum TimeLiterals {
  /// Nanoseconds since the epoch, or nil when `text` is no such time.
  static func absolute(_ text: String) -> Int64? {
    var scanner = Scanner(Array(text.utf8))
    scanner.skipSpaces()
    var fields = tm()
    if let month = scanner.month() {
      scanner.skipSpaces()
      guard let day = scanner.number(), scanner.take(",") else { return nil }
      scanner.skipSpaces()
      guard let year = scanner.number(), scanner.skipSpaces() > 0, let (h, m, s) = scanner.timeOfDay() else {
        return nil
      }
      (fields.tm_year, fields.tm_mon, fields.tm_mday) = (Int32(year - 1900), Int32(month), Int32(day))
      (fields.tm_hour, fields.tm_min, fields.tm_sec) = (Int32(h), Int32(m), Int32(s))
    } else {
      guard let year = scanner.number(), scanner.take("-"), let month = scanner.number(), scanner.take("-"),
        let day = scanner.number(), (1...12).contains(month)
      else { return nil }
      (fields.tm_year, fields.tm_mon, fields.tm_mday) = (Int32(year - 1900), Int32(month - 1), Int32(day))
      let mark = scanner.index
      if scanner.take("T") || scanner.skipSpaces() > 0, let (h, m, s) = scanner.timeOfDay() {
        (fields.tm_hour, fields.tm_min, fields.tm_sec) = (Int32(h), Int32(m), Int32(s))
      } else {
        scanner.index = mark
      }
    }
    guard (1...31).contains(fields.tm_mday), year(fields) >= 1, year(fields) <= 9999 else { return nil }
    var nanoseconds: Int64 = 0
    if scanner.take(".") {
      var digits = 0
      while let d = scanner.digit() {
        if digits < 9 { nanoseconds = nanoseconds * 10 + Int64(d) }
        digits += 1
      }
      guard digits > 0 else { return nil }
      for _ in min(digits, 9)..<9 { nanoseconds *= 10 }
    }
    scanner.skipSpaces()
    let utc = scanner.take("UTC") || scanner.take("Z")
    scanner.skipSpaces()
    guard scanner.atEnd else { return nil }
    fields.tm_isdst = -1
    let seconds = utc ? timegm(&fields) : mktime(&fields)
    let (scaled, overflow) = Int64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    return scaled + nanoseconds
  }

  private static func year(_ fields: tm) -> Int { Int(fields.tm_year) + 1900 }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    @discardableResult mutating func skipSpaces() -> Int {
      let start = index
      while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
      return index - start
    }

    mutating func take(_ text: String) -> Bool {
      let u = Array(text.utf8)
      guard index + u.count <= bytes.count, Array(bytes[index..<index + u.count]) == u else { return false }
      index += u.count
      return true
    }

    mutating func digit() -> Int? {
      guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
      index += 1
      return Int(bytes[index - 1] - UInt8(ascii: "0"))
    }

    /// Up to four digits.
    mutating func number() -> Int? {
      guard var n = digit() else { return nil }
      var count = 1
      while count < 4, let d = digit() {
        n = n * 10 + d
        count += 1
      }
      return n
    }

    /// `H:M` or `H:M:S`, each in range (a leap second allowed).
    mutating func timeOfDay() -> (Int, Int, Int)? {
      guard let h = number(), h < 24, take(":"), let m = number(), m < 60 else { return nil }
      var s = 0
      if take(":") {
        guard let v = number(), v <= 60 else { return nil }
        s = v
      }
      return (h, m, s)
    }

    /// An English month's three-letter abbreviation, any case: 0 for January.
    mutating func month() -> Int? {
      guard index + 3 <= bytes.count else { return nil }
      let word = String(decoding: bytes[index..<index + 3], as: UTF8.self).lowercased()
      let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
      guard let m = months.firstIndex(of: word) else { return nil }
      index += 3
      return m
    }
  }
}
