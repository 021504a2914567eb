import Foundation
import PacketCapture
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// How a capture ends when it is not its count or duration that ends it:
/// SIGTERM, the reader of its output going away, or its interface going
/// away or down. Each time the packets
/// captured so far become the current ones, the script goes on (its
/// `save` runs), and no temporary file is left behind.
extension LiveCaptureTests {
  /// A private TMPDIR for pktsh (where a capture keeps its packets while
  /// it runs) and a directory to save into, both removed afterwards.
  final class Directories {
    let temporary: String
    let output: String

    init(_ pair: VethPair) throws {
      let base = NSTemporaryDirectory() + "pktsh-ending-\(getpid())-\(pair.subnet)"
      temporary = base + "/tmp"
      output = base + "/out"
      for directory in [temporary, output] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      }
    }

    var saved: String { output + "/c.pcapng" }

    func contents(_ directory: String) -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    deinit { try? FileManager.default.removeItem(atPath: (temporary as NSString).deletingLastPathComponent) }
  }

  /// SIGTERM ends the capture as Ctrl-C does: the `count` and `save`
  /// after it run, the status is 0, and the capture's temporary file (in
  /// TMPDIR while it runs) is gone.
  @Test func sigtermEndsTheCaptureAndTheScriptGoesOn() throws {
    let pair = try VethPair()
    let directories = try Directories(pair)
    let capture = try pair.pktsh(
      "capture vB for 60 where udp.dstport == 6002 && !icmp; count; save \"\(directories.saved)\"",
      environment: ["TMPDIR": directories.temporary])
    try pair.send(Senders.udp, [pair.addressB, "6002", "4", "3"])
    try capture.waitForLines(4)
    #expect(!directories.contents(directories.temporary).isEmpty, "the capture keeps its packets in TMPDIR")
    capture.signal(SIGTERM)
    let result = capture.finish(timeout: 30)

    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasSuffix("\n4\n"), "\(result.stdout)")
    #expect(result.stderr.contains("pktsh: 4 packets captured on vB; "), "\(result.stderr)")
    #expect(result.stderr.hasSuffix("pktsh: saved 4 packets to \(directories.saved)\n"), "\(result.stderr)")
    #expect(try CaptureFile(path: directories.saved).count == 4)
    #expect(directories.contents(directories.temporary) == [])
    #expect(directories.contents(directories.output) == ["c.pcapng"])
  }

  /// Piped into `head`, which leaves after the first byte: the next
  /// summary line meets SIGPIPE, which ends the capture as SIGTERM would,
  /// and the `save` after it runs (it killed pktsh, leaving the capture's
  /// temporary file).
  @Test func readerOfTheOutputGoesAway() throws {
    let pair = try VethPair()
    let directories = try Directories(pair)
    let script = "capture vB for 60 where udp.dstport == 6005 && !icmp; count; save \"\(directories.saved)\""
    let capture = try Running(
      [
        LiveEnvironment.ip!, "netns", "exec", pair.b, "/bin/sh", "-c", "\"$0\" -c \"$1\" | head -c 1 >/dev/null",
        LiveEnvironment.pktsh!, script,
      ], extraEnvironment: ["TMPDIR": directories.temporary])
    try capture.waitFor("pktsh: capturing on")
    // Until a summary line finds the pipe closed.
    for _ in 0..<50 where !capture.stderr.contains("packets captured on") {
      try pair.send(Senders.udp, [pair.addressB, "6005", "2", "3"])
      usleep(100_000)
    }
    let result = capture.finish(timeout: 30)

    #expect(result.status == 0, "\(result.stderr)")
    let saved = try #require(
      result.stderr.split(separator: "\n").last { $0.hasPrefix("pktsh: saved ") }, "\(result.stderr)")
    #expect(saved.hasSuffix(" packets to \(directories.saved)"))
    #expect(try CaptureFile(path: directories.saved).count >= 2)
    #expect(directories.contents(directories.temporary) == [])
    #expect(directories.contents(directories.output) == ["c.pcapng"])
  }

  /// The interface deleted mid-capture (the kernel reports ENETDOWN, as
  /// for one taken down; it is gone when pktsh looks): "went away", the
  /// packets it had received are kept, even those still in the ring's
  /// part-filled block, the script goes on and ends with status 1.
  @Test func interfaceDeletedMidCapture() throws {
    let pair = try VethPair()
    let directories = try Directories(pair)
    let capture = try pair.pktsh(
      "capture vB for 60 quiet where udp.dstport == 6003 && !icmp; count; save \"\(directories.saved)\"",
      environment: ["TMPDIR": directories.temporary])
    try pair.send(Senders.udp, [pair.addressB, "6003", "5", "3"])
    // At once: the packets are still in the block the kernel is filling.
    try pair.inA([LiveEnvironment.ip!, "link", "del", "vA"])
    let result = capture.finish(timeout: 30)

    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout == "5\n")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    try #require(lines.count == 4, "\(result.stderr)")
    #expect(lines[0] == "pktsh: capturing on vB (Ethernet)")
    #expect(lines[1] == "pktsh: interface 'vB' went away")
    #expect(lines[2].hasPrefix("pktsh: 5 packets captured on vB"))
    #expect(lines[3] == "pktsh: saved 5 packets to \(directories.saved)")
    #expect(try CaptureFile(path: directories.saved).count == 5)
    #expect(directories.contents(directories.temporary) == [])
    #expect(directories.contents(directories.output) == ["c.pcapng"])
  }

  /// The interface taken down (it still exists): "went down", otherwise
  /// as when it goes away.
  @Test func interfaceDownMidCapture() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh("capture vB for 60 quiet where udp.dstport == 6004 && !icmp; count")
    try pair.send(Senders.udp, [pair.addressB, "6004", "3", "3"])
    try pair.inB([LiveEnvironment.ip!, "link", "set", "vB", "down"])
    let result = capture.finish(timeout: 30)

    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout == "3\n")
    #expect(result.stderr.contains("pktsh: interface 'vB' went down\npktsh: 3 packets captured on vB"))
  }
}
