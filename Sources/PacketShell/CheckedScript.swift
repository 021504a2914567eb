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
  /// count F`): checked by their type now, read when what uses them runs.
  /// A `let` that holds one (`let share = n * 100 / total`) holds it by a
  /// key of its own (`n#1`), so that it keeps meaning that variable when
  /// `n` is bound again.
  public private(set) var variables: [String: ScriptVariable] = [:]
  /// Variables made so far, for their keys.
  private var made = 0
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
    return CompiledFilter(try checker.test(expr))
  }

  /// The field `expr` names (for `hexdump`).
  func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    try checker.field(expr)
  }

  /// The language's checker, with the `let` names in scope.
  var checker: Checker { Checker(bindings: bindings, variables: variables) }

  /// The values `exprs` give, compiled as the columns of `print` or the
  /// key of `count by`.
  func columns(_ exprs: [Expr]) throws(LanguageError) -> ValueColumns {
    ValueColumns(try values(exprs))
  }

  /// `exprs` checked as values (fields, arithmetic, functions, literals, tests).
  func values(_ exprs: [Expr]) throws(LanguageError) -> [CheckedValue] {
    let checker = checker
    var values: [CheckedValue] = []
    for e in exprs { values.append(try checker.column(e)) }
    return values
  }

  /// `exprs` checked for `echo`, `assert` and `if`, which have no packet:
  /// a field in them is a mistake, reported where it is written.
  func packetlessValues(_ exprs: [Expr], command: String = "echo") throws(LanguageError) -> PacketlessValues {
    var used: [ObjectIdentifier: ScriptVariable] = [:]
    for e in exprs {
      let resolved = try Checker.resolve(e, bindings)
      if let field = firstWord(in: resolved, where: { variables[$0] == nil && Registry.field(named: $0) != nil }) {
        throw LanguageError(
          .type, "\(command) has no packet to read '\(field.name)' from (print reads fields)", at: field.location)
      }
      visitWords(in: resolved) { word, _ in
        if let variable = variables[word] { used[ObjectIdentifier(variable)] = variable }
        return true
      }
    }
    return PacketlessValues(
      location: exprs[0].location, columns: ValueColumns(try values(exprs)),
      variables: used.values.sorted { $0.name < $1.name })
  }

  /// `expr` checked as the test of `assert` or `if`, which has no packet.
  func packetlessTest(_ expr: Expr, command: String) throws(LanguageError) -> PacketlessValues {
    let test = try packetlessValues([expr], command: command)
    guard try values([expr])[0].type == .boolean else {
      throw LanguageError(.type, "\(command) needs a test (n == 0), not a value", at: expr.location)
    }
    return test
  }

  /// The first word `expr` holds that passes `matching`, and where.
  private func firstWord(
    in expr: Expr, where matching: (String) -> Bool
  ) -> (name: String, location: SourceLocation)? {
    var found: (name: String, location: SourceLocation)?
    visitWords(in: expr) { name, location in
      if found == nil && matching(name) { found = (name, location) }
      return found == nil
    }
    return found
  }

  /// Calls `body` with each word of `expr` and where it is, until it answers false.
  private func visitWords(in expr: Expr, _ body: (String, SourceLocation) -> Bool) {
    var going = true
    func visit(_ e: Expr) {
      guard going else { return }
      switch e {
      case .word(let name, let location):
        going = body(name, location)
      case .string, .layer, .macro: break
      case .quantified(_, let base, _): visit(base)
      case .slice(let base, _, _), .not(let base, _), .negate(let base, _): visit(base)
      case .call(_, let arguments, _): arguments.forEach(visit)
      case .logical(_, let operands): operands.forEach(visit)
      case .compare(_, let a, let b, _), .arithmetic(_, let a, let b, _), .contains(let a, let b, _),
        .matches(let a, let b, _):
        visit(a)
        visit(b)
      case .member(let a, let elements, _):
        visit(a)
        for element in elements {
          switch element {
          case .value(let v): visit(v)
          case .range(let low, let high):
            visit(low)
            visit(high)
          }
        }
      }
    }
    visit(expr)
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
    var keys: [String: Expr] = [:]
    visitWords(in: value) { word, location in
      if let variable = variables[word] { keys[word] = .word(key(of: variable), location) }
      return true
    }
    let resolved = try Checker.resolve(value.substituting(keys), bindings)
    if !isPlainLiteral(resolved) { _ = try checker.column(value) }
    bindings[name] = resolved
    variables[name] = nil
  }

  /// `macro name = "text"`: `${name}` stands for the text from here on.
  mutating func defineMacro(_ name: String, as text: [UInt8]) {
    bindings[Expr.macroKey(name)] = .string(text, SourceLocation(line: 1, column: 1, offset: 0, length: 0))
  }

  /// `let name = count …` or `= stats …`: `name` has its value, of
  /// `type`, when the statement runs; it is that variable.
  mutating func bindAtRuntime(_ name: String, type: ValueType) -> ScriptVariable {
    made += 1
    let variable = ScriptVariable(name, number: made, type: type)
    bindings[name] = nil
    variables[name] = variable
    variables[key(of: variable)] = variable
    return variable
  }

  /// The word a `let` value holds `variable` by.
  private func key(of variable: ScriptVariable) -> String { "\(variable.name)#\(variable.number)" }

  private func isPlainLiteral(_ value: Expr) -> Bool {
    switch value {
    case .string: return true
    case .word(let w, _), .negate(.word(let w, _), _): return Registry.field(named: w) == nil
    default: return false
    }
  }
}
