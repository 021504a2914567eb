#if canImport(Glibc)
  import Glibc
#endif
@preconcurrency import CReadline
import PacketDissection
import PacketLanguage
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
    rl_completion_word_break_hook = completionWordBreaks
    rl_completer_quote_characters = UnsafePointer(strdup("\""))
    rl_filename_quote_characters = UnsafePointer(strdup(Completion.charactersToQuote))
    rl_filename_quoting_function = quoteFileName
    rl_filename_dequoting_function = dequoteFileName
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
      var rows: Int32 = 0
      var columns: Int32 = 0
      rl_get_screen_size(&rows, &columns)
      let outcome = session.run(typed: line, promptWidth: prompt.count, screenWidth: Int(columns))
      if outcome == .quit || Interrupt.termination != nil { break }
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
/// names, `let` names and keywords elsewhere. A file name that a path
/// cannot hold unquoted is inserted quoted (`"my file.pcap"`).
enum Completion {
  nonisolated(unsafe) static var session: Session?
  nonisolated(unsafe) static var candidates: [String] = []
  nonisolated(unsafe) static var next = 0
  nonisolated(unsafe) static let wordBreaks: UnsafePointer<CChar> = UnsafePointer(strdup(" \t\n\"=<>!&|(){},;~")!)

  /// Where a path's word starts for completion: only whitespace and `;`
  /// end a path (`../a=b.pcap` is one word).
  nonisolated(unsafe) static let pathWordBreaks: UnsafeMutablePointer<CChar> = strdup(" \t\n;")!
  /// What a file name must not hold unquoted: what ends a path or starts a
  /// comment or a string, and what the lexer refuses outside strings.
  static let charactersToQuote = " \t\n\";#'?\\^`["

  /// The command of the statement the cursor is in (`line` up to `cursor` bytes).
  static func command(line: String, cursor: Int) -> String? {
    let before = String(decoding: line.utf8.prefix(cursor), as: UTF8.self)
    let statement = before.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
    return statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
  }

  /// The words of the statement the cursor is in, before the word being completed.
  static func wordsBefore(line: String, cursor: Int) -> [Substring] {
    let before = String(decoding: line.utf8.prefix(cursor), as: UTF8.self)
    let statement = before.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
    var words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if !statement.hasSuffix(" ") && !statement.hasSuffix("\t") && !words.isEmpty { words.removeLast() }
    return words
  }

  /// Whether the cursor is in the arguments of `load` or `save`, or after `follow … save`.
  static func completesFileName(line: String, cursor: Int) -> Bool {
    switch command(line: line, cursor: cursor).flatMap(ShellCommand.named)?.completion {
    case .fileNames: true
    case .clauses(_, let pathAfter): wordsBefore(line: line, cursor: cursor).dropFirst().contains { $0 == pathAfter }
    default: false
    }
  }

  /// `name` as a path argument: unchanged when it may stand bare, else
  /// opened with a quote and `"` and `\` escaped inside (readline closes
  /// the quote after a file, not after a directory).
  static func quoted(_ name: String) -> String {
    guard name.contains(where: { charactersToQuote.contains($0) }) else { return name }
    var text = "\""
    for c in name {
      if c == "\"" || c == "\\" { text.append("\\") }
      text.append(c)
    }
    return text
  }

  /// The file name a quoted word stands for: escapes removed.
  static func dequoted(_ word: String) -> String {
    var name = ""
    var escaped = false
    for c in word {
      if c == "\\" && !escaped {
        escaped = true
        continue
      }
      escaped = false
      name.append(c)
    }
    return name
  }

  static func candidates(line: String, start: Int, prefix: String) -> [String]? {
    guard let command = command(line: line, cursor: start) else {
      return ShellCommand.names.filter { $0.hasPrefix(prefix) }
    }
    var clauses: [String] = []
    switch ShellCommand.named(command)?.completion {
    case .fileNames: return nil
    case .clauses(let words, _):
      if completesFileName(line: line, cursor: start) { return nil }
      clauses = words
    default: break
    }
    let pool =
      Array(Registry.fieldsByName.keys) + (session?.bindingNames ?? [])
      + ["where", "by", "and", "or", "not", "contains", "matches", "in"] + clauses
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

/// Before readline finds the word to complete: after `load` and `save` a
/// word ends only at whitespace or `;`; elsewhere the usual breaks apply.
private func completionWordBreaks() -> UnsafeMutablePointer<CChar>? {
  let line = rl_line_buffer.map { String(cString: $0) } ?? ""
  return Completion.completesFileName(line: line, cursor: Int(rl_point)) ? Completion.pathWordBreaks : nil
}

/// readline's hook to quote a file name it inserts (see `Completion.quoted`).
private func quoteFileName(
  _ text: UnsafeMutablePointer<CChar>?, _ matchType: Int32, _ quote: UnsafeMutablePointer<CChar>?
) -> UnsafeMutablePointer<CChar>? {
  let name = text.map { String(cString: $0) } ?? ""
  quote?.pointee = CChar(UInt8(ascii: "\""))
  return strdup(Completion.quoted(name))
}

/// readline's hook to read back a name typed inside quotes.
private func dequoteFileName(_ text: UnsafeMutablePointer<CChar>?, _ quote: Int32) -> UnsafeMutablePointer<CChar>? {
  strdup(Completion.dequoted(text.map { String(cString: $0) } ?? ""))
}

extension LanguageError {
  /// A mistake in a line typed at the prompt: a caret under it, where the
  /// terminal shows the line after a prompt `promptWidth` wide, then
  /// `error: MESSAGE`. A line that wrapped on a screen `screenWidth` wide
  /// (0: unknown) is shown again on its own, the caret under that.
  func renderedAtPrompt(_ line: String, promptWidth: Int, screenWidth: Int) -> String {
    let bytes = Array(line.utf8)
    let start = min(max(0, location.offset), bytes.count)
    let end = min(bytes.count, start + location.length)
    let before = String(decoding: bytes[..<start], as: UTF8.self).count
    let marked = String(decoding: bytes[start..<end], as: UTF8.self).count
    let fits = screenWidth <= 0 || promptWidth + line.count < screenWidth
    let caret = String(repeating: " ", count: (fits ? promptWidth : 0) + before) + "^"
      + String(repeating: "~", count: max(0, marked - 1))
    let message = "error: \(self.message)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
    return (fits ? "" : line + "\n") + caret + "\n" + message
  }
}
