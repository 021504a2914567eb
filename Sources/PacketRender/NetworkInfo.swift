import PacketDissection

/// Info text for link and network layers whose payload Wireshark did not
/// dissect further: 802.3 frames, unknown EtherTypes, VLAN tags, IP
/// fragments and unknown IP protocols.
enum NetworkInfo {
  static func ethernet(_ f: LayerFields) -> String? {
    f.has("eth.len") ? "IEEE 802.3 Ethernet " : nil
  }

  static func vlan(_ f: LayerFields) -> String? {
    guard let priority = f.uint("vlan.priority"), let dei = f.uint("vlan.dei"), let id = f.uint("vlan.id")
    else { return nil }
    return "PRI: \(priority)  DEI: \(dei)  ID: \(id)"
  }

  /// An EtherType no dissector took: its name, or `Ethernet II`.
  static func unknownEthertype(_ type: UInt64) -> String {
    ProtocolNumberNames.ethertype(type) ?? "Ethernet II"
  }

  /// A later fragment, or a first fragment or whole datagram of a
  /// protocol nobody dissects.
  static func ipv4(_ f: LayerFields, payloadUndissected: Bool) -> String? {
    if let version = bogusVersion(f, "ip.version", expected: 4) { return version }
    guard let proto = f.uint("ip.proto") else { return nil }
    let name = ProtocolNumberNames.ipProtocol(proto)
    if let offset = f.uint("ip.frag_offset"), offset != 0, let id = f.uint("ip.id") {
      let hex = String(id, radix: 16)
      let id4 = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      return "Fragmented IP protocol (proto=\(name) \(proto), off=\(offset &* 8), ID=\(id4))"
    }
    return payloadUndissected ? "\(name) (\(proto))" : nil
  }

  /// What IPv6 shows when nobody dissects the payload after the last
  /// header: nothing after the Authentication and Mobility headers, which
  /// Wireshark knows but does not dissect here.
  static func ipv6(nextHeader: UInt64?, payloadUndissected: Bool) -> String? {
    guard payloadUndissected, let next = nextHeader else { return nil }
    switch next {
    case 59: return "IPv6 no next header"
    case 51, 135: return ""
    default: return "Unknown IP Protocol: \(ProtocolNumberNames.ipProtocol(next)) (\(next))"
    }
  }

  /// The text an IPv6 extension header puts in Info before handing on;
  /// it stays when the packet ends inside the header.
  static func ipv6Extension(_ id: ProtocolID) -> String? {
    switch id {
    case .ipv6HopByHop: "IPv6 hop-by-hop options"
    case .ipv6Routing: "IPv6 routing"
    case .ipv6Fragment: "IPv6 fragment"
    case .ipv6DestinationOptions: "IPv6 destination options"
    default: nil
    }
  }

  /// Wireshark's complaint about a header of the wrong IP version.
  static func bogusVersion(_ f: LayerFields, _ field: String, expected: UInt64) -> String? {
    guard let version = f.uint(field), version != expected else { return nil }
    return "Bogus IPv\(expected) version (\(version), must be \(expected))"
  }
}
