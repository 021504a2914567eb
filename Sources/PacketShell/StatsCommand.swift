import PacketDissection
import PacketLanguage

/// `stats AGG, AGG… [by E, E…] [where F] [every DURATION] [top N]` as
/// written; the clauses after the aggregates in any order.
struct StatsCommand {
  /// What an aggregate computes over a group's packets.
  enum Function: String, CaseIterable, Sendable {
    /// Packets in the group.
    case count
    /// Of every value in the group's packets (a field that occurs twice
    /// in a packet adds both occurrences, as tshark's `io,stat` does).
    case sum, avg, min, max
    /// Distinct values.
    case distinct
  }

  struct Aggregate {
    var function: Function
    /// The value it reads; nil for `count`.
    var argument: Expr?
    /// The aggregate as written, for a table's header.
    var text: String
  }

  var aggregates: [Aggregate] = []
  var by: [Expr] = []
  var filter: Expr?
  /// The width of a time interval, in nanoseconds.
  var every: Int64?
  var top: Int?

  static let clauses = ["by", "where", "every", "top"]

  static func parse(_ parser: inout Parser) throws(LanguageError) -> StatsCommand {
    var command = StatsCommand()
    command.aggregates.append(try aggregate(&parser))
    while parser.peek.kind == .op(",") {
      _ = parser.advance()
      command.aggregates.append(try aggregate(&parser))
    }
    while !parser.atStatementEnd {
      let clause = parser.advance()
      guard case .word(let word) = clause.kind else {
        throw LanguageError(.syntax, "unexpected \(parser.describe(clause))", at: clause.location)
      }
      switch word {
      case "by": command.by = try parser.expressionList()
      case "where": command.filter = try parser.expression()
      case "every":
        let token = parser.advance()
        guard case .word(let text) = token.kind, let seconds = CaptureCommand.seconds(text),
          case let nanoseconds = (seconds * 1e9).rounded(), nanoseconds >= 1, nanoseconds < 1e18
        else {
          throw LanguageError(.syntax, "every needs a duration: seconds (2.5) or 100ms, 1s, 5m, 1h", at: token.location)
        }
        command.every = Int64(nanoseconds)
      case "top":
        let token = parser.advance()
        guard case .word(let text) = token.kind, let n = Int(text), n > 0 else {
          throw LanguageError(.syntax, "top needs a number of rows", at: token.location)
        }
        command.top = n
      default:
        throw LanguageError(
          .syntax, "unexpected '\(word)'; stats takes by E, where EXPR, every DURATION, top N after its aggregates",
          at: clause.location, suggestion: Suggestions.closest(to: word, in: clauses))
      }
    }
    return command
  }

  /// `count`, or `sum(E)`, `avg(E)`, `min(E)`, `max(E)`, `distinct(E)`.
  private static func aggregate(_ parser: inout Parser) throws(LanguageError) -> Aggregate {
    let names = Function.allCases.map(\.rawValue)
    let token = parser.advance()
    guard case .word(let name) = token.kind, let function = Function(rawValue: name) else {
      let word = if case .word(let w) = token.kind { w } else { "" }
      throw LanguageError(
        .syntax, "expected an aggregate (\(names.joined(separator: ", "))), found \(parser.describe(token))",
        at: token.location, suggestion: Suggestions.closest(to: word, in: names))
    }
    if function == .count {
      guard parser.peek.kind == .op("(") else { return Aggregate(function: .count, text: "count") }
      throw LanguageError(
        .syntax, "stats' count counts packets and takes no argument (sum(count(F)) adds up occurrences)",
        at: parser.peek.location)
    }
    guard parser.advance().kind == .op("(") else {
      throw LanguageError(.syntax, "\(name) needs a value in parentheses: \(name)(frame.len)", at: token.location)
    }
    let argument = try parser.expression()
    let close = parser.advance()
    guard close.kind == .op(")") else {
      throw LanguageError(.syntax, "expected ')' after the argument of \(name)", at: close.location)
    }
    return Aggregate(function: function, argument: argument, text: "\(name)(\(written(argument)))")
  }

