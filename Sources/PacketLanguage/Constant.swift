import PacketWire

/// A literal after checking, read once as the type of what it is compared
/// with: the one model of literals every back end uses.
public enum Constant: Sendable, Equatable {
  /// Integers, flags (`true` is 1) and hex bytes read as an integer (`0x0800`, `08:00`).
  case integer(Int64)
  /// An IPv4 network: the address with `mask` already applied, and the
  /// mask its prefix length gives (all ones for a host address).
  case ipv4(UInt32, mask: UInt32)
  /// An IPv6 network: the address (high and low 64 bits) with the mask
  /// already applied, and the mask its prefix length gives.
  case ipv6(high: UInt64, low: UInt64, maskHigh: UInt64, maskLow: UInt64)
  /// Byte strings, strings and Ethernet addresses.
  case bytes([UInt8])
  /// Nanoseconds: a time offset, or since the epoch.
  case time(Int64)

  /// `address/prefix` with its mask; `prefix` from 0 to 32.
  static func ipv4(_ address: UInt32, prefix: Int) -> Constant {
    let mask: UInt32 = prefix == 0 ? 0 : ~0 << UInt32(32 - prefix)
    return .ipv4(address & mask, mask: mask)
  }

  /// `address/prefix` with its mask; `prefix` from 0 to 128.
  static func ipv6(_ high: UInt64, _ low: UInt64, prefix: Int) -> Constant {
    let maskHigh: UInt64 = prefix >= 64 ? ~0 : prefix == 0 ? 0 : ~0 << UInt64(64 - prefix)
    let maskLow: UInt64 = prefix >= 128 ? ~0 : prefix <= 64 ? 0 : ~0 << UInt64(128 - prefix)
    return .ipv6(high: high & maskHigh, low: low & maskLow, maskHigh: maskHigh, maskLow: maskLow)
  }

  /// Compares a runtime value with this constant: negative, zero or
  /// positive, or nil when the two cannot be compared. Addresses compare
  /// equal when the value lies inside the network.
  func compare(_ value: RuntimeValue) -> Int? {
    switch (value, self) {
    case (.integer(let v), .integer(let c)): return v < c ? -1 : v == c ? 0 : 1
    case (.time(let v), .time(let c)): return v < c ? -1 : v == c ? 0 : 1
    case (.ipv4(let v), .ipv4(let c, let mask)):
      let a = v & mask
      return a < c ? -1 : a == c ? 0 : 1
    case (.ipv6(let vh, let vl), .ipv6(let ch, let cl, let hm, let lm)):
      let a = (vh & hm, vl & lm)
      let b = (ch, cl)
      return a < b ? -1 : a == b ? 0 : 1
    case (.bytes(let v), .bytes(let c)):
      return c.withUnsafeBytes { compareBytes(v, ByteView($0)) }
    default:
      return nil
    }
  }
}
