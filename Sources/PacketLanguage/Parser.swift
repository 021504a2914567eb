/// Parses filter expressions, and splits scripts into statements.
///
/// The shell reads each statement's command and arguments itself (its
/// command table), through this parser's cursor: `peek`, `advance`,
/// `expression()`.
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
  /// How many `{ … }` blocks of statements the parser stands in.
  private var blocks = 0

  /// How deeply an expression may nest: each parenthesis, `!`, unary `-`
  /// and function call counts one level, and so does each operator of a
  /// chain of `+ - * / % &` or of slices, since those nest in the tree.
  /// (`||`, `^^` and `&&` chains do not: a chain is one node.) tshark
  /// refuses somewhat fewer than 100 parentheses.
  public static let maximumNesting = 100

  /// How deeply blocks of statements (`if E { … }`) may nest.
  public static let maximumBlockNesting = 50

  /// `arguments` are the script's `$1`, `$2`, … (see `Lexer`).
  public init(_ source: String, arguments: [String]? = nil) throws(LanguageError) {
    var lexer = Lexer(source, arguments: arguments)
    tokens = try lexer.tokens()
  }

  /// Parses a whole script: statements separated by newlines or `;`.
  /// `statement` reads one statement from its first token (the parser
  /// stands on it) and must leave the parser at the statement's end;
  /// anything left before the separator is an error.
  public static func script<Statement>(
    _ source: String, arguments: [String]? = nil, statement: (inout Parser) throws(LanguageError) -> Statement
  ) throws(LanguageError) -> [Statement] {
    var parser = try Parser(source, arguments: arguments)
    var statements: [Statement] = []
    while true {
      while parser.peek.kind == .separator { parser.position += 1 }
      if parser.peek.kind == .end { return statements }
      statements.append(try statement(&parser))
      try parser.expectEndOfStatement()
    }
  }

  /// Parses a block, `{ statements }`, with `statement` as `script` does;
  /// the statements are separated by newlines or `;`, and `}` ends the
  /// last. Blocks nest up to `maximumBlockNesting`.
  public mutating func block<Statement>(
    _ statement: (inout Parser) throws(LanguageError) -> Statement
  ) throws(LanguageError) -> [Statement] {
    let open = advance()
    guard open.kind == .op("{") else {
      throw LanguageError(.syntax, "expected '{' to open a block, found \(describe(open))", at: open.location)
    }
    guard blocks < Parser.maximumBlockNesting else {
      throw LanguageError(.syntax, "blocks nested too deeply (limit \(Parser.maximumBlockNesting))", at: open.location)
    }
    blocks += 1
    defer { blocks -= 1 }
    var statements: [Statement] = []
    while true {
      while peek.kind == .separator { position += 1 }
      if peek.kind == .op("}") {
        position += 1
        return statements
      }
      if peek.kind == .end {
        throw LanguageError(.syntax, "this '{' has no '}' to close it", at: open.location)
      }
      statements.append(try statement(&self))
      try expectEndOfStatement()
    }
  }

  /// Whether the next word, past any newlines, is `word` (`else` after a
  /// block's `}`); if so the parser moves to it.
  public mutating func continues(with word: String) -> Bool {
    var next = min(position, tokens.count - 1)
    while next < tokens.count - 1 && tokens[next].kind == .separator { next += 1 }
    guard tokens[next].kind == .word(word) else { return false }
    position = next
    return true
  }

  /// Parses one filter expression (all of `source`).
  public static func expression(_ source: String) throws(LanguageError) -> Expr {
    var parser = try Parser(source)
    let expr = try parser.expression()
    try parser.expectEndOfStatement()
    return expr
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
    // `any tcp.port > 1024`, `all ip.ttl < 64`: a quantifier before the relation.
    if case .word(let word) = peek.kind, let quantifier = Quantifier(rawValue: word), startsValue(peekSecond) {
      let location = advance().location
      let inner = try relation()
      return .quantified(quantifier, inner, location.through(inner.location))
    }
    let left = try bitAnd()
    let token = peek
    switch token.kind {
    case .op(let op):
      if let compare = CompareOp(rawValue: op) {
        position += 1
        return .compare(compare, left, try bitAnd(), token.location)
      }
      if op == "~=" {
        position += 1
        return .compare(.anyNotEqual, left, try bitAnd(), token.location)
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
      if word == "not", peekSecond.kind == .word("in") {
        position += 2
        return .not(.member(left, try set(), token.location), token.location)
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
        // `0.1...7` is no range (tshark refuses it too): which dots are whose?
        guard !lowText.hasSuffix("."), !highText.hasPrefix(".") else {
          throw LanguageError(.syntax, "'\(text)' is not a range: write low..high", at: token.location)
        }
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
    // Unary plus changes nothing (`tcp.port == +80`).
    if peek.kind == .op("+") {
      let location = advance().location
      try nest(at: location)
      defer { nesting -= 1 }
      return try unary()
    }
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
      if case .layer(let layers) = peek.kind {
        let operatorLocation = advance().location
        return .layer(word, layers, token.location.through(operatorLocation))
      }
      return .word(word, token.location)
    case .string(let bytes):
      return .string(bytes, token.location)
    case .macro(let name, let arguments):
      return .macro(name, arguments, token.location)
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

  /// Whether `token` can start a value (so a word before it is a quantifier).
  private func startsValue(_ token: Token) -> Bool {
    switch token.kind {
    case .word(let w): Parser.comparisonWords[w] == nil && !["contains", "matches", "in", "and", "or", "xor", "not"].contains(w)
    case .string, .macro: true
    case .op(let o): o == "("
    default: false
    }
  }

  /// Goes one level deeper, or refuses past `maximumNesting`.
  private mutating func nest(at location: SourceLocation) throws(LanguageError) {
    nesting += 1
    guard nesting <= Parser.maximumNesting else {
      throw LanguageError(.syntax, "expression nested too deeply (limit \(Parser.maximumNesting))", at: location)
    }
  }

  /// The next token (the end, once there are no more).
  public var peek: Token { tokens[min(position, tokens.count - 1)] }

  /// The token after the next one.
  public var peekSecond: Token { tokens[min(position + 1, tokens.count - 1)] }

  /// Takes the next token (the end stays the end).
  public mutating func advance() -> Token {
    let token = peek
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  /// At a newline, `;`, the end, or the `}` that closes a block.
  public var atStatementEnd: Bool {
    peek.kind == .separator || peek.kind == .end || (blocks > 0 && peek.kind == .op("}"))
  }

  public func isWord(_ word: String) -> Bool { peek.kind == .word(word) }

  private mutating func eat(op: String, word: String) -> Bool {
    if peek.kind == .op(op) || peek.kind == .word(word) {
      position += 1
      return true
    }
    return false
  }

  public mutating func expectEndOfStatement() throws(LanguageError) {
    guard atStatementEnd else {
      throw LanguageError(.syntax, "unexpected \(describe(peek))", at: peek.location)
    }
  }

  /// A token as error messages name it: `'udp'`, `a string`.
  public func describe(_ token: Token) -> String {
    switch token.kind {
    case .word(let w): "'\(w)'"
    case .string: "a string"
    case .slice(let s): "'[\(s)]'"
    case .layer(let s): "'#\(s)'"
    case .macro(let name, _): "'${\(name)}'"
    case .op(let o): "'\(o)'"
    case .separator: "the end of the statement"
    case .end: "the end of the input"
    }
  }
}
