import Foundation
import Testing

/// `pktsh` run as a program (-r, -c, -f, piped stdin): exit statuses, error
/// output, and what the commands print. Expected values are tshark's for
/// examples/http-sample.pcap.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct CommandLineTests {
  static let sample = "examples/http-sample.pcap"

  /// `--help` names what each option takes, not the option's letter again.
  @Test func helpNamesTheOptionsValues() throws {
    let run = try runPktsh(["--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("USAGE: pktsh [-r <capture>] [-f <script>] [-c <commands>]"), "\(run.stdout)")
  }

  // MARK: Mistakes found before anything runs: status 2

  @Test func syntaxErrorStopsTheScriptBeforeLineOne() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write(
      "mistake.pks", "load \(ShellPaths.repository)/\(Self.sample)\ncount\nprint ip.src where (tcp\n")
    let run = try runPktsh(["-f", script])
    #expect(run.status == 2)
    #expect(run.stdout == "", "line 2's count ran before the mistake on line 3 was reported")
    let lines = run.stderrLines
    try #require(lines.count == 3, "\(run.stderr)")
    #expect(lines[0].hasPrefix("\(script):3:"))
    #expect(lines[0].contains(": error: "))
    #expect(lines[1] == "print ip.src where (tcp")
    // The caret sits under the column the first line names.
    let column = try #require(Int(lines[0].split(separator: ":")[2]))
    #expect(lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) + 1 } == column)
    #expect(lines[2].allSatisfy { $0 == " " || $0 == "^" || $0 == "~" })
  }

  @Test func unknownFieldSuggestsTheNearestName() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count tcp.dstprt == 80"])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(
      run.stderr == """
        -c:1:7: error: unknown field 'tcp.dstprt'; did you mean tcp.dstport?
        count tcp.dstprt == 80
              ^~~~~~~~~~

        """)
  }

  @Test func misspeltFieldInALetIsReportedAtTheLet() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; let x = tcp.lne > 1"])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr.hasPrefix("-c:1:16: error: unknown field 'tcp.lne'; did you mean tcp.len?"))
  }

  @Test(arguments: ["show 99", "list 99", "list 99-100 where tcp", "hexdump 99", "layout tcp 99", "layout ip 31,40"])
  func rangeBeyondTheLastPacketSaysSo(command: String) throws {
    let run = try runPktsh(["-r", Self.sample, "-c", command + "; count"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderr.hasPrefix("pktsh: no packet "))
    #expect(run.stderr.hasSuffix(": the capture has 30 packets\n"))
  }

  @Test func rangeReachingPastTheEndShowsWhatThereIs() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "list 29-40"])
    #expect(run.status == 0)
    #expect(run.stdout.split(separator: "\n").count == 2)
  }

  /// A packet the view leaves out is never silence: standard error says
  /// so and how to clear the view; nothing shown is a failure, as `show 99` is.
  @Test(arguments: ["show 3", "hexdump 3", "hexdump 3 tcp.flags", "list 3", "layout tcp 3"])
  func packetOutsideTheViewSaysSo(command: String) throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "let big = tcp.len > 1000; filter big; \(command); count"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderr == "pktsh: packet 3 is not in the view (filter big); `filter` alone clears the view\n")
  }

  @Test func rangeSelectingNothingSaysWhy() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "filter tcp.len > 1000; list 1-4 where tcp.srcport == 8868"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(
      run.stderr == "pktsh: no packet of 1-4 is in the view (filter tcp.len > 1000) and matches where tcp.srcport == 8868;"
        + " `filter` alone clears the view\n")
  }

  /// Part of a range that shows nothing is noted; the rest is shown, and the command succeeds.
  @Test func partOfARangeOutsideTheViewIsNoted() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "list 3,5 where tcp.len > 1000; show 5,99"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("    5   4.725696 172.16.210.84 → 172.16.30.190 TCP 1514 "))
    #expect(
      run.stderrLines == [
        "pktsh: packet 3 does not match where tcp.len > 1000", "pktsh: no packet 99: the capture has 30 packets",
      ])
  }

  /// `hexdump N FIELD` where packet N has no FIELD dumps it unmarked and says so.
  @Test(arguments: [("udp", "udp layer"), ("tcp.options.mss_val", "tcp.options.mss_val")])
  func hexdumpOfAFieldThePacketLacksSaysSo(field: String, named: String) throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "hexdump 1 \(field)"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("0000  "))
    #expect(!run.stdout.contains("["))
    #expect(run.stderr == "pktsh: packet 1 has no \(named): nothing is marked\n")
  }

  @Test func scriptAndCommandsTogetherAreRefused() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("s.pks", "count\n")
    let run = try runPktsh(["-r", Self.sample, "-f", script, "-c", "count"])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.hasPrefix("pktsh: -f and -c cannot be used together"))
  }

  @Test func unknownCommandSuggestsTheNearestCommand() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; cuont tcp"])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderrLines.first?.hasPrefix("-c:1:8: error: unknown command 'cuont'; did you mean count?") == true)
  }

  @Test func mistakeInPipedScriptNamesStdin() throws {
    let run = try runPktsh([], stdin: "load \(Self.sample)\ncount\ncount by\n")
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderrLines.first?.hasPrefix("<stdin>:3:") == true)
  }

  // MARK: Failures while running: status 1, one line naming the file

  @Test func missingCaptureIsOneLineNamingIt() throws {
    let run = try runPktsh(["-r", "no/such/capture.pcap", "-c", "count"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.contains("no/such/capture.pcap"))
  }

  /// `-r` opens the file it is given as it is named: quotes, backslashes
  /// and a newline are part of the name, not script text.
  @Test func readOptionTakesTheNameAsItIs() throws {
    let scratch = try TemporaryDirectory()
    let name = scratch.file("a \"b\\c;\nd.pcap")
    try FileManager.default.copyItem(atPath: Self.sample, toPath: name)
    let run = try runPktsh(["-r", name, "-c", "count"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "30\n")
  }

  @Test func failedLoadStopsTheScriptAfterWhatRan() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; load missing.pcap; count"])
    #expect(run.status == 1)
    #expect(run.stdout == "30\n")
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.contains("missing.pcap"))
  }

  /// A pcap file cut short is found by the first command that reads it to
  /// the end; the warning follows that command's output, as tshark's does.
  /// The script goes on with the packets there are, then exits with 1.
  @Test func damagedCaptureIsReportedAfterTheCommandThatFoundIt() throws {
    let scratch = try TemporaryDirectory()
    let sample = try Data(contentsOf: URL(fileURLWithPath: "examples/dns-sample.pcap"))
    let path = scratch.file("cut.pcap")
    try sample.dropLast(10).write(to: URL(fileURLWithPath: path))
    let run = try runPktsh(["-r", path, "-c", "count udp; count"])
    #expect(run.status == 1)
    #expect(run.stdout == "25\n25\n")
    #expect(
      run.stderrLines == [
        "pktsh: warning: \(path): file ends in the middle of packet 26 (offset \(sample.count - 10 - 186 - 16)): "
          + "it claims 196 captured bytes, only 186 remain"
      ])
  }

  /// Whichever way the script comes, reading a damaged capture ends it with 1.
  @Test(arguments: ["-f", "stdin"]) func damagedCaptureFailsEveryScript(way: String) throws {
    let scratch = try TemporaryDirectory()
    let sample = try Data(contentsOf: URL(fileURLWithPath: "examples/dns-sample.pcap"))
    let path = scratch.file("cut.pcap")
    try sample.dropLast(10).write(to: URL(fileURLWithPath: path))
    let script = "load \(path)\ncount\n"
    let run =
      way == "-f" ? try runPktsh(["-f", try scratch.write("s.pks", script)]) : try runPktsh([], stdin: script)
    #expect(run.status == 1)
    #expect(run.stdout == "25\n")
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.hasPrefix("pktsh: warning: \(path): file ends in the middle of packet 26"))
  }

  @Test func missingScriptIsOneLineNamingIt() throws {
    let run = try runPktsh(["-f", "no-such-script.pks"])
    #expect(run.status == 1)
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.contains("no-such-script.pks"))
  }

  @Test func commandNeedsALoadedCapture() throws {
    let run = try runPktsh(["-c", "count"])
    #expect(run.status == 1)
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.contains("no capture loaded"))
  }

  // MARK: save

  @Test func saveRefusesToOverwriteTheLoadedCapture() throws {
    let scratch = try TemporaryDirectory()
    let copy = scratch.file("copy.pcap")
    try FileManager.default.copyItem(atPath: ShellPaths.repository + "/" + Self.sample, toPath: copy)
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    // Named another way, it is still the same file.
    let run = try runPktsh(["-r", copy, "-c", "save \(scratch.path)/./copy.pcap where tcp.len > 1000; count"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderrLines.count == 1)
    #expect(run.stderr.contains("refusing to overwrite"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
  }

  @Test(arguments: ["out.pcap", "out.pcapng"])
  func saveThenLoadReadsTheSamePackets(name: String) throws {
    let scratch = try TemporaryDirectory()
    let path = scratch.file(name)
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      "save \(path) where tcp.srcport == 8868; load \(path); count; print frame.number, tcp.len, frame.len",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr == "pktsh: saved 4 packets to \(path)\n")
    // Frames 1, 4, 8 and 20 of the sample, renumbered.
    #expect(run.stdout == "4\n1\t513\t567\n2\t522\t576\n3\t471\t525\n4\t499\t553\n")
  }

  /// Paths as a shell user types them: `..`, `~/`, and names with
  /// `+ = , @ -`, unquoted.
  @Test func pathsAsPeopleTypeThem() throws {
    let scratch = try TemporaryDirectory()
    let inner = scratch.file("inner")
    try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
    try FileManager.default.copyItem(atPath: ShellPaths.examples + "/http-sample.pcap", toPath: scratch.file("a+b=c,d@e-f.pcap"))
    let run = try runPktsh(
      [
        "-c",
        "load ../a+b=c,d@e-f.pcap; save ../out.pcap where tcp.srcport == 8868; save ~/home.pcap;"
          + "load ../out.pcap; count; load ~/home.pcap; count",
      ], in: inner)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "4\n30\n")
    #expect(run.stderrLines.first == "pktsh: saved 4 packets to ../out.pcap")
  }

  /// A gzip-compressed capture opens like the file inside (tshark counts 30 packets in both).
  @Test func gzipCompressedCaptureOpens() throws {
    let scratch = try TemporaryDirectory()
    let compressed = scratch.file("sample.pcap.gz")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c -n \"$0\" > \"$1\"", ShellPaths.examples + "/http-sample.pcap", compressed]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    let run = try runPktsh(["-r", compressed, "-c", "count; print frame.number, tcp.len where frame.number == 5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "30\n5\t1460\n")
  }

  /// Link types 12 and 14 (DLT_RAW) are raw IP, through the BPF fast count
  /// too: tshark counts 9 UDP packets, 4 from fe80::5054:ff:fe23:4567.
  @Test func dltRawIsRawIP() throws {
    let run = try runPktsh([
      "-r", "Tests/PacketDissectionTests/Goldens/link-types/dlt14-babel_rtt.pcap", "-c",
      "count udp; count ipv6.src == fe80::5054:ff:fe23:4567; print frame.protocols where frame.number == 1",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").prefix(2) == ["9", "4"])
    #expect(run.stdout.split(separator: "\n").last?.hasPrefix("raw:ipv6:udp") == true)
  }

  /// A NUL would end the name the system sees: `out\x00.pcapng` would
  /// write `out`.
  @Test(arguments: ["save \"out\\x00.pcapng\"", "load \"out\\x00.pcapng\""])
  func fileNameWithNulIsAnError(command: String) throws {
    let scratch = try TemporaryDirectory()
    let sample = ShellPaths.repository + "/" + Self.sample
    let run = try runPktsh(["-r", sample, "-c", command + "; count"], in: scratch.path)
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderr.hasSuffix("'out\\x00.pcapng': a file name cannot contain a NUL byte\n"), "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == [])
  }

  // MARK: What the commands print

  @Test func filterNarrowsLaterCommandsUntilCleared() throws {
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      "filter ip.src == 172.16.30.190; count; print frame.number where tcp.srcport == 8869; filter; count",
    ])
    #expect(run.status == 0)
    #expect(run.stdout == "6\n11\n19\n30\n")
  }

  @Test func letNamesTestsAndValues() throws {
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      """
      let big = tcp.len > 1000
      let server = 172.16.210.84
      let method = "GET"
      let below = -1
      count big
      count ip.src == server && !big
      filter big && ip.dst != server
      print frame.number where frame.number < 14
      """,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "15\n9\n5\n12\n13\n")
  }

  @Test func letNamesCarryOverBetweenScriptParts() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "let client = 172.16.30.190; count ip.src == client"])
    #expect(run.stdout == "6\n")
  }

  /// Most frequent first; equal counts by value, as `stats` orders them.
  @Test func countByOrdersByCountThenValue() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count by tcp.len"])
    #expect(run.status == 0)
    let expected = [
      ("1460", 15), ("5", 4), ("216", 1), ("293", 1), ("471", 1), ("495", 1), ("499", 1), ("513", 1), ("522", 1),
      ("598", 1), ("641", 1), ("689", 1), ("892", 1),
    ]
    #expect(run.stdout == expected.map { "\($0.0)\t\($0.1)\n" }.joined())
  }

  /// A packet without the key is in no group; each value of a repeated
  /// field is a group of its own (issue 15).
  @Test func countByGroupsAsStatsDoes() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count by udp.srcport; count by ip.addr"])
    #expect(run.status == 0)
    #expect(run.stdout == "172.16.30.190\t30\n172.16.210.84\t30\n")
  }

  @Test func countByTwoFieldsWithWhere() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count by ip.src, tcp.srcport where tcp.len < 1000"])
    #expect(run.stdout == "172.16.210.84\t31600\t9\n172.16.30.190\t8868\t4\n172.16.30.190\t8869\t2\n")
  }

  @Test func pipedStdinRunsAsAScript() throws {
    let run = try runPktsh(
      [], stdin: "# a comment\nload \(Self.sample)\ncount tcp.payload contains \"GET /\"\nprint ip.src, tcp.len where frame.number == 4\n")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "6\n172.16.30.190\t522\n")
  }

  @Test func quitEndsAScriptWithStatusZero() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; quit; count"])
    #expect(run.status == 0)
    #expect(run.stdout == "30\n")
  }
}
