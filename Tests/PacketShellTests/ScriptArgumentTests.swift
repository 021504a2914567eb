import Foundation
import Testing

/// `pktsh -f script.pks ARG…`: `$1`, `$2`, … stand for the arguments
/// wherever a literal or a path goes. Counts are tshark's for
/// examples/http-sample.pcap (17 packets to port 8869, 7 to 8868).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct ScriptArgumentTests {
  static let script = "load $1\ncount tcp.dstport == $2\nprint frame.number where tcp.dstport == $2 && frame.number < 4\n"

  @Test func argumentsStandForPathsAndLiterals() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("ports.pks", Self.script)
    let run = try runPktsh(["-f", script, "examples/http-sample.pcap", "8868"], in: ShellPaths.repository)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "7\n2\n3\n")
  }

  /// An argument that is not one word (a path with a space) is a string.
  @Test func argumentWithASpaceIsOnePath() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("ports.pks", Self.script)
    let capture = scratch.file("my capture.pcap")
    try FileManager.default.copyItem(atPath: ShellPaths.examples + "/http-sample.pcap", toPath: capture)
    let run = try runPktsh(["-f", script, capture, "8869"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "17\n")
  }

  /// A missing argument is a mistake at its `$N`, found before line 1 runs.
  @Test func missingArgumentIsALocatedErrorBeforeAnythingRuns() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("ports.pks", Self.script)
    let run = try runPktsh(["-f", script, "examples/http-sample.pcap"], in: ShellPaths.repository)
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(
      run.stderrLines.first == "\(script):2:22: error: missing script argument $2: the script was given 1 argument",
      "\(run.stderr)")
  }

  @Test func commandsTakeArgumentsToo() throws {
    let run = try runPktsh(["-c", "echo $1, $2", "a b", "7"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "a b\t7\n")
  }
}
