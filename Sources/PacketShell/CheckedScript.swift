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
  /// `let` names whose value a command gives when it runs (`let n =
  /// count F`). Until then they are bound to an integer placeholder, so
  /// that what uses them is type-checked; only `echo` and `assert`, which
  /// are evaluated when they run, may use them.
  private(set) var runtimeNames: Set<String> = []
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
    try refuseRuntimeNames(in: expr)
    return CompiledFilter(try Checker(bindings: bindings).test(expr))
  }

  /// The field `expr` names (for `hexdump`).
  func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    try refuseRuntimeNames(in: expr)
    return try Checker(bindings: bindings).field(expr)
  }

  /// The values `exprs` give, compiled as the columns of `print` or the
  /// key of `count by`.
  func columns(_ exprs: [Expr]) throws(LanguageError) -> ValueColumns {
    ValueColumns(try values(exprs))
  }

  /// `exprs` checked as values (fields, arithmetic, functions, literals, tests).
  func values(_ exprs: [Expr]) throws(LanguageError) -> [CheckedValue] {
    for e in exprs { try refuseRuntimeNames(in: e) }
    return try packetlessChecked(exprs)
  }

  private func packetlessChecked(_ exprs: [Expr]) throws(LanguageError) -> [CheckedValue] {
    let checker = Checker(bindings: bindings)
    var values: [CheckedValue] = []
    for e in exprs { values.append(try checker.column(e)) }
    return values
  }

  /// A name that has a value only when the script runs is refused where
  /// an expression is compiled before it runs.
  private func refuseRuntimeNames(in expr: Expr) throws(LanguageError) {
    if let found = firstWord(in: expr, where: runtimeNames.contains) {
      throw LanguageError(
        .type, "'\(found.name)' has its value only when the script runs: use it in echo or assert",
        at: found.location)
    }
  }

  /// `exprs` checked for `echo`, which has no packet: a field in them is
  /// a mistake, reported where it is written.
  func packetlessValues(_ exprs: [Expr], command: String = "echo") throws(LanguageError) -> PacketlessValues {
    for e in exprs {
      if let field = firstWord(in: try Checker.resolve(e, bindings), where: { Registry.field(named: $0) != nil }) {
        throw LanguageError(
          .type, "\(command) has no packet to read '\(field.name)' from (print reads fields)", at: field.location)
      }
    }
    let values = try packetlessChecked(exprs)
    var later = bindings
    for name in runtimeNames { later[name] = nil }
    var resolved: [Expr] = []
    for e in exprs { resolved.append(try Checker.resolve(e, later)) }
    return PacketlessValues(
      exprs: resolved, checked: values,
      runtimeNames: runtimeNames.filter { name in resolved.contains { firstWord(in: $0, where: { $0 == name }) != nil } }
        .sorted())
  }

  /// The first word `expr` holds that passes `matching`, and where.
  private func firstWord(
    in expr: Expr, where matching: (String) -> Bool
  ) -> (name: String, location: SourceLocation)? {
    var found: (name: String, location: SourceLocation)?
    func visit(_ e: Expr) {
      guard found == nil else { return }
      switch e {
      case .word(let name, let location):
        if matching(name) { found = (name, location) }
      case .string, .layer, .macro: break
      case .quantified(_, let base, _): visit(base)
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
    try refuseRuntimeNames(in: value)
    let resolved = try Checker.resolve(value, bindings)
    if !isPlainLiteral(resolved) { _ = try Checker(bindings: bindings).column(value) }
    bindings[name] = resolved
    runtimeNames.remove(name)
  }

  /// `macro name = "text"`: `${name}` stands for the text from here on.
  mutating func defineMacro(_ name: String, as text: [UInt8]) {
    bindings[Expr.macroKey(name)] = .string(text, SourceLocation(line: 1, column: 1, offset: 0, length: 0))
  }

  /// `let name = count …`: `name` has its value when the statement runs.
  mutating func bindAtRuntime(_ name: String, at location: SourceLocation) {
    bindings[name] = .word("0", location)
    runtimeNames.insert(name)
  }

  private func isPlainLiteral(_ value: Expr) -> Bool {
    switch value {
    case .string: return true
    case .word(let w, _), .negate(.word(let w, _), _): return Registry.field(named: w) == nil
    default: return false
    }
  }
}
