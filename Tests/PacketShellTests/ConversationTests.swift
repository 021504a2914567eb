import Foundation
import Testing

/// `conversations` and `endpoints` against tshark's `-z conv` and `-z
/// endpoints` tables (`Goldens/make-conversation-goldens.sh`).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct ConversationTests {
  struct Golden: CustomTestStringConvertible, Sendable {
    /// Under the corpus: `real/http-packets.pcap`.
    var capture: String
    /// `conv,tcp`, `endpoints,ip`, …
    var table: String
    var rows: [[String]] = []
    var testDescription: String { "\(capture): \(table)" }
  }

  static let goldens: [Golden] = {
    let path = ShellPaths.repository + "/Tests/PacketShellTests/Goldens/conversations.txt"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var goldens: [Golden] = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("## ") {
        let parts = line.dropFirst(3).split(separator: "\t").map(String.init)
        goldens.append(Golden(capture: parts[0], table: parts[1]))
      } else {
        goldens[goldens.count - 1].rows.append(line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
      }
    }
    return goldens
  }()

  @Test func thereAreGoldens() {
    #expect(Self.goldens.count >= 40)
    #expect(Self.goldens.filter { $0.table == "conv,tcp" }.map(\.rows.count).reduce(0, +) >= 100)
  }

  /// Seconds as a number of nanoseconds: `4.902792000`, `10.7647`.
  static func nanoseconds(_ text: String) -> Int64? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let whole = Int64(parts[0]), parts[1].count <= 9,
      let fraction = Int64(parts[1] + String(repeating: "0", count: 9 - parts[1].count))
    else { return nil }
    return whole * 1_000_000_000 + fraction
  }

  /// pktsh's rows are tshark's, in tshark's order: frames, packets and
  /// exact bytes equal, bytes in tshark's units (`StatsCommandLineTests.size`),
  /// the start to the microsecond and the duration to tshark's last
  /// decimal (tshark computes both as doubles).
  @Test(arguments: goldens)
  func agreesWithTsharksTable(golden: Golden) throws {
    let capture = ShellPaths.repository + "/../shared/corpus/" + golden.capture
    try #require(FileManager.default.fileExists(atPath: capture), "the corpus is missing: \(capture)")
    let (command, kind) = (golden.table.hasPrefix("conv,") ? "conversations" : "endpoints", golden.table.split(separator: ",")[1])
    let run = try runPktsh(["-r", capture, "-c", "\(command) \(kind)"])
    #expect(run.status == 0)
    let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    try #require(rows.count == golden.rows.count, "\(rows.count) rows, tshark has \(golden.rows.count)")
    for (ours, theirs) in zip(rows, golden.rows) {
      guard command == "conversations" else {
        #expect(ours == theirs)
        continue
      }
      try #require(ours.count == theirs.count, "\(ours) against \(theirs)")
      let sides = ours.count - 8
      let numbers = ours[sides...].map { Int64($0) }
      let sizes = [1, 3, 5].map { numbers[$0].map { StatsCommandLineTests.size(Int($0)) } }
      #expect(Array(ours[..<sides]) + [ours[sides], sizes[0], ours[sides + 2], sizes[1], ours[sides + 4], sizes[2]] == Array(theirs[..<(sides + 6)]))
      let times = [(ours[sides + 6], theirs[sides + 6], Int64(1000)), (ours[sides + 7], theirs[sides + 7], 100_000)]
      for (mine, tshark, within) in times {
        let (a, b) = (try #require(Self.nanoseconds(mine)), try #require(Self.nanoseconds(tshark)))
        #expect(abs(a - b) <= within, "\(mine) against tshark's \(tshark) in \(ours)")
      }
    }
  }

  @Test func aTerminalGetsAHeaderAndTopKeepsTheFirstRows() throws {
    let run = try runPktsh(["-r", StatsTests.sample, "-c", "format table; conversations tcp top 1; endpoints ip where tcp.srcport == 31600 top 1"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 4, "\(lines)")
    #expect(lines[0].hasPrefix("a  "))
    #expect(lines[0].contains("frames_b_to_a"))
    #expect(lines[2].hasPrefix("address  "))
  }

  @Test func aTypeThatIsNotOneIsASyntaxError() throws {
    let run = try runPktsh(["-r", StatsTests.sample, "-c", "conversations tpc"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("conversations needs a type: eth, ip, ipv6, tcp, udp"))
  }
}
