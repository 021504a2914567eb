/// Network Time Protocol (RFC 5905 section 7.3): the 48-byte header of
/// modes 1 to 5. Control (6) and private (7) messages show only the flags
/// byte; the extension fields, key ID and MAC after the header are not
/// shown.
enum NTP: UInt8, ProtocolModule {
  case item, flags, flagsLI, flagsVN, flagsMode, stratum, ppoll, precision, rootDelay, rootDispersion, refID,
    refTime, originTime, receiveTime, transmitTime

  static var protocolID: ProtocolID { .ntp }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 123)]
  static let headerBits = 48 * 8

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ntp", "Network Time Protocol")
    case .flags: .uint("ntp.flags", "Flags", at: 0, bytes: 1, base: .hex)
    case .flagsLI: .uint("ntp.flags.li", "Leap Indicator", at: 0, bytes: 1, mask: 0xc0, abbreviation: "LI", values: .ntpLeapIndicators)
    case .flagsVN: .uint("ntp.flags.vn", "Version number", at: 0, bytes: 1, mask: 0x38, abbreviation: "VN")
    case .flagsMode: .uint("ntp.flags.mode", "Mode", at: 0, bytes: 1, mask: 0x07, values: .ntpModes)
    case .stratum: .uint("ntp.stratum", "Peer Clock Stratum", at: 1, bytes: 1)
    case .ppoll: .uint("ntp.ppoll", "Peer Polling Interval", at: 2, bytes: 1, blurb: "log2 seconds")
    case .precision: .uint("ntp.precision", "Peer Clock Precision", at: 3, bytes: 1, blurb: "log2 seconds, signed")
    case .rootDelay: .uint("ntp.rootdelay", "Root Delay", at: 4, bytes: 4, blurb: "Seconds as 16.16 fixed point")
    case .rootDispersion: .uint("ntp.rootdispersion", "Root Dispersion", at: 8, bytes: 4, blurb: "Seconds as 16.16 fixed point")
    case .refID: .fixed("ntp.refid", "Reference ID", .bytes, at: 12, bytes: 4)
    case .refTime: .fixed("ntp.reftime", "Reference Timestamp", .absoluteTime, at: 16, bytes: 8)
    case .originTime: .fixed("ntp.org", "Origin Timestamp", .absoluteTime, at: 24, bytes: 8)
    case .receiveTime: .fixed("ntp.rec", "Receive Timestamp", .absoluteTime, at: 32, bytes: 8)
    case .transmitTime: .fixed("ntp.xmt", "Transmit Timestamp", .absoluteTime, at: 40, bytes: 8)
    }
  }

  static let modeControl: UInt64 = 6
  static let modePrivate: UInt64 = 7
  /// Seconds from 1900 (NTP's era 0) to 1970.
  static let secondsTo1970: UInt32 = 2_208_988_800

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let mode = UInt64(try c.uint8(0) & 0x07)
    _ = try c.fixed(flags)
    // A private message's top bits are its response and more flags.
    if mode != modePrivate { _ = try c.fixed(flagsLI, depth: 2) }
    _ = try c.fixed(flagsVN, depth: 2)
    _ = try c.fixed(flagsMode, depth: 2)
    if mode == modeControl || mode == modePrivate { return .stop }
    for field in [stratum, ppoll, precision, rootDelay, rootDispersion] { try c.fixed(field) }
    try c.add(refID, at: 12, 4)
    for (field, offset) in [(refTime, 16), (originTime, 24), (receiveTime, 32), (transmitTime, 40)] {
      try timestamp(c, field, at: offset)
    }
    return .stop
  }

  /// A 64-bit timestamp as Wireshark reads it: seconds since 1900 taken to
  /// 1970 modulo 2^32 (0 stays 0), the fraction truncated to nanoseconds;
  /// all zero is `NULL`.
  private static func timestamp(_ c: LayerCursor, _ field: NTP, at offset: Int) throws(DissectionStop) {
    let seconds = try c.uint32(offset)
    let fraction = try c.uint32(offset + 4)
    let since1970 = seconds == 0 ? 0 : Int64(seconds &- secondsTo1970)
    let nanoseconds = Int64(1_000_000_000 * (Double(fraction) / 4_294_967_296.0))
    let value = since1970 * 1_000_000_000 + nanoseconds
    try c.add(
      field, at: offset, 8, value: UInt64(bitPattern: value),
      flags: seconds == 0 && fraction == 0 ? .missing : FieldRecord.Flags())
  }
}
