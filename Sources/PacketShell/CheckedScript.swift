import PacketDissection
import PacketLanguage

/// Checks every statement of a script before any of them runs, so that a
/// mistake on line 9 stops the script before line 1 loads a file. The
/// commands' `check` steps resolve their arguments here, the one place
/// where the shell compiles filters.
///
/// `let` names carry over from one script (or REPL line) to the next.
public struct ScriptChecker {
  public private(set) var bindings: [String: Expr] = [:]
  /// A script must bound each capture (`count` or `for`); at the
  /// interactive prompt Ctrl-C ends it.
  var allowsUnboundedCapture = false

  public init() {}

  /// Parses all of `source`, then checks it statement by statement.
  mutating func check(_ source: String) throws(LanguageError) -> [Action] {
    let statements = try Parser.script(source, statement: ShellCommand.statement)
    var actions: [Action] = []
    for statement in statements { actions.append(try statement(&self)) }
    return actions
  }

  /// `expr` compiled as a test, with the `let` names in scope.
  func filter(_ expr: Expr?) throws(LanguageError) -> CompiledFilter? {
    guard let expr else { return nil }
    return CompiledFilter(try Checker(bindings: bindings).test(expr))
  }

  /// The field `expr` names (for `print`, `count by`, `hexdump`).
  func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    try Checker(bindings: bindings).field(expr)
  }

  func fields(_ exprs: [Expr]) throws(LanguageError) -> [FieldID] {
    var ids: [FieldID] = []
    for e in exprs { ids.append(try field(e)) }
    return ids
  }

  /// The protocol called `name` (its filter name: `ip`, `ipv6.fraghdr`).
  func protocolID(_ name: String, at location: SourceLocation) throws(LanguageError) -> ProtocolID {
    if let proto = Registry.protocols.first(where: { $0.name == name }) { return proto.id }
    throw LanguageError(
      .unknownName, "unknown protocol '\(name)' (`protocols` lists them)", at: location,
      suggestion: Suggestions.closest(to: name, in: Registry.protocols.map(\.name)))
  }

  /// `let name = value`. A plain literal (`let server = 10.0.0.1`,
  /// `let m = "GET"`) takes its type where it is used; anything else is
  /// checked now, so that a misspelt field is reported at the `let`. The
  /// value is bound with the names it uses substituted: they keep the
  /// meaning they have now (`let a = a && udp` extends the old `a`).
  mutating func bind(_ name: String, to value: Expr) throws(LanguageError) {
    let resolved = try Checker.resolve(value, bindings)
    if !isPlainLiteral(resolved) { _ = try filter(value) }
    bindings[name] = resolved
  }

  private func isPlainLiteral(_ value: Expr) -> Bool {
    switch value {
    case .string: return true
    case .word(let w, _), .negate(.word(let w, _), _): return Registry.field(named: w) == nil
    default: return false
    }
  }
}
