/// EtherType names (`eth.type`, `vlan.etype`, `sll.etype`).
extension ProtocolNumberNames {
  /// An EtherType's name; nil when it has none.
  static func ethertype(_ type: UInt64) -> String? {
    switch type {
    case 0x0800: "IPv4"
    case 0x0806: "ARP"
    case 0x08ff: "AX.25"
    case 0x6003: "DEC DNA Routing"
    case 0x8035: "RARP"
    case 0x80f3: "AARP"
    case 0x8100: "802.1Q Virtual LAN"
    case 0x8102: "Simple Loop Protection Protocol"
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
    case 0x88e7: "802.1ah Provider Backbone Bridge (mac-in-mac)"
    case 0x88f7: "PTPv2 over Ethernet (IEEE1588)"
    case 0x8902: "IEEE 802.1ag Connectivity Fault Management (CFM) protocol"
    case 0x8926: "VN-Tag"
    case 0x8947: "GeoNetworking"
    case 0x894f: "Network Service Header"
    case 0x9000: "Loopback"
    case 0xd28b: "Arista Timestamp"
    default: nil
    }
  }
}

extension ValueNames {
  static let ethertypes = ValueNames(ProtocolNumberNames.ethertype)
}
