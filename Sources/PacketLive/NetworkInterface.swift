import PacketCapture

#if canImport(Glibc)
  import Glibc
#endif

/// One network interface of this machine (of the current network namespace).
public struct NetworkInterface: Hashable, Sendable {
  public var name: String
  /// The kernel's interface index (`ip link` numbers).
  public var index: Int
  /// The `ARPHRD_` hardware type (linux/if_arp.h), as /sys/class/net/NAME/type gives it.
  public var hardwareType: UInt16
  /// IFF_UP: the interface is administratively up.
  public var isUp: Bool
  /// IFF_RUNNING: the link has a carrier.
  public var isRunning: Bool
  public var isLoopback: Bool
  /// IPv4 and IPv6 addresses with their prefixes, then the hardware address.
  public var addresses: [InterfaceAddress]

  /// How a capture on this interface frames its packets.
  public var capture: CaptureFraming { CaptureFraming(hardwareType: hardwareType) }
}

/// An address of an interface.
public enum InterfaceAddress: Hashable, Sendable, CustomStringConvertible {
  /// Network byte order.
  case ipv4([UInt8], prefix: Int)
  case ipv6([UInt8], prefix: Int)
  /// A link-layer (MAC) address.
  case hardware([UInt8])

  /// `10.0.0.1/24`, `fe80::1/64`, `02:00:00:00:00:01`.
  public var description: String {
    switch self {
    case .ipv4(let bytes, let prefix): return Self.text(AF_INET, bytes) + "/\(prefix)"
    case .ipv6(let bytes, let prefix): return Self.text(AF_INET6, bytes) + "/\(prefix)"
    case .hardware(let bytes): return bytes.map { hexByte($0) }.joined(separator: ":")
    }
  }

  private static func text(_ family: Int32, _ bytes: [UInt8]) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// How packets captured on an interface are framed: the link type written
/// to the capture, and whether the kernel's own link header is kept
/// (`SOCK_RAW`) or replaced by a synthesized Linux cooked header
/// (`SOCK_DGRAM`), as libpcap decides.
public struct CaptureFraming: Hashable, Sendable {
  public var linkType: LinkType
  /// True for `SOCK_DGRAM` capture with a 16-byte `LINKTYPE_LINUX_SLL` header per packet.
  public var cooked: Bool

  /// Ethernet and loopback keep their (Ethernet) header; interfaces without
  /// a link header give raw IP; anything else is captured cooked, as
  /// libpcap does for types it has no link type for.
  init(hardwareType: UInt16) {
    switch hardwareType {
    case PacketSocketABI.arphrdEther, PacketSocketABI.arphrdLoopback:
      self = CaptureFraming(linkType: .ethernet, cooked: false)
    case _ where PacketSocketABI.arphrdRawIP.contains(hardwareType):
      self = CaptureFraming(linkType: .raw, cooked: false)
    default:
      self = .cooked
    }
  }

  init(linkType: LinkType, cooked: Bool) {
    self.linkType = linkType
    self.cooked = cooked
  }

  /// Capture on `any`: every interface, cooked.
  public static let cooked = CaptureFraming(linkType: .linuxSLL, cooked: true)

  /// A short name for the link type: `Ethernet`, `raw IP`, `Linux cooked`.
  public var linkTypeName: String {
    switch linkType {
    case .ethernet: "Ethernet"
    case .raw: "raw IP"
    case .linuxSLL: "Linux cooked"
    default: "link type \(linkType)"
    }
  }
}

public enum NetworkInterfaces {
  /// The interfaces of the current network namespace, by index, from
  /// getifaddrs(3): its AF_PACKET entries name every link (with flags,
  /// index, hardware type and address), the AF_INET and AF_INET6 entries
  /// add the IP addresses.
  public static func list() throws(LiveCaptureError) -> [NetworkInterface] {
    var head: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&head) == 0 else {
      throw LiveCaptureError(.system, "cannot list interfaces: " + String(cString: strerror(errno)))
    }
    defer { freeifaddrs(head) }
    var links: [String: NetworkInterface] = [:]
    var ip: [String: [InterfaceAddress]] = [:]
    var entry = head
    while let current = entry?.pointee {
      entry = current.ifa_next
      guard let address = current.ifa_addr, let namePointer = current.ifa_name else { continue }
      let name = String(cString: namePointer)
      let raw = UnsafeRawPointer(address)
      switch Int32(address.pointee.sa_family) {
      case AF_PACKET:
        typealias LL = PacketSocketABI.LinkAddress
        let length = min(Int(raw.load(fromByteOffset: LL.addressLength, as: UInt8.self)), 8)
        let hardware = (0..<length).map { raw.load(fromByteOffset: LL.address + $0, as: UInt8.self) }
        let flags = current.ifa_flags
        links[name] = NetworkInterface(
          name: name, index: Int(raw.loadUnaligned(fromByteOffset: LL.interfaceIndex, as: Int32.self)),
          hardwareType: raw.loadUnaligned(fromByteOffset: LL.hardwareType, as: UInt16.self),
          isUp: flags & UInt32(IFF_UP) != 0, isRunning: flags & UInt32(IFF_RUNNING) != 0,
          isLoopback: flags & UInt32(IFF_LOOPBACK) != 0,
          addresses: hardware.isEmpty ? [] : [.hardware(hardware)])
      case AF_INET:
        let bytes = Self.bytes(raw, offset: 4, count: 4)  // sockaddr_in.sin_addr
        let mask = current.ifa_netmask.map { Self.bytes(UnsafeRawPointer($0), offset: 4, count: 4) } ?? []
        ip[name, default: []].append(.ipv4(bytes, prefix: Self.prefix(mask)))
      case AF_INET6:
        let bytes = Self.bytes(raw, offset: 8, count: 16)  // sockaddr_in6.sin6_addr
        let mask = current.ifa_netmask.map { Self.bytes(UnsafeRawPointer($0), offset: 8, count: 16) } ?? []
        ip[name, default: []].append(.ipv6(bytes, prefix: Self.prefix(mask)))
      default:
        break
      }
    }
    for (name, addresses) in ip { links[name]?.addresses.insert(contentsOf: addresses, at: 0) }
    return links.values.sorted { $0.index < $1.index }
  }

  /// The interface called `name`; the error lists the ones that exist.
  public static func named(_ name: String) throws(LiveCaptureError) -> NetworkInterface {
    let all = try list()
    guard let found = all.first(where: { $0.name == name }) else { throw unknown(name, among: all) }
    return found
  }

  static func unknown(_ name: String, among all: [NetworkInterface]) -> LiveCaptureError {
    let names = all.map(\.name) + ["any"]
    return LiveCaptureError(
      .unknownInterface, "no interface named '\(name)'; interfaces: \(names.joined(separator: ", "))")
  }

  private static func bytes(_ raw: UnsafeRawPointer, offset: Int, count: Int) -> [UInt8] {
    (0..<count).map { raw.load(fromByteOffset: offset + $0, as: UInt8.self) }
  }

  private static func prefix(_ mask: [UInt8]) -> Int { mask.reduce(0) { $0 + $1.nonzeroBitCount } }
}

private func hexByte(_ b: UInt8) -> String {
  let digits = Array("0123456789abcdef")
  return String([digits[Int(b >> 4)], digits[Int(b & 0xf)]])
}
