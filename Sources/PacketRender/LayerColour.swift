import PacketDissection

/// The colour of each protocol, the same in the summary's protocol
/// column, the tree's headlines and the hex dump's per-layer mode, so the
/// eye can follow a layer from one view to the next. Neighbouring layers
/// (link, network, transport, application) get different colours.
public enum LayerColour {
  /// The ANSI SGR foreground code for `protocolID`, or nil for layers
  /// that have no bytes of their own (the frame, the EtherType marker) or
  /// whose bytes are another layer's (MPTCP's, in TCP's options).
  public static func code(for protocolID: ProtocolID) -> String? {
    switch protocolID {
    case .frame, .ethertype, .mptcp: nil
    case .eth, .sll, .null, .raw: "36"
    case .vlan, .ieee8021ad: "96"
    case .arp: "33"
    case .ip, .ipv6: "32"
    case .ipv6HopByHop, .ipv6Routing, .ipv6Fragment, .ipv6DestinationOptions: "92"
    case .icmp, .icmpv6: "35"
    case .tcp, .udp: "94"
    case .dns, .http: "33"
    case .data: "90"
    case .malformed: "31"
    }
  }
}
