import Foundation
import PacketCapture
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A capture truncated by another program while it is open (as `tcpdump
/// -w` restarting on the same file does) once raised SIGBUS through the
/// mapping. Every read must now answer with an error that says so.
@Suite struct ShrunkFileTests {
  /// 3000 packets of 1000 bytes: about 3 MB, less than one read block.
  static let packets = (0..<3000).map { n in
    (UInt32(1_500_000_000 + n), UInt32(0), [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 1000), UInt32(1000))
  }

  static func pcapng() -> [UInt8] {
    sectionHeader() + interfaceBlock()
      + packets.flatMap { enhancedPacketBlock(time: UInt64($0.0) * 1_000_000, packet: $0.2) }
  }

  /// Opens `bytes` as a capture, lets `prepare` read some of it, then cuts
  /// the file to a third of its size.
  func shrunk(
    _ bytes: [UInt8], in directory: TemporaryDirectory, prepare: (CaptureFile) throws -> Void = { _ in }
  ) throws -> CaptureFile {
    let path = try directory.file("shrinking", bytes)
    let capture = try CaptureFile(path: path)
    try prepare(capture)
    #expect(truncate(path, off_t(bytes.count / 3)) == 0)
    return capture
  }

  func expectShrank(_ error: any Error, from size: Int) {
    let text = "\(error)"
    #expect(error is CaptureError)
    #expect(text.hasSuffix("the file shrank while it was open (was \(size) bytes, now \(size / 3))"), "\(text)")
    #expect(!text.contains("\n"))
  }

  @Test func walkThrowsAfterThePacketsStillThere() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let bytes = Self.pcapng()
    let capture = try shrunk(bytes, in: directory)
    var seen = 0
    do {
      try capture.forEachPacket { _ in
        seen += 1
        return true
      }
      Issue.record("the walk ended without an error")
    } catch {
      expectShrank(error, from: bytes.count)
    }
    #expect(seen > 0 && seen < Self.packets.count)
  }

  @Test func lookupThrows() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let bytes = Self.pcapng()
    let capture = try shrunk(bytes, in: directory)
    #expect(try capture.withPacket(at: 0) { $0.bytes.copyBytes() } == [UInt8](repeating: 0, count: 1000))
    do {
      _ = try capture.withPacket(at: Self.packets.count - 1) { $0.bytes.copyBytes() }
      Issue.record("read a packet the file no longer holds")
    } catch {
      expectShrank(error, from: bytes.count)
    }
  }

  /// What `save` does: the walk feeds a writer; the error abandons it.
  @Test func saveLeavesNoFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let capture = try shrunk(Self.pcapng(), in: directory)
    let target = directory.path + "/copy.pcap"
    let writer = try CaptureWriter(path: target, interfaces: capture.interfaces, format: .pcap)
    #expect(throws: CaptureError.self) {
      try capture.forEachPacket { record in
        try writer.append(record)
        return true
      }
    }
    writer.abandon()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["shrinking"])
  }

  /// A pcap file is indexed as it is read: a shrink found while indexing
  /// is damage like a file cut short, and the walk says so too.
  @Test func pcapIndexingStopsWithAProblem() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let bytes = pcapFile(records: Self.packets)
    let walked = try shrunk(bytes, in: directory) { capture in
      try capture.forEachPacket(in: 0..<10) { _ in true }
    }
    #expect(throws: CaptureError.self) { try walked.forEachPacket { _ in true } }

    let counted = try shrunk(bytes, in: directory) { capture in
      try capture.forEachPacket(in: 0..<10) { _ in true }
    }
    #expect(counted.count > 10 && counted.count < Self.packets.count)
    #expect(counted.problem?.hasPrefix("the file shrank while it was open") == true, "\(counted.problem ?? "")")
  }
}
