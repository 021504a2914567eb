/// Names of IP protocol numbers (`ip.proto`, `ipv6.nxt` and the IPv6
/// extension headers' next-header fields) and EtherTypes (in the Ethernet
/// folder) as Wireshark's summary shows them for payloads it does not
/// dissect (the subset seen in practice; others show as `Unknown`).
enum ProtocolNumberNames {
  /// An IP protocol number's name; nil when it has none.
  static func ipProtocolName(_ number: UInt64) -> String? {
    switch number {
    case 0: "IPv6 Hop-by-Hop Option"
    case 1: "ICMP"
    case 2: "IGMP"
    case 4: "IPIP"
    case 6: "TCP"
    case 9: "IGRP"
    case 17: "UDP"
    case 33: "Datagram Congestion Control Protocol"
    case 41: "IPv6"
    case 43: "Routing Header for IPv6"
    case 44: "Fragment Header for IPv6"
    case 46: "Reservation Protocol"
    case 47: "Generic Routing Encapsulation"
    case 50: "Encap Security Payload"
    case 51: "Authentication Header"
    case 58: "ICMPv6"
    case 59: "IPv6 No Next Header"
    case 60: "Destination Options for IPv6"
    case 88: "EIGRP"
    case 89: "OSPF IGP"
    case 103: "PIM"
    case 106: "QNX"
    case 108: "IPComp"
    case 62: "Mobile IPv6 (old)"
    case 112: "VRRP"
    case 113: "PGM"
    case 115: "Layer 2 Tunneling Protocol"
    case 132: "SCTP"
    case 136: "Lightweight User Datagram Protocol"
    default: nil
    }
  }

  /// An IP protocol number's name as the summary line writes it.
  static func ipProtocol(_ number: UInt64) -> String { ipProtocolName(number) ?? "Unknown" }
}

extension ValueNames {
  static let ipProtocols = ValueNames(ProtocolNumberNames.ipProtocolName)
}
