import Foundation
import Testing

/// Scripts written to break the language, run with the built `pktsh`: each
/// is a located error before anything runs (status 2) or an answer, never
/// a signal. Expected counts are tshark's for examples/http-sample.pcap.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct HostileScriptTests {
  static let sample = "examples/http-sample.pcap"

  @Test(arguments: ["let a = a; count a", "let b = a; let a = b; count a", "let a = a; let a = a && a; count a"])
  func aLetNameCannotReferToItself(script: String) throws {
    let run = try runPktsh(["-r", Self.sample, "-c", script])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stdout == "")
    // (A suggestion of another name may follow.)
    #expect(run.stderr.contains("error: unknown field 'a'"), "\(run.stderr)")
  }

  /// A redefinition refers to the old value, as Wireshark's macros expand.
  @Test func aRedefinedLetExtendsItsOldValue() throws {
    let run = try runPktsh([
      "-r", Self.sample, "-c",
      "let a = tcp; let a = a && udp; count a; let b = udp; let b = b || tcp.srcport == 8868; count b",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "0\n4\n")
  }

  /// The mistake on line 2 stops the script before line 1's `save` writes anything.
  @Test(arguments: ["(", "!", "-"]) func deepNestingIsALocatedErrorBeforeAnythingRuns(opener: String) throws {
    let scratch = try TemporaryDirectory()
    let saved = scratch.file("saved.pcap")
    let closer = opener == "(" ? ")" : ""
    let filter = String(repeating: opener, count: 5_000) + "tcp.port" + String(repeating: closer, count: 5_000)
    let script = try scratch.write("deep.pks", "save \(saved)\ncount \(filter) == 1\n")
    let run = try runPktsh(["-r", Self.sample, "-f", script])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr.hasPrefix("\(script):2:"))
    #expect(run.stderr.contains("error: expression nested too deeply (limit 100)"))
    #expect(!FileManager.default.fileExists(atPath: saved))
  }

  /// 20,000 terms: too long for a BPF program, so `count` tests them in
  /// user space; everything before it runs, and the answer is right.
  @Test func aLongOrChainIsCountedInUserSpace() throws {
    let scratch = try TemporaryDirectory()
    let saved = scratch.file("saved.pcap")
    let chain = (1...20_000).map { "tcp.port == \(40_000 + $0)" }.joined(separator: " || ")
    let script = try scratch.write("long.pks", "save \(saved)\ncount \(chain) || tcp.srcport == 8868\n")
    let run = try runPktsh(["-r", Self.sample, "-f", script])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "4\n")
    #expect(FileManager.default.fileExists(atPath: saved))
  }
}
