import PacketDissection

/// The line that heads a protocol in the tree, as Wireshark writes it:
/// the protocol's label, with its key facts where Wireshark adds them
/// (`Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2`).
enum Headline {
  static func text(_ f: LayerFields) -> String {
    let d = f.dissection
    let label = Registry.decl(f.span.protocolID).label
    switch f.span.protocolID {
    case .frame:
      let wire = d.frame.originalLength
      let captured = d.packet.count
      var out = "Frame \(d.frame.number): \(wire) bytes on wire (\(wire &* 8) bits), "
        + "\(captured) bytes captured (\(captured &* 8) bits)"
      if let index = d.frame.interfaceIndex {
        out += " on interface \(d.frame.interfaceName ?? "unknown"), id \(index)"
      }
      return out
    case .eth:
      if f.has("eth.len") { return "IEEE 802.3 Ethernet" }
      return pair(label, f, "eth.src", "eth.dst")
    case .ip: return pair(label, f, "ip.src", "ip.dst")
    case .ipv6: return pair(label, f, "ipv6.src", "ipv6.dst")
    case .tcp:
      var out = ports(label, f, "tcp")
      if let seq = f.uint("tcp.seq") { out += ", Seq: \(seq)" }
      if let flags = f.uint("tcp.flags"), flags & 0x010 != 0, let ack = f.uint("tcp.ack") { out += ", Ack: \(ack)" }
      if let length = f.uint("tcp.len") { out += ", Len: \(length)" }
      return out
    case .udp: return ports(label, f, "udp")
    case .vlan:
      guard let priority = f.uint("vlan.priority"), let dei = f.uint("vlan.dei"), let id = f.uint("vlan.id")
      else { return label }
      return "\(label), PRI: \(priority), DEI: \(dei), ID: \(id)"
    case .arp:
      switch f.uint("arp.opcode") {
      case 1: return label + (f.uint("arp.isgratuitous") == 1 ? " (request/gratuitous ARP)" : " (request)")
      case 2: return label + (f.uint("arp.isgratuitous") == 1 ? " (reply/gratuitous ARP)" : " (reply)")
      default: return label
      }
    case .dns:
      guard let response = f.uint("dns.flags.response") else { return label }
      return label + (response == 1 ? " (response)" : " (query)")
    case .data:
      return "\(label) (\(f.span.end &- f.span.start) bytes)"
    default:
      return label
    }
  }

  private static func pair(_ label: String, _ f: LayerFields, _ source: String, _ destination: String) -> String {
    guard let s = f.text(source), let d = f.text(destination) else { return label }
    return "\(label), Src: \(s), Dst: \(d)"
  }

  private static func ports(_ label: String, _ f: LayerFields, _ proto: String) -> String {
    guard let s = f.uint(proto + ".srcport"), let d = f.uint(proto + ".dstport") else { return label }
    return "\(label), Src Port: \(s), Dst Port: \(d)"
  }
}
