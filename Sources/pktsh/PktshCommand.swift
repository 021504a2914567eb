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
      Exit status: 0 success, 1 a runtime failure, 2 a mistake in the script.
      """,
    version: "pktsh 0.1.0")

  @Option(name: .short, help: "Load this capture (pcap or pcapng) first.")
  var readFile: String?

  @Option(name: .short, help: "Run this script file, then exit.")
  var file: String?

  @Option(name: .short, help: "Run these commands (separated by ';'), then exit.")
  var commands: String?

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
    let session = Session(
      output: OutputSink(descriptor: 1, closedAtStart: Self.closedAtStart.contains(1)),
      errors: OutputSink(descriptor: 2, closedAtStart: Self.closedAtStart.contains(2)))
    if let readFile {
      let outcome = session.run("load \"\(readFile.replacingQuotes())\"", file: "-r")
      if outcome != .ok { throw ExitCode(exitStatus(outcome)) }
    }
    let outcome: Session.Outcome
    if let file {
      guard let source = readWholeFile(file) else {
        printError("pktsh: cannot read script '\(file)'")
        throw ExitCode(1)
      }
      outcome = session.run(source, file: file)
    } else if let commands {
      outcome = session.run(commands, file: "-c")
    } else if isatty(0) == 1 {
      // At the prompt a damaged capture is only a warning.
      return try finish(with: Repl(session: session).run())
    } else {
      outcome = session.run(readStandardInput(), file: "<stdin>")
    }
    // A damaged capture was read as far as it goes, and said so: the
    // answers are about part of the file, so the run did not succeed.
    try finish(with: session.readDamagedCapture && exitStatus(outcome) == 0 ? .runtimeFailure : outcome)
  }

  private func finish(with outcome: Session.Outcome) throws {
    let status = exitStatus(outcome)
    if status != 0 { throw ExitCode(status) }
  }

  private func exitStatus(_ outcome: Session.Outcome) -> Int32 {
    switch outcome {
    case .ok, .quit: 0
    case .runtimeFailure: 1
    case .scriptError: 2
    }
  }
}

extension String {
  /// Escapes double quotes and backslashes for a quoted script string.
  func replacingQuotes() -> String {
    var out = ""
    for c in self {
      if c == "\"" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out
  }
}

func printError(_ line: String) {
  let text = line + "\n"
  _ = text.withCString { write(2, $0, strlen($0)) }
}

func readWholeFile(_ path: String) -> String? {
  guard let handle = fopen(path, "rb") else { return nil }
  defer { fclose(handle) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&chunk, 1, chunk.count, handle)
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return ferror(handle) != 0 ? nil : String(decoding: bytes, as: UTF8.self)
}

func readStandardInput() -> String {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = read(0, &chunk, chunk.count)
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return String(decoding: bytes, as: UTF8.self)
}
