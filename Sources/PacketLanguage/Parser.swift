/// Parses scripts into statements and filters into expressions.
///
/// Precedence, loosest first, as in Wireshark: `||`, `^^`, `&&`, `!`,
/// comparisons (`==`, `contains`, `in`, ...), `&`, `+ -`, `* / %`, unary
/// `-`, slices and calls.
///
/// Nesting is limited (`maximumNesting`): text nested deeper is a located
/// error, so that no later stage's recursion can exhaust the stack.
public struct Parser {
  private var tokens: [Token]
  private var position = 0
  /// How deeply the expression being parsed nests so far.
  private var nesting = 0

  /// How deeply an expression may nest: each parenthesis, `!`, unary `-`
  /// and function call counts one level, and so does each operator of a
  /// chain of `+ - * / % &` or of slices, since those nest in the tree.
  /// (`||`, `^^` and `&&` chains do not: a chain is one node.) tshark
  /// refuses somewhat fewer than 100 parentheses.
  public static let maximumNesting = 100

  public init(_ source: String) throws(LanguageError) {
    var lexer = Lexer(source)
    tokens = try lexer.tokens()
  }

  /// Parses a whole script: statements separated by newlines or `;`.
  public static func script(_ source: String) throws(LanguageError) -> [Statement] {
    var parser = try Parser(source)
    var statements: [Statement] = []
    while true {
      while parser.peek.kind == .separator { parser.position += 1 }
      if parser.peek.kind == .end { return statements }
      statements.append(try parser.statement())
    }
  }

  /// Parses one filter expression (all of `source`).
  public static func expression(_ source: String) throws(LanguageError) -> Expr {
    var parser = try Parser(source)
    let expr = try parser.expression()
    try parser.expectEndOfStatement()
    return expr
  }

  // MARK: Statements

  private mutating func statement() throws(LanguageError) -> Statement {
    let first = advance()
    guard case .word(let name) = first.kind else {
      throw LanguageError(.syntax, "expected a command, found \(describe(first))", at: first.location)
    }
    let command: Command
    switch name {
    case "load":
      command = .load(path: try path(after: "load"))
    case "filter":
      command = .filter(atStatementEnd ? nil : try expression())
    case "count":
      if isWord("by") {
        position += 1
        let fields = try list()
        command = .countBy(fields: fields, where: try whereClause())
      } else {
        command = .count(atStatementEnd ? nil : try expression())
      }
    case "print":
      let fields = try list()
      command = .print(fields: fields, where: try whereClause())
    case "list":
      let range = try packetRange()
      command = .list(range, where: try whereClause())
    case "show":
      command = .show(try packetRange())
    case "hexdump":
      let range = try packetRange()
      command = .hexdump(range, field: atStatementEnd ? nil : try expression())
    case "layout":
      let (proto, location) = try protocolName(after: name)
      command = .layout(protocol: proto, at: location, packets: try packetRange())
    case "fields":
      let (proto, location) = try protocolName(after: name)
      command = .fields(protocol: proto, at: location)
    case "protocols":
      command = .protocols
    case "save":
      let target = try path(after: "save")
      command = .save(path: target, where: try whereClause())
    case "let":
      let nameToken = advance()
      guard case .word(let variable) = nameToken.kind, variable.first?.isLetter == true,
        !variable.contains(".")
      else {
        throw LanguageError(.syntax, "let needs a name (letters, digits, _)", at: nameToken.location)
      }
      guard peek.kind == .op("=") else {
        throw LanguageError(.syntax, "expected '=' after let \(variable)", at: peek.location)
      }
      position += 1
      command = .letBinding(name: variable, value: try expression())
    case "help":
      var topic: String?
      if case .word(let t) = peek.kind {
        topic = t
        position += 1
      }
      command = .help(topic: topic)
    case "quit", "exit":
      command = .quit
    case "interfaces":
      command = .interfaces
    case "capture":
      command = .capture(try capture())
    default:
      throw LanguageError(
        .unknownCommand, "unknown command '\(name)'", at: first.location,
        suggestion: Suggestions.closest(to: name, in: Parser.commands))
    }
    try expectEndOfStatement()
    return Statement(command: command, location: first.location)
  }

