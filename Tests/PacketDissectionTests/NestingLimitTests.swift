import Foundation
import PacketCapture
import PacketDissection
import Testing

/// Frames built of one header repeated inside itself: ICMP errors each
/// quoting the next, tunnels, VLAN stacks, IPv6 extension chains.
enum NestedFrame: CaseIterable {
  case icmp, icmpv6, ipInIP, ipv6InIPv6, greInGRE, vlanStack, ipv6Extensions

  /// An Ethernet frame of `count` repetitions around a small innermost packet.
  func frame(_ count: Int) -> [UInt8] {
    switch self {
    case .icmp:
      var packet = Self.ipv4(Self.icmp(type: 8, code: 0, Array(repeating: 0x78, count: 8)), protocol: 1)
      for _ in 0..<count { packet = Self.ipv4(Self.icmp(type: 3, code: 1, packet), protocol: 1) }
      return Self.ethernet(packet, type: 0x0800)
    case .icmpv6:
      var packet = Self.ipv6(Self.icmp(type: 128, code: 0, Array(repeating: 0x78, count: 8)), next: 58)
      for _ in 0..<count { packet = Self.ipv6(Self.icmp(type: 1, code: 0, packet), next: 58) }
      return Self.ethernet(packet, type: 0x86dd)
    case .ipInIP:
      var packet = Self.ipv4(Array(repeating: 0x79, count: 8), protocol: 253)
      for _ in 0..<count { packet = Self.ipv4(packet, protocol: 4) }
      return Self.ethernet(packet, type: 0x0800)
    case .ipv6InIPv6:
      var packet = Self.ipv6(Array(repeating: 0x79, count: 8), next: 59)
      for _ in 0..<count { packet = Self.ipv6(packet, next: 41) }
      return Self.ethernet(packet, type: 0x86dd)
    case .greInGRE:
      // A four-byte GRE header (no flags, protocol type IPv4) inside each IPv4 datagram.
      var packet = Self.ipv4(Array(repeating: 0x79, count: 8), protocol: 253)
      for _ in 0..<count { packet = Self.ipv4([0, 0, 0x08, 0x00] + packet, protocol: 47) }
      return Self.ethernet(packet, type: 0x0800)
    case .vlanStack:
      var packet = [0, 0, 0x08, 0x00] + Self.ipv4(Array(repeating: 0x79, count: 8), protocol: 253)
      for _ in 1..<count { packet = [0, 0, 0x81, 0x00] + packet }
      return Self.ethernet(packet, type: 0x8100)
    case .ipv6Extensions:
      // Destination options headers of eight bytes, each a PadN of four.
      var packet: [UInt8] = Array(repeating: 0x79, count: 8)
      var next: UInt8 = 59
      for _ in 0..<count {
        packet = [next, 0, 1, 4, 0, 0, 0, 0] + packet
        next = 60
      }
      return Self.ethernet(Self.ipv6(packet, next: next), type: 0x86dd)
    }
  }

  static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }

  static func ethernet(_ payload: [UInt8], type: Int) -> [UInt8] {
    [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb] + be16(type) + payload
  }

  /// IPv4 without options; the checksum is left zero (it is not verified).
  static func ipv4(_ payload: [UInt8], protocol proto: UInt8) -> [UInt8] {
    [0x45, 0] + be16(20 + payload.count) + [0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2] + payload
  }

  static func ipv6(_ payload: [UInt8], next: UInt8) -> [UInt8] {
    let address: (UInt8) -> [UInt8] = { [0xfe, 0x80] + Array(repeating: 0, count: 13) + [$0] }
    return [0x60, 0, 0, 0] + be16(payload.count) + [next, 64] + address(1) + address(2) + payload
  }

  /// An ICMP or ICMPv6 header (checksum zero, four unused bytes) and its body.
  static func icmp(type: UInt8, code: UInt8, _ body: [UInt8]) -> [UInt8] {
    [type, code, 0, 0, 0, 0, 0, 0] + body
  }
}

/// Dissects the one-packet pcap of `frame` with a dissector set up as
/// `query` sets one up (or a full one) and hands `body` the dissection.
func dissectFrame(_ frame: [UInt8], query: FieldQuery? = nil, _ body: (Dissection) -> Void) throws {
  func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
  let pcap = le32(0xa1b2_c3d4) + [2, 0, 4, 0] + le32(0) + le32(0) + le32(262_144) + le32(1)
    + le32(1) + le32(0) + le32(frame.count) + le32(frame.count) + frame
  let path = NSTemporaryDirectory() + "/pktsh-nested-" + UUID().uuidString + ".pcap"
  try Data(pcap).write(to: URL(fileURLWithPath: path))
  defer { try? FileManager.default.removeItem(atPath: path) }
  let file = try CaptureFile(path: path)
  let dissector = Dissector()
  query?.configure(dissector)
  try file.forEachPacket { record in
    body(dissector.dissect(record))
    return true
  }
}

