import Foundation
import Testing

/// `print`, `count by`, `let` and `echo` with expressions, run as `pktsh -c`
/// on examples/http-sample.pcap (values checked against tshark's fields
/// with the arithmetic applied).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct ExpressionCommandTests {
  static let sample = CommandLineTests.sample

  @Test func printComputesEachColumn() throws {
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      "print frame.number, frame.len - 14, tcp.len * 8, tcp.payload[0:4], max(tcp.srcport, tcp.dstport), "
        + "tcp.dstport == 31600 where frame.number <= 3",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        1\t553\t4104\t47455420\t31600\ttrue
        2\t729\t5512\t48545450\t31600\tfalse
        3\t46\t40\t300d0a0d\t31600\tfalse

        """)
  }

  @Test func aLetHoldsAValueOrAFilterAndBothPrintAndFilter() throws {
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      "let bits = tcp.len * 8; let big = bits > 10000; count big; print bits where big && frame.number < 8; count by big",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "15\n11680\nfalse\t15\ntrue\t15\n")
  }

  @Test func letXEqualsFivePrintsFiveForEachPacket() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "let x = 5; print x, x * 2 where frame.number < 3"])
    #expect(run.stdout == "5\t10\n5\t10\n", "\(run.stderr)")
  }

  @Test func countByGroupsByComputedValues() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count by tcp.len / 1000 where tcp.len > 0"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "0\t15\n1\t15\n")
  }

  @Test func echoPrintsValuesWithoutAPacket() throws {
    let run = try runPktsh(["-c", "let n = 6; let label = \"packets\"; echo n * 7, label, n > 5, n / 0, -n"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "42\tpackets\ttrue\t\t-6\n")
  }

  @Test(arguments: [
    ("echo ip.src", "-c:1:6: error: echo has no packet to read 'ip.src' from (print reads fields)"),
    ("print tcp.len + \"x\"", "-c:1:17: error: arithmetic needs integers, not the string \"x\""),
    ("print upper(tcp.len)", "-c:1:13: error: upper needs a string, not an integer"),
    ("print ip.src * 2", "-c:1:7: error: arithmetic needs integers, not an IPv4 address"),
    ("count by max(ip.src, tcp.len)", "-c:1:22: error: max needs arguments of one type: an IPv4 address, then an integer"),
    ("let b = tcp.lne * 8", "-c:1:9: error: unknown field 'tcp.lne'; did you mean tcp.len?"),
  ])
  func aTypeErrorIsLocatedBeforeAnythingRuns(_ command: String, _ message: String) throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; " + command.replacingOccurrences(of: "-c:1:", with: "")])
    #expect(run.status == 2)
    #expect(run.stdout == "", "the count before the mistake ran")
    let column = Int(message.split(separator: ":")[2])! + 7
    #expect(run.stderrLines.first == "-c:1:\(column):" + message.split(separator: ":", maxSplits: 3)[3], "\(run.stderr)")
  }
}
