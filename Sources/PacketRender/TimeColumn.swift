import PacketCapture
import PacketDissection
import PacketWire

/// The Time column: seconds since the first packet, as tshark's default
/// relative-time column shows them.
enum TimeColumn {
  /// The frame's time since the first with `digits` decimals: as Wireshark
  /// holds and writes it when a time is not normalised (`NSTime`).
  static func text(_ frame: FrameInfo, digits: Int) -> String {
    var out = ByteWriter(capacity: 32)
    append(frame, digits: digits, to: &out)
    return out.text
  }

  /// Writes `text(frame, digits:)` into `out`.
  static func append(_ frame: FrameInfo, digits: Int, to out: inout ByteWriter) {
    guard let times = frame.unnormalised else { return append(frame.sinceFirst, digits: digits, to: &out) }
    FieldText.appendSignedTime(times.sinceFirst, digits: digits, to: &out)
  }

  /// `nanoseconds` as seconds with `digits` decimals (0 to 9), cut rather
  /// than rounded, as Wireshark cuts.
  static func text(_ nanoseconds: Int64, digits: Int) -> String {
    var out = ByteWriter(capacity: 32)
    append(nanoseconds, digits: digits, to: &out)
    return out.text
  }

  /// Writes `text(nanoseconds, digits:)` into `out`.
  static func append(_ nanoseconds: Int64, digits: Int, to out: inout ByteWriter) {
    let digits = min(max(digits, 0), 9)
    let magnitude = nanoseconds.magnitude
    if nanoseconds < 0 { out.append(UInt8(ascii: "-")) }
    FieldText.appendDecimal(magnitude / 1_000_000_000, to: &out)
    guard digits > 0 else { return }
    out.append(UInt8(ascii: "."))
    var fraction = magnitude % 1_000_000_000
    for _ in digits..<9 { fraction /= 10 }
    out.write(upTo: 9) { p in
      for i in stride(from: digits - 1, through: 0, by: -1) {
        p[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10)
        fraction /= 10
      }
      return digits
    }
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
