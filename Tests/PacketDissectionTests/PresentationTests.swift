import Testing

@testable import PacketDissection

/// What each protocol contributes to the views: its colour and its text.
/// The summary lines and headlines themselves are checked against tshark
/// by PacketRenderTests.
@Suite struct PresentationTests {
  @Test func everyLayerWithBytesOfItsOwnHasAHue() {
    let colourless: Set<ProtocolID> = [.frame, .ethertype, .mptcp, .wlanRadio]
    for id in ProtocolID.allCases {
      #expect((id.hue == nil) == colourless.contains(id), "\(id): hue \(String(describing: id.hue))")
    }
  }

  @Test func neighbouringLayersDiffer() {
    let pairs: [(ProtocolID, ProtocolID)] = [
      (.eth, .vlan), (.eth, .ip), (.ip, .ipv6HopByHop), (.ip, .tcp), (.ip, .icmp), (.tcp, .http), (.udp, .dns),
    ]
    for (lower, upper) in pairs {
      #expect(lower.hue != upper.hue, "\(lower) and \(upper) share a hue")
    }
  }

  @Test func tcpFlagNames() {
    #expect(TCP.flagNames(0x012) == "SYN, ACK")
    #expect(TCP.flagNames(0) == "<None>")
    #expect(TCP.flagNames(0xf31) == "FIN, ACK, URG, AE, Reserved")
  }
}
