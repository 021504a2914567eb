/// A link-layer header type (a `LINKTYPE_` value from tcpdump.org).
///
/// Any number is accepted: a type this project does not know is carried as
/// its number, so files with exotic link types still load.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: UInt32

  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// BSD loopback: a 4-byte address family in host byte order.
  public static let null = LinkType(rawValue: 0)
  public static let ethernet = LinkType(rawValue: 1)
  /// Raw IP, version taken from the first nibble.
  public static let raw = LinkType(rawValue: 101)
  /// Raw IP under `DLT_RAW`'s own numbers: 12 on most systems, 14 on
  /// OpenBSD. libpcap writes 101 for it, but some programs write the DLT
  /// number, and libpcap and Wireshark read both as raw IP.
  public static let dltRaw = LinkType(rawValue: 12)
  public static let dltRawOpenBSD = LinkType(rawValue: 14)
  /// OpenBSD loopback: a 4-byte address family in network byte order.
  public static let loop = LinkType(rawValue: 108)
  /// Linux "cooked" capture, version 1.
  public static let linuxSLL = LinkType(rawValue: 113)
  public static let ipv4 = LinkType(rawValue: 228)
  public static let ipv6 = LinkType(rawValue: 229)
  /// Linux "cooked" capture, version 2.
  public static let linuxSLL2 = LinkType(rawValue: 276)

  public var description: String { String(rawValue) }
}