  /// The checked command: values compiled, `sum(ip.src)` refused.
  func check(_ checker: inout ScriptChecker) throws(LanguageError) -> StatsQuery {
    let values = checker.checker
    var checkedAggregates: [StatsQuery.Aggregate] = []
    for aggregate in aggregates {
      guard let argument = aggregate.argument else {
        checkedAggregates.append(StatsQuery.Aggregate(function: aggregate.function, value: nil))
        continue
      }
      let value = StatsValue(try values.column(argument))
      if aggregate.function != .distinct && !value.isNumeric {
        throw LanguageError(
          .type, "\(aggregate.function.rawValue) needs a number, not \(value.checked.type)", at: argument.location)
      }
      checkedAggregates.append(StatsQuery.Aggregate(function: aggregate.function, value: value))
    }
    var groupValues: [StatsValue] = []
    for e in by { groupValues.append(StatsValue(try values.column(e))) }
    return StatsQuery(
      aggregates: checkedAggregates, by: groupValues, filter: try checker.filter(filter), every: every, top: top,
      headers: (every == nil ? [] : ["time"]) + by.map(StatsCommand.written) + aggregates.map(\.text))
  }

  /// The checked command, for `let NAME = stats …` (`stats` written at
  /// `location`): it must give one number, so one aggregate, with no `by`
  /// or `every`.
  func checkOneNumber(_ checker: inout ScriptChecker, at location: SourceLocation) throws(LanguageError)
    -> StatsQuery
  {
    let problem =
      aggregates.count > 1 ? "\(aggregates.count) aggregates" : !by.isEmpty ? "a row for each value of by"
      : every != nil ? "a row for each interval of every" : nil
    if let problem {
      throw LanguageError(
        .type, "let takes the one number a stats gives, and this one gives \(problem)",
        at: by.first.map { location.through($0.location) } ?? location)
    }
    return try check(&checker)
  }

  /// An expression as it was written, near enough for a column's header.
  static func written(_ expr: Expr) -> String {
    switch expr {
    case .word(let w, _): w
    case .layer(let w, let layers, _): w + "#" + (layers.allSatisfy(\.isNumber) ? layers : "[" + layers + "]")
    case .macro(let name, let arguments, _): "${" + name + (arguments.isEmpty ? "" : ":" + arguments.joined(separator: ";")) + "}"
    case .quantified(let q, let inner, _): q.rawValue + " " + written(inner)
    case .string(let bytes, _):
      "\"" + String(decoding: bytes, as: UTF8.self).replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    case .slice(let base, let ranges, _): written(base) + "[" + ranges + "]"
    case .call(let name, let arguments, _): name + "(" + arguments.map(written).joined(separator: ", ") + ")"
    case .not(let inner, _): "!" + written(inner)
    case .negate(let inner, _): "-" + written(inner)
    case .logical(let op, let operands):
      operands.map(written).joined(separator: op == .and ? " && " : op == .or ? " || " : " ^^ ")
    case .compare(let op, let a, let b, _): written(a) + " " + op.rawValue + " " + written(b)
    case .arithmetic(let op, let a, let b, _): written(a) + " " + op.rawValue + " " + written(b)
    case .contains(let a, let b, _): written(a) + " contains " + written(b)
    case .matches(let a, let b, _): written(a) + " matches " + written(b)
    case .member(let a, _, _): written(a) + " in {…}"
    }
  }
}

/// A checked `stats`: what the session runs.
struct StatsQuery {
  struct Aggregate {
    var function: StatsCommand.Function
    var value: StatsValue?

    /// The type of its number, as `let` keeps it: a time offset's sum,
    /// average, minimum or maximum is one too; an average of integers is
    /// a decimal.
    var resultType: ValueType {
      let seconds = value?.isTimeOffset ?? false
      switch function {
      case .count, .distinct: return .integer
      case .sum, .min, .max: return seconds ? .relativeTime : .integer
      case .avg: return seconds ? .relativeTime : .decimal
      }
    }
  }

  var aggregates: [Aggregate]
  var by: [StatsValue]
  var filter: CompiledFilter?
  /// The width of a time interval, in nanoseconds.
  var every: Int64?
  var top: Int?
  /// The columns' headers: `time` with `every`, then the `by` values and
  /// the aggregates as written.
  var headers: [String]

  /// Its values: the `by` values, then each aggregate's (nil for `count`).
  var columns: [StatsValue?] { by + aggregates.map(\.value) }

  /// Every field the values read, for the dissector to record.
  var fields: [FieldID] {
    Array(Set(by.flatMap(\.fields) + aggregates.flatMap { $0.value?.fields ?? [] })).sorted()
  }
}
