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

  /// Parses all of `source` (with `arguments` as `$1`, `$2`, …), then
  /// checks it statement by statement.
  mutating func check(_ source: String, arguments: [String]? = nil) throws(LanguageError) -> [Action] {
    let statements = try Parser.script(source, arguments: arguments, statement: ShellCommand.statement)
    var actions: [Action] = []
    for statement in statements { actions.append(try statement(&self)) }
    return actions
  }

  /// `expr` compiled as a test, with the `let` names in scope.
  func filter(_ expr: Expr?) throws(LanguageError) -> CompiledFilter? {
    guard let expr else { return nil }
    return CompiledFilter(try Checker(bindings: bindings).test(expr))
  }

  /// The field `expr` names (for `hexdump`).
  func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    try Checker(bindings: bindings).field(expr)
  }

  /// The values `exprs` give, compiled as the columns of `print` or the
  /// key of `count by`.
  func columns(_ exprs: [Expr]) throws(LanguageError) -> ValueColumns {
    ValueColumns(try values(exprs))
  }

  /// `exprs` checked as values (fields, arithmetic, functions, literals, tests).
  func values(_ exprs: [Expr]) throws(LanguageError) -> [CheckedValue] {
    let checker = Checker(bindings: bindings)
    var values: [CheckedValue] = []
    for e in exprs { values.append(try checker.column(e)) }
    return values
  }

  /// `exprs` checked for `echo`, which has no packet: a field in them is
  /// a mistake, reported where it is written.
  func packetlessValues(_ exprs: [Expr]) throws(LanguageError) -> ValueColumns {
    for e in exprs {
      if let field = firstField(in: try Checker.resolve(e, bindings)) {
        throw LanguageError(
          .type, "echo has no packet to read '\(field.name)' from (print reads fields)", at: field.location)
      }
    }
    return try columns(exprs)
  }

  /// The first field name `expr` reads, and where.
  private func firstField(in expr: Expr) -> (name: String, location: SourceLocation)? {
    var found: (name: String, location: SourceLocation)?
    func visit(_ e: Expr) {
      guard found == nil else { return }
      switch e {
      case .word(let name, let location):
        if Registry.field(named: name) != nil { found = (name, location) }
      case .string: break
      case .slice(let base, _, _), .not(let base, _), .negate(let base, _): visit(base)
      case .call(_, let arguments, _): arguments.forEach(visit)
      case .logical(_, let operands): operands.forEach(visit)
      case .compare(_, let a, let b, _), .arithmetic(_, let a, let b, _), .contains(let a, let b, _),
        .matches(let a, let b, _):
        visit(a)
        visit(b)
      case .member(let a, _, _): visit(a)
      }
    }
    visit(expr)
    return found
  }

  /// The protocol called `name` (its filter name: `ip`, `ipv6.fraghdr`).
  func protocolID(_ name: String, at location: SourceLocation) throws(LanguageError) -> ProtocolID {
    if let proto = Registry.protocols.first(where: { $0.name == name }) { return proto.id }
    throw LanguageError(
      .unknownName, "unknown protocol '\(name)' (`protocols` lists them)", at: location,
      suggestion: Suggestions.closest(to: name, in: Registry.protocols.map(\.name)))
  }

  /// `let name = value`: a filter or a value. A plain literal (`let
  /// server = 10.0.0.1`, `let m = "GET"`) takes its type where it is used;
  /// anything else is checked now, as a value (a test is one too), so that
  /// a misspelt field is reported at the `let`. The value is bound with
  /// the names it uses substituted: they keep the meaning they have now
  /// (`let a = a && udp` extends the old `a`).
  mutating func bind(_ name: String, to value: Expr) throws(LanguageError) {
    let resolved = try Checker.resolve(value, bindings)
    if !isPlainLiteral(resolved) { _ = try Checker(bindings: bindings).column(value) }
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
