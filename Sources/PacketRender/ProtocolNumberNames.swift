/// Names of IP protocol numbers and EtherTypes as Wireshark's summary
/// shows them for payloads it does not dissect (the subset seen in
/// practice; others show as `Unknown`).
enum ProtocolNumberNames {
  static func ipProtocol(_ number: UInt64) -> String {
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
    case 62: "Mobile IPv6 (old)"
    case 112: "VRRP"
    case 113: "PGM"
    case 115: "Layer 2 Tunneling Protocol"
    case 132: "SCTP"
    case 136: "Lightweight User Datagram Protocol"
    default: "Unknown"
    }
  }

  static func ethertype(_ type: UInt64) -> String? {
    switch type {
    case 0x0800: "IPv4"
    case 0x0806: "ARP"
    case 0x08ff: "AX.25"
    case 0x6003: "DEC DNA Routing"
    case 0x8035: "RARP"
    case 0x80f3: "AARP"
    case 0x8100: "802.1Q Virtual LAN"
    case 0x86dd: "IPv6"
    case 0x8808: "MAC Control"
    case 0x8809: "Slow Protocols"
    case 0x8847: "MPLS label switched packet"
    case 0x8863: "PPPoE Discovery"
    case 0x8848: "MPLS multicast label switched packet"
    case 0x8864: "PPPoE Session"
    case 0x886f: "MS NLB heartbeat"
    case 0x888e: "802.1X Authentication"
    case 0x88a2: "ATA over Ethernet"
    case 0x88a8: "802.1ad Provider Bridge (Q-in-Q)"
    case 0x88ca: "Transparent Inter Process Communication"
    case 0x88cc: "802.1 Link Layer Discovery Protocol (LLDP)"
    case 0x88e5: "802.1AE (MACsec)"
    case 0x88f7: "PTPv2 over Ethernet (IEEE1588)"
    case 0x8902: "IEEE 802.1ag Connectivity Fault Management (CFM) protocol"
    case 0x8947: "GeoNetworking"
    case 0x894f: "Network Service Header"
    case 0x9000: "Loopback"
    case 0xd28b: "Arista Timestamp"
    default: nil
    }
  }
}
