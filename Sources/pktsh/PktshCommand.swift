import ArgumentParser
import PacketShell

#if canImport(Glibc)
  import Glibc
#endif

/// The `pktsh` command line: load a capture, run a script or commands, or
/// start the interactive shell.
@main
struct PktshCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pktsh",
    abstract: "A scriptable packet-analysis shell with Wireshark's filter language.",
    discussion: """
      With no script and no commands, reads commands from standard input: \
      the interactive shell on a terminal, a script when piped.
      Exit status: 0 success, 1 a runtime failure, 2 a mistake in the script, \
      3 an assert found its test false, 130 stopped by Ctrl-C (SIGINT), 143 by SIGTERM, 129 by SIGHUP, 141 when \
      the reader of standard output went away (SIGPIPE).
      A signal stops the running command and ends the script, except during \
      a capture: the capture ends with the packets captured so far and the \
      script goes on. The interactive shell stays on Ctrl-C, and leaves on \
      SIGTERM or SIGHUP. A second signal before pktsh has stopped ends it at once.
      """,
    version: "pktsh 0.1.0")

  @Option(name: .short, help: ArgumentHelp("Load this capture (pcap or pcapng) first.", valueName: "capture"))
  var readFile: String?

  @Option(name: .short, help: ArgumentHelp("Run this script file, then exit.", valueName: "script"))
  var file: String?

  @Option(name: .short, help: ArgumentHelp("Run these commands (separated by ';'), then exit.", valueName: "commands"))
  var commands: String?

  @Option(
    help: ArgumentHelp(
      "How print, count by and stats write rows: table, tsv, csv or json (default: table on a terminal, tsv otherwise).",
      valueName: "format"))
  var format: String?
  @Argument(help: ArgumentHelp("The script's arguments: $1, $2, … in the script or commands.", valueName: "argument"))
  var arguments: [String] = []

  /// Which of descriptors 0–2 were closed at start (now /dev/null).
  nonisolated(unsafe) static var closedAtStart: Set<Int32> = []

  /// Gives closed standard descriptors /dev/null before anything (the
  /// argument parser included) can open a file, then runs as usual.
  static func main() {
    closedAtStart = StandardDescriptors.openMissing()
    main(nil)
  }

  func run() throws {
    if file != nil && commands != nil {
      printError("pktsh: -f and -c cannot be used together: put the commands in the script, or run them with -c alone")
      throw ExitCode(2)
    }
    let chosenFormat = try format.map { name in
      guard let chosen = RowFormat(rawValue: name) else {
        printError("pktsh: --format takes table, tsv, csv or json, not '\(name)'")
        throw ExitCode(2)
      }
      return chosen
    }
    SignalHandlers.install()
    let session = Session(
      output: OutputSink(descriptor: 1, closedAtStart: Self.closedAtStart.contains(1)),
      errors: OutputSink(descriptor: 2, closedAtStart: Self.closedAtStart.contains(2)))
    session.format = chosenFormat
    if let readFile {
      let outcome = session.load(capture: readFile)
      if outcome != .ok { throw ExitCode(exitStatus(outcome)) }
    }
    if file == nil && commands == nil && isatty(0) == 1 {
      let status = exitStatus(Repl(session: session).run())
      if status != 0 { throw ExitCode(status) }
      return
    }
    let outcome: Session.Outcome
    if let file {
      outcome = session.run(try readScript(file), file: file, arguments: arguments)
    } else if let commands {
      outcome = session.run(commands, file: "-c", arguments: arguments)
    } else {
      outcome = session.run(try readScript(nil), file: "<stdin>", arguments: arguments)
    }
    // A signal after the last statement (SIGPIPE from the final flush of
    // output) still decides the status. A damaged capture was read as far
    // as it goes, and said so: the answers are about part of the file, so
    // the run did not succeed.
    let status =
      Interrupt.signal.map { 128 + $0 }
      ?? exitStatus(session.readDamagedCapture && outcome == .ok ? .runtimeFailure : outcome)
    if status != 0 { throw ExitCode(status) }
  }

  private func exitStatus(_ outcome: Session.Outcome) -> Int32 {
    switch outcome {
    case .ok, .quit: 0
    case .runtimeFailure: 1
    case .scriptError: 2
    case .assertionFailed: 3
    case .interrupted(let signal): 128 + signal
    }
  }

  /// The script in file `path` (standard input when nil). A signal that
  /// arrives while a pipe is still open ends pktsh, as a command would stop.
  private func readScript(_ path: String?) throws -> String {
    let fd = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? 0
    guard fd >= 0 else {
      printError("pktsh: cannot read script '\(path ?? "<stdin>")': " + String(cString: strerror(errno)))
      throw ExitCode(1)
    }
    defer { if path != nil { close(fd) } }
    switch readToEnd(fd) {
    case .read(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .interrupted(let signal): throw ExitCode(128 + signal)
    case .failed(let code):
      printError("pktsh: cannot read script '\(path ?? "<stdin>")': " + String(cString: strerror(code)))
      throw ExitCode(1)
    }
  }
}

func printError(_ line: String) {
  let text = line + "\n"
  _ = text.withCString { write(2, $0, strlen($0)) }
}

/// How reading a script ended.
enum ReadResult {
  case read([UInt8])
  case interrupted(signal: Int32)
  case failed(errno: Int32)
}

/// Every byte of `fd` up to its end. It waits in poll(2), which a signal
/// cuts short even under SA_RESTART (read(2) would be resumed), so a
/// signal is answered at once even while a pipe stays open and quiet (the
/// timeout covers a signal that comes just before the wait starts).
func readToEnd(_ fd: Int32) -> ReadResult {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    if let signal = Interrupt.signal { return .interrupted(signal: signal) }
    var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    if poll(&ready, 1, 250) < 0 {
      if errno == EINTR { continue }
      return .failed(errno: errno)
    }
    if ready.revents == 0 { continue }
    let n = read(fd, &chunk, chunk.count)
    if n == 0 { return .read(bytes) }
    if n < 0 {
      if errno == EINTR { continue }
      return .failed(errno: errno)
    }
    bytes.append(contentsOf: chunk[0..<n])
  }
}
