#if canImport(Glibc)
  import Glibc
#endif
import PacketLanguage

/// The shapes of arguments that commands share, read from the statement
/// through the language's parser.
extension Parser {
  /// A file path as people type one: everything up to the next
  /// whitespace, `;` or end of line (`../x.pcap`, `~/x.pcap`,
  /// `a+b=c,d@e.pcap`), or a quoted string (`"my file.pcap"`). The pieces
  /// the lexer cut it into are joined again, so operators in a name are
  /// part of it; a quoted piece joins too (`dir/"my file".pcap`). A
  /// leading `~` or `~/` is the home directory, quoted or not (so that a
  /// completed `"~/my file.pcap"` works; `./~` names a file called `~`).
  /// A `$N` argument is the path it stands for.
  mutating func path(after command: String) throws(LanguageError) -> String {
    let first = peek
    var pieces: [String] = []
    var end = first.location.offset
    while peek.location.offset == end, let piece = Parser.pathText(peek.kind) {
      end += peek.location.length
      pieces.append(piece)
      _ = advance()
    }
    guard !pieces.isEmpty else {
      throw LanguageError(.syntax, "\(command) needs a file path", at: first.location)
    }
    var path = pieces.joined()
    if path == "~" || path.hasPrefix("~/"), let home = homeDirectory() { path = home + path.dropFirst() }
    return path
  }

  /// The text a token stands for inside a path; nil for a separator.
  private static func pathText(_ kind: TokenKind) -> String? {
    switch kind {
    case .word(let word): word
    case .string(let bytes): String(decoding: bytes, as: UTF8.self)
    case .op(let op): op
    case .slice(let inside): "[" + inside + "]"
    // `#` touching a word is read as the layer operator, `${…}` as a macro.
    case .layer(let layers): "#" + layers
    case .macro(let name, let arguments):
      "${" + name + (arguments.isEmpty ? "" : ":" + arguments.joined(separator: ";")) + "}"
    case .separator, .end: nil
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

/// `$HOME`, or the password database's home of the user; nil when neither says.
func homeDirectory() -> String? {
  if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
  guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
  return String(cString: dir)
}
