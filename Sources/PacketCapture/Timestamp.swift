/// Seconds and nanoseconds since the Unix epoch.
///
/// `nanoseconds` is always below one billion; times before 1970 have a
/// negative `seconds` and a positive fraction (−0.25 s is −1 s + 750 ms).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var seconds: Int64
  public var nanoseconds: UInt32

  public static let zero = Timestamp(seconds: 0, nanoseconds: 0)

  /// Normalises `nanoseconds` of a billion or more into `seconds`.
  public init(seconds: Int64, nanoseconds: UInt32) {
    self.seconds = seconds &+ Int64(nanoseconds / 1_000_000_000)
    self.nanoseconds = nanoseconds % 1_000_000_000
  }

  public init(nanosecondsSinceEpoch total: Int64) {
    let (quotient, remainder) = total.quotientAndRemainder(dividingBy: 1_000_000_000)
    if remainder < 0 {
      self.init(seconds: quotient - 1, nanoseconds: UInt32(remainder + 1_000_000_000))
    } else {
      self.init(seconds: quotient, nanoseconds: UInt32(remainder))
    }
  }

  /// The time as one count of nanoseconds, or nil when it does not fit in
  /// an `Int64` (beyond the years 1677...2262).
  public var nanosecondsSinceEpoch: Int64? {
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    let (total, carry) = scaled.addingReportingOverflow(Int64(nanoseconds))
    return carry ? nil : total
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool {
    (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
  }

  /// Epoch seconds with nine decimals, as tshark prints `frame.time_epoch`.
  public var description: String {
    var whole = seconds.magnitude
    var fraction = nanoseconds
    if seconds < 0 && fraction > 0 {
      whole = (seconds + 1).magnitude
      fraction = 1_000_000_000 - fraction
    }
    let digits = String(fraction)
    let sign = seconds < 0 ? "-" : ""
    return sign + String(whole) + "." + String(repeating: "0", count: 9 - digits.count) + digits
  }
}
