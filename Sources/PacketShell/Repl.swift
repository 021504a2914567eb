#if canImport(Glibc)
  import Glibc
#endif
@preconcurrency import CReadline
import PacketDissection
import Synchronization

/// The interactive shell: GNU readline with history kept in
/// `~/.pktsh_history`, tab completion of commands, fields and paths, and
/// Ctrl-C that stops the running command (or clears the line) without
/// leaving the shell. Ctrl-D leaves; so does SIGTERM or SIGHUP, once the
/// command it stops has unwound (the outcome then names the signal).
public struct Repl {
  let session: Session

  public init(session: Session) { self.session = session }

  public func run() -> Session.Outcome {
    let history = historyPath()
    _ = read_history(history)
    stifle_history(2000)
    Completion.session = session
    session.checker.allowsUnboundedCapture = true
    rl_readline_name = UnsafePointer(strdup("pktsh"))
    rl_attempted_completion_function = completeAttempt
    rl_completer_word_break_characters = Completion.wordBreaks
    rl_event_hook = leaveOnTermination
    SignalHandlers.installInteractive(interrupt: onInterrupt)
    print("pktsh — type help for commands, Ctrl-D to leave.")
    while true {
      let prompt = session.promptDescription.map { "pktsh(\($0))> " } ?? "pktsh> "
      atPrompt.store(true, ordering: .relaxed)
      let typed = readline(prompt)
      atPrompt.store(false, ordering: .relaxed)
      guard let raw = typed, Interrupt.termination == nil else {
        free(typed)
        print("")
        break  // Ctrl-D, SIGTERM or SIGHUP
      }
      let line = String(cString: raw)
      free(raw)
      if line.contains(where: { !$0.isWhitespace }) {
        add_history(line)
        _ = append_history(1, history)
      }
      Interrupt.clear()
      if session.run(line, file: "<stdin>") == .quit || Interrupt.termination != nil { break }
    }
    _ = write_history(history)
    return Interrupt.termination.map { .interrupted(signal: $0) } ?? .ok
  }

  private func historyPath() -> String {
    let home = getenv("HOME").map { String(cString: $0) } ?? "."
    return home + "/.pktsh_history"
  }
}

/// Whether the shell is inside readline. (readline's own RL_STATE_READCMD is
/// clear while it inserts typed-ahead keys, so it cannot tell the prompt
/// from a running command.)
private let atPrompt = Atomic<Bool>(false)

/// Called by readline about ten times a second while it waits for a key:
/// ends the wait after SIGTERM or SIGHUP. (readline answers those itself
/// only when they cut its wait short; one that comes while it draws the
/// prompt reaches pktsh's handler, and readline waits on.)
private func leaveOnTermination() -> Int32 {
  if Interrupt.termination != nil { rl_done = 1 }
  return 0
}

/// SIGINT: stop the running command; at the prompt, drop the line typed so far.
/// Either way the terminal (or readline) has echoed `^C`: end that line.
private func onInterrupt(_: Int32) {
  Interrupt.raise()
  if atPrompt.load(ordering: .relaxed) {
    _ = write(1, "\n", 1)
    rl_on_new_line()
    rl_replace_line("", 0)
    rl_redisplay()
  } else {
    _ = write(2, "\n", 1)
  }
}

/// Tab completion candidates, chosen by where the cursor is: commands at
/// the start of a statement, then what the command's table entry offers
/// (`ShellCommand.completion`): file names after `load` and `save`, field
/// names, `let` names and keywords elsewhere.
enum Completion {
  nonisolated(unsafe) static var session: Session?
  nonisolated(unsafe) static var candidates: [String] = []
  nonisolated(unsafe) static var next = 0
  nonisolated(unsafe) static let wordBreaks: UnsafePointer<CChar> = UnsafePointer(strdup(" \t\n\"=<>!&|(){},;~")!)

  static func candidates(line: String, start: Int, prefix: String) -> [String]? {
    let before = String(decoding: line.utf8.prefix(start), as: UTF8.self)
    let statement = before.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
    let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let command = words.first.map(String.init) else {
      return ShellCommand.names.filter { $0.hasPrefix(prefix) }
    }
    if ShellCommand.named(command)?.completion == .fileNames { return nil }
    let pool =
      Array(Registry.fieldsByName.keys) + (session?.bindingNames ?? [])
      + ["where", "by", "and", "or", "not", "contains", "matches", "in"]
    return pool.filter { $0.hasPrefix(prefix) }.sorted()
  }
}

private func completeAttempt(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  let line = rl_line_buffer.map { String(cString: $0) } ?? ""
  let prefix = text.map { String(cString: $0) } ?? ""
  guard let found = Completion.candidates(line: line, start: Int(start), prefix: prefix) else {
    return nil  // readline's own file-name completion
  }
  Completion.candidates = found
  Completion.next = 0
  rl_attempted_completion_over = 1
  return rl_completion_matches(text, completeNext)
}

private func completeNext(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  guard Completion.next < Completion.candidates.count else { return nil }
  defer { Completion.next += 1 }
  return strdup(Completion.candidates[Completion.next])
}
