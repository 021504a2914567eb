import Foundation
import PacketCapture
import Testing

/// Truncated and corrupted copies of real captures: each must open with the
/// packets before the damage, or fail with a one-line error, never trap.
@Suite struct DamagedInputTests {
  static let sources = ["pcapng/le/test202.pcapng", "pcapng/be/test102.pcapng", "tcpdump/dhcpv6-ia-na.pcap"]

  func check(_ bytes: [UInt8], in directory: TemporaryDirectory) throws {
    let path = try directory.file("damaged", bytes)
    do {
      let capture = try CaptureFile(path: path)
      try capture.forEachPacket { packet in
        _ = packet.bytes[packet.capturedLength - 1]
        return true
      }
    } catch {
      #expect(!"\(error)".contains("\n"))
    }
  }

  @Test(arguments: sources) func everyTruncation(_ source: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.path(source))))
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    for length in stride(from: 0, to: bytes.count, by: 11) {
      try check(Array(bytes.prefix(length)), in: directory)
    }
  }

  @Test(arguments: sources) func corruptedBytes(_ source: String) throws {
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.path(source))))
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15  // fixed seed: the same damage every run
    func random(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33) % bound
    }
    for _ in 0..<120 {
      var bytes = original
      for _ in 0...random(4) {
        bytes[random(bytes.count)] = [0x00, 0xff, 0x7f, 0x80, UInt8(random(256))][random(5)]
      }
      try check(bytes, in: directory)
    }
  }
}
