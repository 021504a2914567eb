/// NTP leap indicators and modes, as Wireshark names them (RFC 5905
/// section 7.3).
enum NTPNames {
  static func leapIndicatorName(_ code: UInt64) -> String? {
    switch code {
    case 0: "no warning"
    case 1: "last minute of the day has 61 seconds"
    case 2: "last minute of the day has 59 seconds"
    case 3: "unknown (clock unsynchronized)"
    default: nil
    }
  }

  static func modeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "reserved"
    case 1: "symmetric active"
    case 2: "symmetric passive"
    case 3: "client"
    case 4: "server"
    case 5: "broadcast"
    case 6: "reserved for NTP control message"
    case 7: "reserved for private use"
    default: nil
    }
  }

  /// The mode as Info writes it.
  static func infoModeName(_ code: UInt64) -> String {
    switch code {
    case 6: "control"
    case 7: "private"
    default: modeName(code) ?? "unknown"
    }
  }
}

extension ValueNames {
  static let ntpLeapIndicators = ValueNames(NTPNames.leapIndicatorName)
  static let ntpModes = ValueNames(NTPNames.modeName)
}
