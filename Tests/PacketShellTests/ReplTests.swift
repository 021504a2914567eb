import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The interactive shell, driven through a pseudo-terminal as a person
/// would: the prompt, history recall, tab completion, Ctrl-C, Ctrl-D.
///
/// TERM is `dumb` so readline draws with plain text and backspaces (no
/// terminfo needed); the checks look for what a person would see.
@Suite(.serialized, .enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct ReplTests {
  static let sample = ShellPaths.examples + "/http-sample.pcap"
  static let prompt = "pktsh(http-sample.pcap)> "
  static let up = "\u{1b}[A"
  static let ctrlC = "\u{03}"
  static let ctrlD = "\u{04}"

  func startShell(_ arguments: [String], home: String) throws -> PseudoTerminal {
    var environment = testEnvironment(home: home)
    environment["TERM"] = "dumb"
    return try PseudoTerminal(executable: ShellPaths.binary!, arguments: arguments, environment: environment)
  }

  @Test func promptHistoryAndCompletion() throws {
    let home = try TemporaryDirectory()
    let shell = try startShell(["-r", Self.sample], home: home.path)
    defer { shell.close() }
    try shell.expect("type help for commands")
    try shell.expect(Self.prompt)

    shell.send("count\r")
    #expect(try shell.expect(Self.prompt).contains("\r\n30\r\n"))

    // Up-arrow brings `count` back; Enter runs it again.
    shell.send(Self.up)
    try shell.expect("count")
    shell.send("\r")
    #expect(try shell.expect(Self.prompt).contains("\r\n30\r\n"))

    // A field name: `tcp.dst` completes to `tcp.dstport` and the line runs as completed.
    shell.send("print tcp.dst\t")
    try shell.expect("tcp.dstport")
    shell.send("where frame.number == 1\r")
    // On a terminal, print writes a table: the header, the number right-aligned under it.
    #expect(try shell.expect(Self.prompt).contains("\r\ntcp.dstport\r\n      31600\r\n"))

    // A command: `lo` completes to `load`.
    shell.send("lo\t")
    try shell.expect("load ")
    shell.send("\"\(Self.sample)\"\r")
    try shell.expect(Self.prompt)
    shell.send("count tcp.srcport == 8869\r")
    #expect(try shell.expect(Self.prompt).contains("\r\n2\r\n"))

    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
    let history = try String(contentsOfFile: home.file(".pktsh_history"), encoding: .utf8)
    #expect(
      history.split(separator: "\n") == [
        "count", "count", "print tcp.dstport where frame.number == 1", "load \"\(Self.sample)\"",
        "count tcp.srcport == 8869",
      ])
  }

  /// Tab after `load` completes a file name with a space quoted, so the
  /// line runs as completed; `~/` is the home directory.
  @Test func completionQuotesAFileNameWithASpace() throws {
    let home = try TemporaryDirectory()
    try FileManager.default.copyItem(atPath: Self.sample, toPath: home.file("my capture.pcap"))
    let shell = try startShell([], home: home.path)
    defer { shell.close() }
    try shell.expect("pktsh> ")
    shell.send("load ~/my\t")
    try shell.expect("\"~/my capture.pcap\" ")
    shell.send("; count\r")
    #expect(try shell.expect("pktsh(my capture.pcap)> ").contains("\r\n30\r\n"))
    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
  }

  /// At the prompt a mistake is a caret under the line just typed, then
  /// the message: no `<stdin>:1:1:` and no copy of the line.
  @Test func mistakeAtThePromptIsACaretUnderTheLine() throws {
    let home = try TemporaryDirectory()
    let shell = try startShell(["-r", Self.sample], home: home.path)
    defer { shell.close() }
    try shell.expect(Self.prompt)
    shell.send("count tcp.dstprt == 80\r")
    let shown = try shell.expect(Self.prompt)
    let caret = String(repeating: " ", count: Self.prompt.count + 6) + "^~~~~~~~~~"
    #expect(shown.contains("\r\n\(caret)\r\nerror: unknown field 'tcp.dstprt'; did you mean tcp.dstport?\r\n"), "\(shown)")
    #expect(!shown.contains("<stdin>"))
    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
  }

  @Test func historyPersistsAcrossRuns() throws {
    let home = try TemporaryDirectory()
    let first = try startShell(["-r", Self.sample], home: home.path)
    defer { first.close() }
    try first.expect(Self.prompt)
    first.send("count by tcp.srcport where tcp.srcport != 31600\r")
    #expect(try first.expect(Self.prompt).contains("tcp.srcport  count\r\n8868             4\r\n8869             2\r\n"))
    first.send("quit\r")
    #expect(first.waitForExit() == 0)

    let second = try startShell(["-r", Self.sample], home: home.path)
    defer { second.close() }
    try second.expect(Self.prompt)
    // The newest line is `quit`; one more Up reaches the command before it.
    second.send(Self.up + Self.up)
    try second.expect("count by tcp.srcport where tcp.srcport != 31600")
    second.send("\r")
    #expect(try second.expect(Self.prompt).contains("tcp.srcport  count\r\n8868             4\r\n8869             2\r\n"))
    second.send(Self.ctrlD)
    #expect(second.waitForExit() == 0)
  }

  /// Ctrl-C stops `count tcp` over a capture big enough to take seconds,
  /// prints a notice instead of a partial count, and the shell carries on;
  /// at the prompt it drops the line typed so far; Ctrl-D leaves with 0.
  @Test func interruptAndEndOfFile() throws {
    let home = try TemporaryDirectory()
    #if DEBUG
      let packets = 300_000  // about 7 s of `count tcp` in a debug build
    #else
      let packets = 2_000_000
    #endif
    let capture = home.file("big.pcap")
    try writeManyPackets(packets, to: capture)
    let shell = try startShell(["-r", capture], home: home.path)
    defer { shell.close() }
    let prompt = "pktsh(big.pcap)> "
    try shell.expect(prompt)

    shell.send("count tcp\r")
    try shell.expect("count tcp\r\n")
    // The shell clears a stale interrupt just before it runs the line, so
    // Ctrl-C waits a moment, and is repeated in case it still came too early.
    var notice: String?
    for _ in 0..<5 where notice == nil {
      usleep(300_000)
      shell.send(Self.ctrlC)
      notice = try? shell.expect("pktsh: interrupted", within: 3)
    }
    let stopped = try #require(notice, "Ctrl-C did not interrupt `count tcp`")
    let printedNumber = stopped.contains { $0.isNumber }
    #expect(!printedNumber, "an interrupted count printed a number: \(stopped.debugDescription)")
    try shell.expect(prompt)

    // Still running: the next command works.
    shell.send("count\r")
    #expect(try shell.expect(prompt).contains("\r\n\(packets)\r\n"))

    // Ctrl-C at the prompt drops the half-typed line.
    shell.send("half typed")
    try shell.expect("half typed")
    shell.send(Self.ctrlC)
    let cleared = try shell.expect(prompt)
    #expect(cleared == "^C\r\n" + prompt, "one ^C (readline's echo), then a fresh prompt")
    shell.send("count\r")
    #expect(try shell.expect(prompt).contains("\r\n\(packets)\r\n"))

    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
    let history = try String(contentsOfFile: home.file(".pktsh_history"), encoding: .utf8)
    #expect(history.split(separator: "\n") == ["count tcp", "count", "count"])
  }

  /// SIGTERM stops the running command, then the shell leaves with 143
  /// (128 + 15), keeping its history; at the prompt it leaves at once.
  @Test(arguments: [true, false])
  func terminationLeavesTheShell(duringACommand: Bool) throws {
    let home = try TemporaryDirectory()
    let capture = home.file("big.pcap")
    try writeManyPackets(300_000, to: capture)
    let shell = try startShell(["-r", capture], home: home.path)
    defer { shell.close() }
    let prompt = "pktsh(big.pcap)> "
    try shell.expect(prompt)
    shell.send("count\r")
    try shell.expect(prompt)
    if duringACommand {
      // Far longer than the wait before the signal, in any build (and
      // short enough not to scroll the 250-column line).
      let line = Array(repeating: "count by ip.src", count: 12).joined(separator: "; ")
      shell.send(line + "\r")
      try shell.expect(line + "\r\n")
      usleep(300_000)
    }
    kill(shell.pid, SIGTERM)
    if duringACommand {
      let stopped = try shell.expect("pktsh: stopped by SIGTERM")
      #expect(!stopped.contains("300000"), "the commands ran to the end: \(stopped)")
    }
    #expect(shell.waitForExit() == 143)
    let history = try String(contentsOfFile: home.file(".pktsh_history"), encoding: .utf8)
    #expect(history.split(separator: "\n").count == (duringACommand ? 2 : 1))
  }

  /// Ctrl-C during `save` leaves the destination as it was and no
  /// temporary file beside it.
  @Test func interruptedSaveLeavesTheDestination() throws {
    let home = try TemporaryDirectory()
    #if DEBUG
      let packets = 300_000
    #else
      let packets = 2_000_000
    #endif
    let capture = home.file("big.pcap")
    try writeManyPackets(packets, to: capture)
    let output = try home.write("out.pcap", "before")
    let shell = try startShell(["-r", capture], home: home.path)
    defer { shell.close() }
    let prompt = "pktsh(big.pcap)> "
    try shell.expect(prompt)

    shell.send("save out.pcap\r")
    try shell.expect("save out.pcap\r\n")
    var notice: String?
    for _ in 0..<5 where notice == nil {
      usleep(300_000)
      shell.send(Self.ctrlC)
      notice = try? shell.expect("pktsh: interrupted", within: 3)
    }
    try #require(notice != nil, "Ctrl-C did not interrupt `save`")
    try shell.expect(prompt)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "before")
    let left = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.contains("out.pcap") }
    #expect(left == ["out.pcap"])
    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
  }

  /// A capture truncated by another program between two commands: each
  /// command that reads it says so in one line, and the shell goes on.
  @Test func captureShrunkWhileLoaded() throws {
    let home = try TemporaryDirectory()
    let capture = home.file("shrinking.pcap")
    try writeManyPackets(100_000, to: capture)
    let size = try #require(FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int)
    let shell = try startShell(["-r", capture], home: home.path)
    defer { shell.close() }
    let prompt = "pktsh(shrinking.pcap)> "
    try shell.expect(prompt)
    shell.send("count\r")
    #expect(try shell.expect(prompt).contains("\r\n100000\r\n"))

    // Only the file header and the first packet stay.
    let kept = 24 + 16 + 60
    #expect(truncate(capture, off_t(kept)) == 0)
    let shrank = "pktsh: cannot read '\(capture)': the file shrank while it was open (was \(size) bytes, now \(kept))"
    for command in ["list", "print ip.src", "show 99999", "count tcp", "count by tcp.srcport", "save copy.pcap"] {
      shell.send(command + "\r")
      let answer = try shell.expect(prompt)
      #expect(answer.contains(shrank), "\(command): \(answer.suffix(300).debugDescription)")
    }
    #expect(!FileManager.default.fileExists(atPath: home.file("copy.pcap")))
    shell.send("count\r")
    #expect(try shell.expect(prompt).contains("\r\n100000\r\n"))
    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
  }

  /// At the prompt a damaged capture is a warning; the shell still ends with 0.
  @Test func damagedCaptureOnlyWarns() throws {
    let home = try TemporaryDirectory()
    let capture = home.file("cut.pcap")
    try writeManyPackets(10, to: capture)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: capture))
    try bytes.dropLast(5).write(to: URL(fileURLWithPath: capture))
    let shell = try startShell(["-r", capture], home: home.path)
    defer { shell.close() }
    let prompt = "pktsh(cut.pcap)> "
    try shell.expect(prompt)
    shell.send("count\r")
    let answer = try shell.expect(prompt)
    #expect(answer.contains("\r\n9\r\n"))
    #expect(answer.contains("pktsh: warning: \(capture): file ends in the middle of packet 10"))
    shell.send(Self.ctrlD)
    #expect(shell.waitForExit() == 0)
  }
}
