import Foundation
import Testing

/// `if E { … } else if E { … } else { … }`: the block of the first test
/// that holds runs; every block is checked before anything runs. Counts are
/// tshark's for examples/http-sample.pcap (30 packets, 7 to port 8868).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct IfTests {
  static func run(_ commands: String) throws -> PktshRun {
    try runPktsh(["-r", "examples/http-sample.pcap", "-c", commands], in: ShellPaths.repository)
  }

  @Test(arguments: [
    ("if n == 7 { echo \"seven\", n } else { echo \"not seven\" }", "seven\t7\n"),
    ("if n > 100 { echo \"many\" } else { echo \"few\" }; echo \"after\"", "few\nafter\n"),
    ("if n > 100 { echo \"many\" }; echo \"after\"", "after\n"),
    ("if n > 100 { echo 1 } else if n > 5 { echo 2 } else if n > 0 { echo 3 } else { echo 4 }", "2\n"),
    ("if n > 5 && \"$x\" == \"$x\" || 1 == 0 { echo \"both\" }", "both\n"),
  ])
  func theFirstTestThatHoldsChoosesTheBlock(commands: String, output: String) throws {
    let run = try Self.run("let n = count tcp.dstport == 8868; " + commands)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == output)
  }

  @Test func blocksSpanLinesAndNestAndElseMayStartALine() throws {
    let scratch = try TemporaryDirectory()
    let script = try scratch.write(
      "nested.pks",
      """
      load examples/http-sample.pcap
      let total = count
      let web = count tcp.dstport == $1
      if total == 30 {
        echo "thirty"
        if web > 10 {
          echo "mostly", $1
        } else if web > 0 {
          let share = web * 100 / total
          echo "some", share
        }
      }
      else {
        echo "other"
      }
      echo "done"

      """)
    let some = try runPktsh(["-f", script, "8868"], in: ShellPaths.repository)
    #expect(some.status == 0, "\(some.stderr)")
    #expect(some.stdout == "thirty\nsome\t23\ndone\n")
    let mostly = try runPktsh(["-f", script, "8869"], in: ShellPaths.repository)
    #expect(mostly.stdout == "thirty\nmostly\t8869\ndone\n")
  }

  @Test func aMistakeInABlockNotTakenIsFoundBeforeAnythingRuns() throws {
    let run = try Self.run("echo \"first\"; if 1 == 1 { echo 1 } else { print tcp.len; count tcp.lenn }")
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderrLines.first == "-c:1:64: error: unknown field 'tcp.lenn'; did you mean tcp.len?")
  }

  @Test(arguments: [
    ("if 1 { echo 1 }", "-c:1:4: error: if needs a test (n == 0), not a value"),
    ("if tcp.port == 80 { echo 1 }", "-c:1:4: error: if has no packet to read 'tcp.port' from (print reads fields)"),
    ("if 1 == 1 { echo 1", "-c:1:11: error: this '{' has no '}' to close it"),
    ("if 1 == 1 echo 1", "-c:1:11: error: expected '{' to open a block, found 'echo'"),
    ("if 1 == 1 { echo 1 } echo 2", "-c:1:22: error: unexpected 'echo'"),
    ("echo 1 }", "-c:1:8: error: unexpected '}'"),
    ("if 1 == 1 { let x = 5 }; echo x", "-c:1:31: error: unknown field 'x'"),
    (
      String(repeating: "if 1 == 1 { ", count: 60) + String(repeating: "}", count: 60),
      "-c:1:611: error: blocks nested too deeply (limit 50)"
    ),
  ])
  func mistakesAreLocated(commands: String, message: String) throws {
    let run = try Self.run(commands)
    #expect(run.status == 2)
    #expect(run.stderrLines.first.map(String.init) == message, "\(run.stderr)")
  }

  @Test func anAssertionInABlockStopsTheScriptWithStatus3() throws {
    let run = try Self.run(
      "let n = count tcp.dstport == 8868; if n > 0 { echo \"checking\"; assert n == 0, \"no traffic\" }; echo \"after\"")
    #expect(run.status == 3)
    #expect(run.stdout == "checking\n")
    #expect(run.stderr == "-c:1: assertion failed: no traffic (n = 7)\n")
  }

  /// A count kept by `let` is a value in later filters and values too.
  @Test func aRuntimeLetIsUsableInFiltersAndPrint() throws {
    let run = try Self.run(
      "let n = count tcp.dstport == 8868; count frame.number <= n; print frame.number, frame.number > n where frame.number in {6..8}")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "7\n6\tfalse\n7\tfalse\n8\ttrue\n")
  }

  /// A `let` that holds a runtime value keeps that variable when its name
  /// is bound again; `stats` reads runtime values too.
  @Test func aLetKeepsTheVariableItHolds() throws {
    let run = try Self.run(
      "let n = count tcp.dstport == 8868; let twice = n * 2; let n = count; echo n, twice; stats sum(frame.len * 0 + n)")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "30\t14\n900\n")
  }
}
