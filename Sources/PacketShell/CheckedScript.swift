import PacketDissection
import PacketLanguage

/// A statement after checking: names resolved, filters compiled.
enum Action {
  case load(path: String)
  case filter(CompiledFilter?)
  case count(CompiledFilter?)
  case countBy(fields: [FieldID], where: CompiledFilter?)
  case print(fields: [FieldID], where: CompiledFilter?)
  case list(PacketRange?, where: CompiledFilter?)
  case show(PacketRange?)
  case hexdump(PacketRange?, mark: FieldID?)
  case layout(ProtocolID, PacketRange?)
  case fields(ProtocolID)
  case protocols
  case save(path: String, where: CompiledFilter?)
  /// `let` has done its work at check time; nothing runs.
  case none
  case help(topic: String?)
  case quit
  case interfaces
  case capture(CaptureRequest)
}

/// Checks every statement of a script before any of them runs, so that a
/// mistake on line 9 stops the script before line 1 loads a file.
///
/// `let` names carry over from one script (or REPL line) to the next.
public struct ScriptChecker {
  public private(set) var bindings: [String: Expr] = [:]
  /// A script must bound each capture (`count` or `for`); at the
  /// interactive prompt Ctrl-C ends it.
  var allowsUnboundedCapture = false

  public init() {}

  mutating func check(_ source: String) throws(LanguageError) -> [(Action, SourceLocation)] {
    let statements = try Parser.script(source)
    var checked: [(Action, SourceLocation)] = []
    for statement in statements {
      checked.append((try check(statement.command), statement.location))
    }
    return checked
  }

  private mutating func check(_ command: Command) throws(LanguageError) -> Action {
    let checker = Checker(bindings: bindings)
    func filter(_ expr: Expr?) throws(LanguageError) -> CompiledFilter? {
      guard let expr else { return nil }
      return CompiledFilter(try checker.test(expr))
    }
    func fields(_ exprs: [Expr]) throws(LanguageError) -> [FieldID] {
      var ids: [FieldID] = []
      for e in exprs { ids.append(try checker.field(e)) }
      return ids
    }
    switch command {
    case .load(let path): return .load(path: path)
    case .filter(let e): return .filter(try filter(e))
    case .count(let e): return .count(try filter(e))
    case .countBy(let f, let e): return .countBy(fields: try fields(f), where: try filter(e))
    case .print(let f, let e): return .print(fields: try fields(f), where: try filter(e))
    case .list(let r, let e): return .list(r, where: try filter(e))
    case .show(let r): return .show(r)
    case .hexdump(let r, let f): return .hexdump(r, mark: try f.map { e throws(LanguageError) in try checker.field(e) })
    case .save(let path, let e): return .save(path: path, where: try filter(e))
    case .layout(let name, let location, let packets): return .layout(try protocolID(name, at: location), packets)
    case .fields(let name, let location): return .fields(try protocolID(name, at: location))
    case .protocols: return .protocols
    case .letBinding(let name, let value):
      // A plain literal (`let server = 10.0.0.1`, `let m = "GET"`) takes
      // its type where it is used; anything else is checked now, so that a
      // misspelt field is reported at the `let`. The value is bound with
      // the names it uses substituted: they keep the meaning they have now
      // (`let a = a && udp` extends the old `a`).
      let resolved = try Checker.resolve(value, bindings)
      if !isPlainLiteral(resolved) { _ = try checker.test(value) }
      bindings[name] = resolved
      return .none
    case .help(let topic): return .help(topic: topic)
    case .quit: return .quit
    case .interfaces: return .interfaces
    case .capture(let command):
      if !command.explain && command.count == nil && command.seconds == nil && !allowsUnboundedCapture {
        throw LanguageError(
          .syntax, "a capture in a script needs count N or for SECONDS to end", at: command.location)
      }
      return .capture(CaptureRequest(command: command, filter: try filter(command.filter)))
    }
  }

  private func isPlainLiteral(_ value: Expr) -> Bool {
    switch value {
    case .string: return true
    case .word(let w, _), .negate(.word(let w, _), _): return Registry.field(named: w) == nil
    default: return false
    }
  }
}
