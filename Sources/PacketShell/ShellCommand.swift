import PacketLanguage

/// One command of the shell, with everything about it in one place: how
/// its arguments are written, what `help` says about it, what tab
/// completion offers after it, how a script checks it before anything
/// runs, and what it then does to the session. `ShellCommand.all` is the
/// table of them.
///
/// A statement goes through three steps, kept apart because a whole script
/// is parsed, then checked, before any of it runs: `syntax` reads the
/// arguments as written; `check` resolves names and compiles filters with
/// the `let` names in scope at that statement; `run` acts on the session.
struct ShellCommand: Sendable {
  /// What tab completion offers for a command's arguments.
  enum Completion {
    /// Field names, `let` names and the keywords of expressions.
    case expressions
    /// File names (readline's own completion).
    case fileNames
    /// Expressions and the command's clause words; file names after the word `pathAfter`.
    case clauses([String], pathAfter: String)
  }

  /// The name, then any other spelling (`quit`, `exit`).
  let names: [String]
  /// The lines `help` lists for the command: its syntax, then what it does.
  let help: String
  /// Whether `help NAME` prints `help` (else `help` only lists it).
  let isHelpTopic: Bool
  let completion: Completion
  /// Reads the arguments (the parser stands after the command's name),
  /// leaving the parser at the end of the statement.
  let read: @Sendable (inout Parser) throws(LanguageError) -> WrittenStatement

  init<Syntax, Checked>(
    _ names: String..., help: String, isHelpTopic: Bool = true, completion: Completion = .expressions,
    syntax: @escaping @Sendable (inout Parser) throws(LanguageError) -> Syntax,
    check: @escaping @Sendable (Syntax, inout ScriptChecker) throws(LanguageError) -> Checked,
    run: @escaping @Sendable (Session, Checked) -> Session.Outcome
  ) {
    self.names = names
    self.help = help
    self.isHelpTopic = isHelpTopic
    self.completion = completion
    read = { parser throws(LanguageError) in
      let written = try syntax(&parser)
      return { checker throws(LanguageError) in
        let checked = try check(written, &checker)
        return { session in run(session, checked) }
      }
    }
  }
}

/// A statement as written, not yet checked: checking it, with the `let`
/// names in scope where it stands, gives what it does.
typealias WrittenStatement = (inout ScriptChecker) throws(LanguageError) -> Action

/// A checked statement, ready to run on the session.
typealias Action = (Session) -> Session.Outcome
