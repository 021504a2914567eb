import Foundation
import PacketCapture
import PacketDissection
import Testing

@testable import PacketRender

/// Frames of 127 ICMP (or ICMPv6) errors each quoting the next trapped in
/// `list`, `show` and `hexdump`; every view now renders the deepest tree
/// dissection makes (`Dissector.maximumLayers`), marked malformed.
@Suite struct NestedRenderTests {
  /// An Ethernet frame of `count` ICMP errors around an echo request;
  /// ICMPv6 and IPv6 when `v6`. Checksums are left zero.
  static func nestedErrors(_ count: Int, v6: Bool) -> [UInt8] {
    func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    func ip(_ payload: [UInt8]) -> [UInt8] {
      guard v6 else {
        return [0x45, 0] + be16(20 + payload.count) + [0, 1, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2] + payload
      }
      let address: (UInt8) -> [UInt8] = { [0xfe, 0x80] + Array(repeating: 0, count: 13) + [$0] }
      return [0x60, 0, 0, 0] + be16(payload.count) + [58, 64] + address(1) + address(2) + payload
    }
    let (echo, error): (UInt8, UInt8) = v6 ? (128, 1) : (8, 3)
    var packet = ip([echo, 0, 0, 0, 0, 0, 0, 0] + Array(repeating: 0x78, count: 8))
    for _ in 0..<count { packet = ip([error, 1, 0, 0, 0, 0, 0, 0] + packet) }
    return [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb] + (v6 ? [0x86, 0xdd] : [0x08, 0x00])
      + packet
  }

  @Test(arguments: [false, true])
  func everyViewOfTheDeepestTree(v6: Bool) throws {
    let frame = Self.nestedErrors(127, v6: v6)
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
    let pcap = le32(0xa1b2_c3d4) + [2, 0, 4, 0] + le32(0) + le32(0) + le32(262_144) + le32(1)
      + le32(1) + le32(0) + le32(frame.count) + le32(frame.count) + frame
    let path = NSTemporaryDirectory() + "/pktsh-nested-render-" + UUID().uuidString + ".pcap"
    try Data(pcap).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var rendered = 0
    try eachDissection(path) { d in
      rendered += 1
      let line = PacketSummarizer().line(d, colour: true)
      #expect(line.contains(v6 ? "ICMPv6" : "ICMP"))
      #expect(line.hasSuffix("[Malformed Packet]"))
      _ = PacketTree.render(d, byteRanges: true, colour: true)
      let tree = PacketTree.render(d, byteRanges: true)
      #expect(tree.hasSuffix("Malformed Packet\n"))
      let deepest = d.records.map { Int($0.depth) }.max() ?? 0
      #expect(tree.split(separator: "\n").contains { $0.hasPrefix(String(repeating: "    ", count: deepest)) })
      _ = HexDump.render(d.packet, marked: ByteRanges.layer(v6 ? "ipv6" : "ip", in: d), colour: true)
      _ = HexDump.renderLayers(d, colour: true)
      for layer in d.layers.indices { _ = LayoutDiagram.render(d, layer: layer) }
    }
    #expect(rendered == 1)
  }
}
