import Foundation
import PacketCapture
import PacketDissection
import Testing

/// Inputs that once crashed the fuzzer (fuzz/run.sh), cut down by hand.
@Suite struct FuzzRegressionTests {
  /// Writes `bytes` to a temporary file, dissects every packet with every
  /// field recorded and formatted, and answers `fields` for each packet.
  func dissect(_ bytes: [UInt8], fields: [String]) throws -> [String] {
    let path = NSTemporaryDirectory() + "/pktsh-fuzz-regression-" + UUID().uuidString + ".pcap"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try CaptureFile(path: path)
    let query = try FieldQuery(names: fields)
    let dissector = Dissector()
    var lines: [String] = []
    try file.forEachPacket { record in
      let dissection = dissector.dissect(record)
      for field in dissection.records { _ = FieldText.format(field, in: dissection) }
      lines.append(query.line(dissection))
      return true
    }
    return lines
  }

  /// A little-endian microsecond pcap header for Ethernet, then one record.
  func pcap(originalLength: UInt32, packet: [UInt8]) -> [UInt8] {
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
    let header: [UInt8] = le32(0xa1b2_c3d4) + [2, 0, 4, 0] + le32(0) + le32(0) + le32(65535) + le32(1)
    return header + le32(1) + le32(0) + le32(UInt32(packet.count)) + le32(originalLength) + packet
  }

  /// An original length above Int32.max trapped when the frame's protocol
  /// item took it as its length.
  @Test func originalLengthAboveInt32() throws {
    let arp: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x06]
    let lines = try dissect(pcap(originalLength: 0xe000_0042, packet: arp), fields: ["frame.cap_len", "eth.type"])
    #expect(lines == ["14\t0x0806"])
  }
}
