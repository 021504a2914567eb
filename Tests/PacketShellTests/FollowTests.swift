import Foundation
import PacketWire
import Testing

@testable import PacketShell

/// `follow` against tshark's `-z follow` (`Goldens/make-follow-goldens.sh`),
/// its `save`, and its mistakes.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct FollowTests {
  static let folder = ShellPaths.repository + "/Tests/PacketShellTests/Goldens/follow"
  static let corpus = ShellPaths.repository + "/../shared/corpus"

  /// The golden files: `CAPTURE.PROTO.STREAM.MODE.txt`.
  static let goldens: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
  }()

  /// The capture under the corpus (`real/`, `wild/` or `tcpdump/`) and the command a golden's name stands for.
  static func command(for golden: String) throws -> (capture: String, command: String) {
    let parts = golden.dropLast(4).split(separator: ".").map(String.init)
    try #require(parts.count >= 4)
    let (mode, stream, proto) = (parts[parts.count - 1], parts[parts.count - 2], parts[parts.count - 3])
    let name = parts[..<(parts.count - 3)].joined(separator: ".")
    let capture = try #require(
      ["real", "wild", "tcpdump"].map { corpus + "/" + $0 + "/" + name }.first { FileManager.default.fileExists(atPath: $0) },
      "the corpus is missing \(name)")
    return (capture, "follow \(proto).stream == \(stream) as \(mode)")
  }

  @Test func thereAreGoldensOfEveryMode() {
    #expect(Self.goldens.count >= 30)
    for mode in ["ascii", "hex", "raw"] { #expect(Self.goldens.filter { $0.hasSuffix(".\(mode).txt") }.count >= 10) }
  }

  @Test(arguments: goldens)
  func equalsTsharksOutput(golden: String) throws {
    let (capture, command) = try Self.command(for: golden)
    let expected = try String(contentsOfFile: Self.folder + "/" + golden, encoding: .utf8)
    let run = try runPktsh(["-r", capture, "-c", command])
    #expect(run.status == 0)
    #expect(run.stdout == expected, "\(command) on \(capture)")
  }

  /// A filter that matches one packet follows that packet's stream, with
  /// tshark's `Filter: tcp.stream eq N` line.
  @Test func anyFilterPicksTheStreamOfItsFirstPacket() throws {
    let capture = Self.corpus + "/real/http-packets.pcap"
    let byIndex = try runPktsh(["-r", capture, "-c", "follow tcp.stream == 6"])
    let first = try runPktsh(["-r", capture, "-c", "print ip.src, tcp.srcport where tcp.stream == 6 && frame.number < 100000"])
    let cells = try #require(first.stdout.split(separator: "\n").first).split(separator: "\t")
    let byFilter = try runPktsh(["-r", capture, "-c", "follow ip.src == \(cells[0]) && tcp.srcport == \(cells[1])"])
    #expect(byFilter.status == 0)
    #expect(byFilter.stdout == byIndex.stdout)
    #expect(byFilter.stdout.contains("Filter: tcp.stream eq 6\n"))
  }

  /// A datagram that declares payload of which nothing was captured ends
  /// tshark's UDP dissection before its follow tap: the stream stays
  /// empty, its nodes unnamed, as `tshark -z follow,udp,ascii,0` prints them.
  @Test func aDatagramWithNoPayloadCapturedAddsNothing() throws {
    let capture = Self.corpus + "/wild/zeek__testing_btest_Traces_udp-contents-truncated-oob.pcap"
    let run = try runPktsh(["-r", capture, "-c", "follow udp.stream == 0"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Node 0: :0\nNode 1: :0\n===="))
  }

  /// `save` writes each side's payload; its bytes are those `as raw` shows.
  @Test func saveWritesEachSidesBytes() throws {
    let capture = Self.corpus + "/real/http-packets.pcap"
    let scratch = try TemporaryDirectory()
    let raw = try runPktsh(["-r", capture, "-c", "follow tcp.stream == 7 as raw"])
    let run = try runPktsh(["-r", capture, "-c", "follow tcp.stream == 7 save \(scratch.file("s7"))"])
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
    var sides: [[UInt8]] = [[], []]
    for line in raw.stdout.split(separator: "\n").dropFirst(5).dropLast() {
      let server = line.hasPrefix("\t")
      let digits = Array(line.utf8.drop { $0 == 9 })
      var bytes: [UInt8] = []
      for i in stride(from: 0, to: digits.count - 1, by: 2) {
        bytes.append(try #require(UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16)))
      }
      sides[server ? 1 : 0] += bytes
    }
    #expect(sides.allSatisfy { !$0.isEmpty })
    for (side, name) in ["client", "server"].enumerated() {
      let saved = try #require(FileManager.default.contents(atPath: scratch.file("s7." + name)))
      #expect(Array(saved) == sides[side], "s7.\(name)")
    }
    #expect(run.stderr == "pktsh: saved \(sides[0].count) bytes to \(scratch.file("s7")).client, \(sides[1].count) bytes to \(scratch.file("s7")).server\n")
  }

  @Test func aFilterThatMatchesNoStreamFails() throws {
    let run = try runPktsh(["-r", Self.corpus + "/real/http-packets.pcap", "-c", "follow tcp.stream == 999"])
    #expect(run.status == 1)
    #expect(run.stderr == "pktsh: follow: no TCP or UDP packet in view matches the filter\n")
  }

  @Test func mistakesAreFoundBeforeAnythingRuns() throws {
    let mode = try runPktsh(["-c", "follow tcp.stream == 1 as hx"])
    #expect(mode.status == 2)
    #expect(mode.stderr.contains("follow … as needs ascii, hex, raw, found 'hx'; did you mean hex?"))
    let empty = try runPktsh(["-c", "follow"])
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("follow needs a filter that picks a stream"))
    let clause = try runPktsh(["-c", "follow tcp.stream == 1 top 3"])
    #expect(clause.status == 2)
    #expect(clause.stderr.contains("follow EXPR takes as ascii|hex|raw and save PATH"))
  }

  /// On a terminal each side's chunks are in their own colour; the text is tshark's.
  @Test func aTerminalColoursEachSide() {
    var stream = FollowedStream()
    let client = FollowedStream.Side(key: [10, 0, 0, 1, 0, 1], address: "10.0.0.1", port: 1, isIPv6: false)
    let server = FollowedStream.Side(key: [10, 0, 0, 2, 0, 2], address: "10.0.0.2", port: 2, isIPv6: false)
    stream.addSegment(from: client, to: server, seq: 1, ack: 1, syn: false, length: 2, payload: Array("hi".utf8)[...])
    stream.addSegment(from: server, to: client, seq: 1, ack: 3, syn: false, length: 3, payload: Array("yo\n".utf8)[...])
    var out = ByteWriter()
    FollowText.append(stream, proto: "tcp", index: 0, mode: .ascii, colour: true, to: &out)
    #expect(
      out.text == "\n\(FollowText.banner)\nFollow: tcp,ascii\nFilter: tcp.stream eq 0\nNode 0: 10.0.0.1:1\n"
        + "Node 1: 10.0.0.2:2\n\u{1b}[31m2\nhi\n\u{1b}[0m\u{1b}[34m\t3\nyo\n\n\u{1b}[0m\(FollowText.banner)\n")
  }

  /// A segment that arrives ahead of a gap waits for it; retransmitted bytes are dropped.
  @Test func segmentsArePutInSequenceOrder() {
    var stream = FollowedStream()
    let a = FollowedStream.Side(key: [1], address: "10.0.0.1", port: 1, isIPv6: false)
    let b = FollowedStream.Side(key: [2], address: "10.0.0.2", port: 2, isIPv6: false)
    stream.addSegment(from: a, to: b, seq: 0, ack: 0, syn: true, length: 0, payload: [])
    stream.addSegment(from: a, to: b, seq: 4, ack: 1, syn: false, length: 3, payload: Array("def".utf8)[...])
    stream.addSegment(from: a, to: b, seq: 1, ack: 1, syn: false, length: 3, payload: Array("abc".utf8)[...])
    stream.addSegment(from: a, to: b, seq: 1, ack: 1, syn: false, length: 5, payload: Array("abcde".utf8)[...])
    stream.addSegment(from: a, to: b, seq: 5, ack: 1, syn: false, length: 4, payload: Array("efgh".utf8)[...])
    #expect(stream.chunks.map { String(decoding: $0.bytes, as: UTF8.self) } == ["abc", "def", "gh"])
  }
}
