import Foundation
import Testing

/// `let n = count F` and `assert E[, "message"]`: a script decides, and a
/// false assertion ends it with status 3. Counts are tshark's for
/// examples/http-sample.pcap (30 packets, 17 to port 8869, 7 to 8868).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct AssertTests {
  static let script = """
    load examples/http-sample.pcap
    let n = count tcp.dstport == $1
    echo "n", n, n * 2
    assert n < 10, "few packets to the port"
    echo "after"

    """

  @Test func trueAssertionLetsTheScriptGoOn() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("decide.pks", Self.script)
    let run = try runPktsh(["-f", script, "8868"], in: ShellPaths.repository)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "n\t7\t14\nafter\n")
  }

  @Test func falseAssertionSaysWhereAndExitsThree() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write("decide.pks", Self.script)
    let run = try runPktsh(["-f", script, "8869"], in: ShellPaths.repository)
    #expect(run.status == 3)
    #expect(run.stdout == "n\t17\t34\n", "the script stopped at the assertion")
    #expect(run.stderr == "\(script):4: assertion failed: few packets to the port (n = 17)\n")
  }

  @Test func assertionOnLetValuesWithoutAMessage() throws {
    let run = try runPktsh(
      ["-r", "examples/http-sample.pcap", "-c", "let n = count; assert n == 30; let x = 3; assert x == 4"],
      in: ShellPaths.repository)
    #expect(run.status == 3)
    #expect(run.stderr == "-c:1: assertion failed: the test is false\n")
  }

  @Test(arguments: [
    ("assert 1 + 1", "-c:1:10: error: assert needs a test (n == 0), not a value"),
    ("assert tcp.port == 80", "-c:1:8: error: assert has no packet to read 'tcp.port' from (print reads fields)"),
    ("assert 1 == 1, 5", "-c:1:16: error: assert's message is a quoted string"),
    ("let n = count; assert n == \"x\"", "-c:1:28: error: 'x' is not an integer for n"),
  ])
  func mistakesAreFoundBeforeAnythingRuns(commands: String, message: String) throws {
    let run = try runPktsh(["-r", "examples/http-sample.pcap", "-c", commands], in: ShellPaths.repository)
    #expect(run.status == 2)
    #expect(run.stderrLines.first.map(String.init) == message, "\(run.stderr)")
  }
}