/// A frame of 127 ICMP errors each quoting the next trapped with an
/// arithmetic overflow (the tree depth of its records, a UInt8, passed
/// 255). Dissection now stops at `Dissector.maximumLayers` layers and marks
/// the packet malformed, as Wireshark marks a packet past its layer limit
/// (tshark 4.0's limit is higher: it shows all 128 ICMP layers of this frame,
/// and stops with a malformed mark at 500 layers).
@Suite struct NestingLimitTests {
  @Test(arguments: NestedFrame.allCases)
  func deepNestingStopsAtTheLimitAndIsMalformed(_ kind: NestedFrame) throws {
    var dissected = false
    try dissectFrame(kind.frame(127)) { d in
      dissected = true
      #expect(d.malformed)
      #expect(d.layers.last?.protocolID == .malformed)
      // The layer that reached the limit may bring its EtherType marker.
      #expect(d.layers.count <= Dissector.maximumLayers + 2)
      #expect(d.records.allSatisfy { Int($0.depth) <= Dissector.maximumLayers + 8 })
      for record in d.records { _ = FieldText.format(record, in: d) }
    }
    #expect(dissected)
  }

  /// Below the limit nothing changes: every level is dissected and the
  /// packet is not marked.
  @Test(arguments: NestedFrame.allCases)
  func nestingBelowTheLimitIsDissectedInFull(_ kind: NestedFrame) throws {
    try dissectFrame(kind.frame(20)) { d in
      #expect(!d.malformed)
      #expect(d.layers.count < Dissector.maximumLayers)
    }
  }

  /// Up to the limit the quoted headers are dissected as before: the
  /// chain alternates IP and ICMP, the last IP header quoted is the one the
  /// limit stopped at, and each quote nests one level deeper.
  @Test func icmpErrorsNestUpToTheLimit() throws {
    try dissectFrame(NestedFrame.icmp.frame(127)) { d in
      let chain = d.protocolChain.split(separator: ":")
      #expect(chain.prefix(4) == ["eth", "ethertype", "ip", "icmp"])
      let icmp = chain.filter { $0 == "icmp" }.count
      #expect(icmp > 20)
      #expect(chain.filter { $0 == "ip" }.count == icmp + 1)
      #expect(d.layers.map(\.depth).max() == UInt8(icmp))
      #expect(d.layers.count == Dissector.maximumLayers + 1)
    }
  }

  /// `count _ws.malformed` answered 0 for this frame: a query of only
  /// `_ws.malformed` dissected no layer below the frame, where nothing is
  /// ever malformed. Any layer may be, so it needs them all.
  @Test func malformedAloneStillDissectsEveryLayer() throws {
    let query = try FieldQuery(names: ["_ws.malformed"])
    try dissectFrame(NestedFrame.icmp.frame(127), query: query) { d in
      #expect(d.malformed)
      #expect(query.line(d) == "Malformed Packet")
    }
  }
}

/// A TCP segment holding more DNS messages than the layer limit: the
/// messages after the first are further PDUs, which nest nothing, so all
/// of them are dissected, as tshark reads every PDU of a segment.
@Suite struct SegmentPDUTests {
  /// An Ethernet frame of one TCP segment to port 53 carrying `count` DNS
  /// messages over TCP, each a length and a bare header.
  static func frame(messages count: Int) -> [UInt8] {
    var payload: [UInt8] = []
    for i in 0..<count {
      payload += NestedFrame.be16(12) + NestedFrame.be16(i) + [0x01, 0x00] + Array(repeating: 0, count: 8)
    }
    let tcp: [UInt8] = NestedFrame.be16(40000) + NestedFrame.be16(53) + [0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0]
    return NestedFrame.ethernet(NestedFrame.ipv4(tcp + payload, protocol: 6), type: 0x0800)
  }

  @Test func everyMessageOfASegmentIsDissected() throws {
    var dissected = false
    try dissectFrame(Self.frame(messages: 100)) { d in
      dissected = true
      #expect(!d.malformed)
      #expect(d.layers.filter { $0.protocolID == .dns }.count == 100)
    }
    #expect(dissected)
  }
}
