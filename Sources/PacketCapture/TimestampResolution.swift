/// The unit of a pcapng interface's timestamps: the `if_tsresol` option byte.
///
/// Without the top bit the unit is 10^-n seconds; with it, 2^-n seconds
/// (n is the low seven bits). Interfaces without the option use 10^-6.
public struct TimestampResolution: RawRepresentable, Hashable, Sendable {
  public var rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let microseconds = TimestampResolution(rawValue: 6)
  public static let nanoseconds = TimestampResolution(rawValue: 9)

  /// Timestamp units in one second, or nil when that does not fit in 64
  /// bits (10^-20 and finer, 2^-64 and finer).
  public var unitsPerSecond: UInt64? {
    let exponent = Int(rawValue & 0x7f)
    if rawValue & 0x80 != 0 {
      return exponent < 64 ? 1 << UInt64(exponent) : nil
    }
    var units: UInt64 = 1
    for _ in 0..<exponent {
      let (next, overflow) = units.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      units = next
    }
    return units
  }
}