  public static let commands = [
    "load", "filter", "count", "print", "list", "show", "hexdump", "save", "let", "help", "quit", "exit",
    "layout", "fields", "protocols",
    "interfaces", "capture",
  ]

  static let captureClauses = ["count", "for", "where", "quiet", "promisc", "explain"]

  /// The interface, then `count N`, `for SECONDS`, `where EXPR`, `quiet`,
  /// `promisc`, `explain` in any order.
  private mutating func capture() throws(LanguageError) -> CaptureCommand {
    let name = advance()
    var command: CaptureCommand
    switch name.kind {
    case .word(let word) where !Parser.captureClauses.contains(word):
      command = CaptureCommand(interface: word, location: name.location)
    case .string(let bytes):
      command = CaptureCommand(interface: String(decoding: bytes, as: UTF8.self), location: name.location)
    default:
      throw LanguageError(.syntax, "capture needs an interface name (or any)", at: name.location)
    }
    while !atStatementEnd {
      let clause = advance()
      guard case .word(let word) = clause.kind else {
        throw LanguageError(.syntax, "unexpected \(describe(clause))", at: clause.location)
      }
      switch word {
      case "count":
        let token = advance()
        guard case .word(let text) = token.kind, let n = Int(text), n > 0 else {
          throw LanguageError(.syntax, "count needs a number of packets", at: token.location)
        }
        command.count = n
      case "for":
        let token = advance()
        guard case .word(let text) = token.kind, let seconds = Parser.seconds(text) else {
          throw LanguageError(.syntax, "for needs a duration: seconds (2.5) or 500ms, 10s, 5m, 1h", at: token.location)
        }
        command.seconds = seconds
      case "where": command.filter = try expression()
      case "quiet": command.quiet = true
      case "promisc": command.promiscuous = true
      case "explain": command.explain = true
      default:
        throw LanguageError(
          .syntax, "unexpected '\(word)'; capture takes count N, for SECONDS, where EXPR, quiet, promisc, explain",
          at: clause.location, suggestion: Suggestions.closest(to: word, in: Parser.captureClauses))
      }
    }
    return command
  }

