/// Cisco HDLC addresses and protocol numbers, as Wireshark 4.0 names them
/// (`tshark -G values`).
enum CHDLCNames {
  static func addressName(_ value: UInt64) -> String? {
    switch value {
    case 0x0f: "Unicast"
    case 0x8f: "Multicast"
    default: nil
    }
  }

  static func protocolName(_ value: UInt64) -> String? {
    switch value {
    case 0x2000: "Cisco Discovery Protocol"
    case 0x0800: "IP"
    case 0x86dd: "IPv6"
    case 0x8035: "SLARP"
    case 0x8038: "DEC LanBridge"
    case 0x4242: "Spanning Tree BPDU"
    case 0x809b: "Appletalk"
    case 0x80f3: "AARP"
    case 0x8137: "Netware IPX/SPX"
    case 0x6558: "Transparent Ethernet bridging"
    case 0xfefe: "OSI"
    case 0x8847: "MPLS unicast"
    case 0x8848: "MPLS multicast"
    default: nil
    }
  }
}
