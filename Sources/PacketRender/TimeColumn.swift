import PacketCapture

/// The Time column: seconds since the first packet, as tshark's default
/// relative-time column shows them.
enum TimeColumn {
  /// `nanoseconds` as seconds with `digits` decimals (0 to 9), cut rather
  /// than rounded, as Wireshark cuts.
  static func text(_ nanoseconds: Int64, digits: Int) -> String {
    let digits = min(max(digits, 0), 9)
    let magnitude = nanoseconds.magnitude
    let seconds = magnitude / 1_000_000_000
    var divisor: UInt64 = 1
    for _ in digits..<9 { divisor *= 10 }
    let sign = nanoseconds < 0 ? "-" : ""
    guard digits > 0 else { return sign + String(seconds) }
    let fraction = String((magnitude % 1_000_000_000) / divisor)
    return sign + "\(seconds)." + String(repeating: "0", count: digits - fraction.count) + fraction
  }

  /// The decimals tshark shows for timestamps of `resolution` (its
  /// "automatic" precision): n for units of 10^-n seconds, enough decimals
  /// for units of 2^-n seconds; never more than nine.
  static func digits(for resolution: TimestampResolution) -> Int {
    let exponent = Int(resolution.rawValue & 0x7f)
    guard resolution.rawValue & 0x80 != 0 else { return min(exponent, 9) }
    // 2^-n needs ceil(n * log10(2)) decimals; 0.30103 is log10(2).
    return min(9, Int((Double(exponent) * 0.30103).rounded(.up)))
  }
}
