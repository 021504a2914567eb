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
    guard let proto = f.uint("ip.proto") else { return nil }
    let name = ProtocolNumberNames.ipProtocol(proto)
    if let offset = f.uint("ip.frag_offset"), offset != 0, let id = f.uint("ip.id") {
      let hex = String(id, radix: 16)
      let id4 = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      return "Fragmented IP protocol (proto=\(name) \(proto), off=\(offset &* 8), ID=\(id4))"
    }
    return payloadUndissected ? "\(name) (\(proto))" : nil
  }

  static func ipv6(_ f: LayerFields, nextHeader: UInt64?, payloadUndissected: Bool) -> String? {
    guard payloadUndissected, let next = nextHeader, next != 59 else { return nil }
    return "Unknown IP Protocol: \(ProtocolNumberNames.ipProtocol(next)) (\(next))"
  }
}
