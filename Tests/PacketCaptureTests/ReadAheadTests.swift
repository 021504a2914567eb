import PacketCapture
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A walk over a file of more than two read blocks (4 MiB each) has its
/// next block read on a second thread (`ReadAhead`): it must see the same
/// packets, whole, as one that reads every block itself, including a
/// packet across a block's end, one larger than a block, and a walk that
/// starts in the middle; and a file cut short under it fails the same way.
@Suite struct ReadAheadTests {
  /// Packet `n`'s bytes: its own pattern, so a byte from a wrong place shows.
  static func bytes(_ n: Int, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n &* 7) }
  }

  /// About 14 MB: sizes from 60 to 1,560 bytes, a 200,000-byte packet
  /// every 2,000, and one of 5 MiB (larger than a block).
  static let sizes: [Int] = (0..<12_000).map { n in
    n == 6_001 ? 5 << 20 : n % 2_000 == 999 ? 200_000 : 60 + n * 37 % 1_500
  }

  static func pcap() -> [UInt8] {
    pcapFile(
      snapLength: 8 << 20,
      records: sizes.enumerated().map { n, size in
        (UInt32(1_500_000_000 + n), UInt32(0), bytes(n, count: size), UInt32(size))
      })
  }

  @Test func walksSeeEveryPacketWhole() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("large.pcap", Self.pcap())
    let capture = try CaptureFile(path: path)
    var n = 0
    var wrong: [Int] = []
    try capture.forEachPacket { record in
      if record.bytes.copyBytes() != Self.bytes(n, count: Self.sizes[n]) { wrong.append(n) }
      n += 1
      return true
    }
    #expect(n == Self.sizes.count)
    #expect(wrong.isEmpty, "packets read wrong: \(wrong.prefix(10))")
    // A walk from the middle, over the large packets, once indexed.
    n = 5_990
    try capture.forEachPacket(in: 5_990..<8_100) { record in
      if record.bytes.copyBytes() != Self.bytes(n, count: Self.sizes[n]) { wrong.append(n) }
      n += 1
      return true
    }
    #expect(n == 8_100)
    #expect(wrong.isEmpty, "packets read wrong from the middle: \(wrong.prefix(10))")
  }

  @Test func aFileCutShortUnderTheWalkFails() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let bytes = Self.pcap()
    let path = try directory.file("shrinking.pcap", bytes)
    let capture = try CaptureFile(path: path)
    // Indexed whole first, so the walk reads past the new end.
    try capture.forEachPacket { _ in true }
    #expect(truncate(path, off_t(bytes.count / 3)) == 0)
    var seen = 0
    do {
      try capture.forEachPacket { _ in
        seen += 1
        return true
      }
      Issue.record("the walk ended without an error")
    } catch {
      #expect("\(error)".contains("the file shrank while it was open (was \(bytes.count) bytes, now \(bytes.count / 3))"))
    }
    #expect(seen > 0 && seen < Self.sizes.count)
  }
}