  /// `2.5` (seconds) or a number with a unit: `500ms`, `10s`, `5m`, `1h`;
  /// nil unless positive and finite.
  static func seconds(_ text: String) -> Double? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = Substring(text)
    var scale = 1.0
    if let (suffix, factor) = units.first(where: { text.hasSuffix($0.0) }) {
      number = number.dropLast(suffix.count)
      scale = factor
    }
    guard let value = Double(number), value.isFinite, value > 0 else { return nil }
    return value * scale
  }

  private mutating func path(after command: String) throws(LanguageError) -> String {
    let token = advance()
    switch token.kind {
    case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .word(let word): return word
    default:
      throw LanguageError(.syntax, "\(command) needs a file path", at: token.location)
    }
  }

  /// The protocol name after `layout` or `fields`, and where it was written.
  private mutating func protocolName(after command: String) throws(LanguageError) -> (String, SourceLocation) {
    let token = advance()
    guard case .word(let word) = token.kind else {
      throw LanguageError(.syntax, "\(command) needs a protocol name (`protocols` lists them)", at: token.location)
    }
    return (word, token.location)
  }

  private mutating func list() throws(LanguageError) -> [Expr] {
    var items = [try expression()]
    while peek.kind == .op(",") {
      position += 1
      items.append(try expression())
    }
    return items
  }

  private mutating func whereClause() throws(LanguageError) -> Expr? {
    guard isWord("where") else { return nil }
    position += 1
    return try expression()
  }

  /// `5`, `10-20`, `1,3,7-9`; nil when the next token is not a range.
  private mutating func packetRange() throws(LanguageError) -> PacketRange? {
    var spans: [ClosedRange<Int>] = []
    while case .word(let text) = peek.kind, let span = Parser.span(text) {
      spans.append(span)
      position += 1
      guard peek.kind == .op(","), position + 1 < tokens.count,
        case .word(let nextText) = tokens[position + 1].kind, Parser.span(nextText) != nil
      else { break }
      position += 1
    }
    return spans.isEmpty ? nil : PacketRange(spans: spans)
  }

  static func span(_ text: String) -> ClosedRange<Int>? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count <= 2, let low = Int(parts[0]), low >= 1 else { return nil }
    guard parts.count == 2 else { return low...low }
    guard let high = Int(parts[1]), high >= low else { return nil }
    return low...high
  }

  // MARK: Expressions

  public mutating func expression() throws(LanguageError) -> Expr { try or() }

  private mutating func or() throws(LanguageError) -> Expr {
    var operands = [try xor()]
    while eat(op: "||", word: "or") { operands.append(try xor()) }
    return operands.count == 1 ? operands[0] : .logical(.or, operands)
  }

  private mutating func xor() throws(LanguageError) -> Expr {
    var operands = [try and()]
    while eat(op: "^^", word: "xor") { operands.append(try and()) }
    return operands.count == 1 ? operands[0] : .logical(.xor, operands)
  }

  private mutating func and() throws(LanguageError) -> Expr {
    var operands = [try not()]
    while eat(op: "&&", word: "and") { operands.append(try not()) }
    return operands.count == 1 ? operands[0] : .logical(.and, operands)
  }

  private mutating func not() throws(LanguageError) -> Expr {
    let location = peek.location
    if eat(op: "!", word: "not") {
      try nest(at: location)
      defer { nesting -= 1 }
      return .not(try not(), location)
    }
    return try relation()
  }

  static let comparisonWords: [String: CompareOp] = [
    "eq": .equal, "ne": .notEqual, "lt": .less, "gt": .greater, "le": .lessOrEqual,
    "ge": .greaterOrEqual, "any_eq": .equal, "all_ne": .notEqual, "all_eq": .allEqual,
    "any_ne": .anyNotEqual,
  ]

  private mutating func relation() throws(LanguageError) -> Expr {
    let left = try bitAnd()
    let token = peek
    switch token.kind {
    case .op(let op):
      if let compare = CompareOp(rawValue: op) {
        position += 1
        return .compare(compare, left, try bitAnd(), token.location)
      }
      if op == "~" {
        position += 1
        return .matches(left, try bitAnd(), token.location)
      }
    case .word(let word):
      if let compare = Parser.comparisonWords[word] {
        position += 1
        return .compare(compare, left, try bitAnd(), token.location)
      }
      if word == "contains" {
        position += 1
        return .contains(left, try bitAnd(), token.location)
      }
      if word == "matches" {
        position += 1
        return .matches(left, try bitAnd(), token.location)
      }
      if word == "in" {
        position += 1
        return .member(left, try set(), token.location)
      }
    default:
      break
    }
    return left
  }

  private mutating func set() throws(LanguageError) -> [SetElement] {
    let open = advance()
    guard open.kind == .op("{") else {
      throw LanguageError(.syntax, "expected '{' to start a set", at: open.location)
    }
    var elements: [SetElement] = []
    while peek.kind != .op("}") {
      let token = peek
      // `8000..8080` arrives as one word; `a .. b` as three tokens.
      if case .word(let text) = token.kind, let dots = text.range(of: ".."),
        !text[..<dots.lowerBound].isEmpty, !text[dots.upperBound...].isEmpty
      {
        position += 1
        let lowText = String(text[..<dots.lowerBound])
        let highText = String(text[dots.upperBound...])
        var low = token.location
        low.length = lowText.utf8.count
        var high = token.location
        high.offset += lowText.utf8.count + 2
        high.column += lowText.utf8.count + 2
        high.length = highText.utf8.count
        elements.append(.range(.word(lowText, low), .word(highText, high)))
      } else {
        let value = try bitAnd()
        if peek.kind == .op("..") {
          position += 1
          elements.append(.range(value, try bitAnd()))
        } else {
          elements.append(.value(value))
        }
      }
      if peek.kind == .op(",") {
        position += 1
      } else if peek.kind != .op("}") {
        throw LanguageError(.syntax, "expected ',' or '}' in the set", at: peek.location)
      }
    }
    position += 1
    guard !elements.isEmpty else {
      throw LanguageError(.syntax, "a set needs at least one element", at: open.location)
    }
    return elements
  }

  private mutating func bitAnd() throws(LanguageError) -> Expr {
    let outer = nesting
    defer { nesting = outer }
    var left = try additive()
    while peek.kind == .op("&") {
      let location = advance().location
      try nest(at: location)
      left = .arithmetic(.bitAnd, left, try additive(), location)
    }
    return left
  }

  private mutating func additive() throws(LanguageError) -> Expr {
    let outer = nesting
    defer { nesting = outer }
    var left = try multiplicative()
    while case .op(let text) = peek.kind, let op = ArithmeticOp(rawValue: text), op == .add || op == .subtract {
      let location = advance().location
      try nest(at: location)
      left = .arithmetic(op, left, try multiplicative(), location)
    }
    return left
  }

  private mutating func multiplicative() throws(LanguageError) -> Expr {
    let outer = nesting
    defer { nesting = outer }
    var left = try unary()
    while case .op(let text) = peek.kind, let op = ArithmeticOp(rawValue: text),
      op == .multiply || op == .divide || op == .modulo
    {
      let location = advance().location
      try nest(at: location)
      left = .arithmetic(op, left, try unary(), location)
    }
    return left
  }

  private mutating func unary() throws(LanguageError) -> Expr {
    if peek.kind == .op("-") {
      let location = advance().location
      try nest(at: location)
      defer { nesting -= 1 }
      return .negate(try unary(), location)
    }
    return try postfix()
  }

  private mutating func postfix() throws(LanguageError) -> Expr {
    let outer = nesting
    defer { nesting = outer }
    var expr = try primary()
    while case .slice(let text) = peek.kind {
      let location = advance().location
      try nest(at: location)
      expr = .slice(expr, text, location)
    }
    return expr
  }

  private mutating func primary() throws(LanguageError) -> Expr {
    let token = advance()
    switch token.kind {
    case .word(let word):
      if peek.kind == .op("("), peek.location.offset == token.location.offset + token.location.length {
        position += 1
        try nest(at: token.location)
        defer { nesting -= 1 }
        var arguments: [Expr] = []
        if peek.kind != .op(")") {
          arguments.append(try expression())
          while peek.kind == .op(",") {
            position += 1
            arguments.append(try expression())
          }
        }
        let close = advance()
        guard close.kind == .op(")") else {
          throw LanguageError(.syntax, "expected ')' after the arguments of \(word)", at: close.location)
        }
        return .call(word, arguments, token.location.through(close.location))
      }
      return .word(word, token.location)
    case .string(let bytes):
      return .string(bytes, token.location)
    case .op("("):
      try nest(at: token.location)
      defer { nesting -= 1 }
      let inner = try expression()
      let close = advance()
      guard close.kind == .op(")") else {
        throw LanguageError(.syntax, "expected ')'", at: close.location)
      }
      return inner
    default:
      throw LanguageError(.syntax, "expected a field or a value, found \(describe(token))", at: token.location)
    }
  }

  // MARK: Helpers

  /// Goes one level deeper, or refuses past `maximumNesting`.
  private mutating func nest(at location: SourceLocation) throws(LanguageError) {
    nesting += 1
    guard nesting <= Parser.maximumNesting else {
      throw LanguageError(.syntax, "expression nested too deeply (limit \(Parser.maximumNesting))", at: location)
    }
  }

  private var peek: Token { tokens[min(position, tokens.count - 1)] }

  private mutating func advance() -> Token {
    let token = peek
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private var atStatementEnd: Bool { peek.kind == .separator || peek.kind == .end }

  private func isWord(_ word: String) -> Bool { peek.kind == .word(word) }

  private mutating func eat(op: String, word: String) -> Bool {
    if peek.kind == .op(op) || peek.kind == .word(word) {
      position += 1
      return true
    }
    return false
  }

  private mutating func expectEndOfStatement() throws(LanguageError) {
    guard atStatementEnd else {
      throw LanguageError(.syntax, "unexpected \(describe(peek))", at: peek.location)
    }
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .word(let w): "'\(w)'"
    case .string: "a string"
    case .slice(let s): "'[\(s)]'"
    case .op(let o): "'\(o)'"
    case .separator: "the end of the statement"
    case .end: "the end of the input"
    }
  }
}
