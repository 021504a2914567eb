import PacketLanguage

/// The shapes of arguments that commands share, read from the statement
/// through the language's parser.
extension Parser {
  /// A file path: a word or a quoted string.
  mutating func path(after command: String) throws(LanguageError) -> String {
    let token = advance()
    switch token.kind {
    case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .word(let word): return word
    default:
      throw LanguageError(.syntax, "\(command) needs a file path", at: token.location)
    }
  }

  /// The protocol name after `layout` or `fields`, and where it was written.
  mutating func protocolName(after command: String) throws(LanguageError) -> (name: String, location: SourceLocation) {
    let token = advance()
    guard case .word(let word) = token.kind else {
      throw LanguageError(.syntax, "\(command) needs a protocol name (`protocols` lists them)", at: token.location)
    }
    return (word, token.location)
  }

  /// An expression, or nil at the end of the statement.
  mutating func optionalExpression() throws(LanguageError) -> Expr? {
    atStatementEnd ? nil : try expression()
  }

  /// `E[, E…]`: one or more expressions separated by commas.
  mutating func expressionList() throws(LanguageError) -> [Expr] {
    var items = [try expression()]
    while peek.kind == .op(",") {
      _ = advance()
      items.append(try expression())
    }
    return items
  }

  /// `where EXPR`, or nil when the next word is not `where`.
  mutating func whereClause() throws(LanguageError) -> Expr? {
    guard isWord("where") else { return nil }
    _ = advance()
    return try expression()
  }
}

/// What `let NAME =` binds: an expression, or the number `count` or a
/// `stats` gives when the statement runs.
enum LetValue {
  case expression(Expr)
  case count(Expr?, at: SourceLocation)
  case stats(StatsCommand, at: SourceLocation)
}

/// What a checked `let` does when it runs: nothing (its value was bound
/// when it was checked), or give its variable a value.
enum LetAction {
  case bound
  case count(CompiledFilter?, into: ScriptVariable)
  case stats(StatsQuery, into: ScriptVariable)
}
