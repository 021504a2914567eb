import Foundation
import Testing

/// Every `examples/*.pks` script, run as `pktsh -f examples/NAME.pks` from
/// the repository root (the scripts load their captures by paths relative
/// to it), prints exactly `examples/NAME.out`.
///
/// After a deliberate change, regenerate an expected output with
/// `TZ=UTC NO_COLOR=1 pktsh -f examples/NAME.pks > examples/NAME.out`
/// and check what changed against tshark.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct ExampleScriptTests {
  static let scripts: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: ShellPaths.examples)) ?? []
    return names.filter { $0.hasSuffix(".pks") }.sorted()
  }()

  @Test func thereAreExamples() {
    #expect(Self.scripts.contains("first-look.pks"))
    #expect(Self.scripts.count >= 3)
  }

  @Test(arguments: scripts)
  func printsItsExpectedOutput(script: String) throws {
    let expectedPath = ShellPaths.examples + "/" + script.dropLast(".pks".count) + ".out"
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    let run = try runPktsh(["-f", "examples/" + script])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    if run.stdout != expected {
      Issue.record("\(script): output differs from \(expectedPath) at \(firstDifference(run.stdout, expected))")
    }
  }

  /// `line N: got "…", expected "…"` for the first line that differs.
  private func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
      let got = i < a.count ? String(a[i]) : "<end>"
      let want = i < e.count ? String(e[i]) : "<end>"
      if got != want { return "line \(i + 1): got \(got.debugDescription), expected \(want.debugDescription)" }
    }
    return "no line (same lines, different bytes)"
  }
}
