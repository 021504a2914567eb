import PacketDissection

/// Type-checks a parsed expression into its checked form, once.
///
/// Wireshark's semantics: a field alone tests presence; `==`, `<`, `in`,
/// `contains`, `matches` hold when any occurrence satisfies them; `!=` only
/// when none is equal; `===` when all are equal; `!==` when any is not.
/// Literals take the type of what they are compared with.
///
/// `let` names are substituted first (see `Expr.substituting`), and the
/// result must lie within `ExpressionLimits`; any expression at all,
/// parsed or built, checks or fails with a `LanguageError`.
public struct Checker {
  /// `let` names in scope, already checked, their values already substituted.
  public var bindings: [String: Expr]
  /// `let` names whose value is known only when the script runs, by name
  /// (never also in `bindings`), and by the keys that `let` values holding
  /// them use instead (`n#1`: `#` is in no word as written).
  public var variables: [String: ScriptVariable]

  /// Whether a literal alone is a value (`print 5`, `echo "total"`): so in
  /// what a command prints, but not in a filter, where a lone word names a field.
  private var literalsAreValues = false

  public init(bindings: [String: Expr] = [:], variables: [String: ScriptVariable] = [:]) {
    self.bindings = bindings
    self.variables = variables
  }

  /// Checks `expr` as a test (a filter).
  public func test(_ expr: Expr) throws(LanguageError) -> CheckedTest {
    try test(resolved: try Checker.resolve(expr, bindings))
  }

  /// Checks a value a command prints or groups by (`print`, `count by`,
  /// `echo`, `let`): a field, arithmetic, a slice, a function, a literal
  /// (`5`, `"total"`), or a test, which gives a boolean per packet.
  public func column(_ expr: Expr) throws(LanguageError) -> CheckedValue {
    var checker = self
    checker.literalsAreValues = true
    return try checker.printable(try Checker.resolve(expr, bindings))
  }

  /// The field a column names (see `column`).
  public func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    let value = try column(expr)
    guard let id = value.field else { throw LanguageError(.syntax, "expected a field name", at: value.location) }
    return id
  }

  /// `expr` with `bindings` substituted, within `ExpressionLimits`
  /// before and after; the limits' error sits on `expr`.
  public static func resolve(_ expr: Expr, _ bindings: [String: Expr]) throws(LanguageError) -> Expr {
    if let problem = ExpressionLimits.violation(expr) { throw LanguageError(.syntax, problem, at: expr.location) }
    let resolved = try expr.expandingMacros(bindings).substituting(bindings)
    if let problem = ExpressionLimits.violation(resolved) { throw LanguageError(.syntax, problem, at: expr.location) }
    return resolved
  }

  /// Protocols Wireshark has and pktsh does not dissect whose names read
  /// as byte strings (`fc`, Fibre Channel; `ff`, FOUNDATION Fieldbus).
  /// tshark reads such a word as the protocol, so it never occurs here;
  /// `:fc` is the byte.
  static let absentProtocols: Set<String> = ["dc", "e100", "e164", "e212", "fc", "fc00", "fefd", "ff"]

  static func isAbsentProtocol(_ name: String) -> Bool {
    absentProtocols.contains(name.hasPrefix(".") ? String(name.dropFirst()) : name)
  }

  /// The field `name` names; `.name` is the field `name` (tshark 4.0).
  private func fieldID(_ name: String, at location: SourceLocation) throws(LanguageError) -> FieldID {
    let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
    guard let id = Registry.field(named: bare) else { throw unknownField(name, at: location) }
    return id
  }

  /// The field an already resolved expression names.
  private func namedField(_ expr: Expr) throws(LanguageError) -> FieldID {
    guard case .word(let name, let location) = expr else {
      throw LanguageError(.syntax, "expected a field name", at: expr.location)
    }
    guard let id = Registry.field(named: name) else { throw unknownField(name, at: location) }
    return id
  }

  /// A resolved expression as a value, a test giving a boolean.
  private func printable(_ expr: Expr) throws(LanguageError) -> CheckedValue {
    switch expr {
    case .logical, .not, .compare, .contains, .matches, .member, .quantified:
      return CheckedValue(.test(try test(resolved: expr)), type: .boolean, at: expr.location)
    default:
      return try value(expr)
    }
  }

  // MARK: Tests

  private func test(resolved expr: Expr) throws(LanguageError) -> CheckedTest {
    let form: CheckedTest.Form
    switch expr {
    case .logical(let op, let operands):
      var tests: [CheckedTest] = []
      for operand in operands { tests.append(try test(resolved: operand)) }
      form = .logical(op, tests)
    case .not(let inner, _):
      form = .not(try test(resolved: inner))
    case .word(let name, let location):
      if let variable = variables[name] {
        form = .nonzero(CheckedValue(.variable(variable), type: variable.type, at: location))
      } else if Checker.isAbsentProtocol(name) {
        form = .nonzero(CheckedValue(.absent, type: .protocolItem, at: location))
      } else {
        form = .present(try fieldID(name, at: location))
      }
    case .quantified(let quantifier, let inner, let location):
      form = try quantified(quantifier, inner, at: location)
    case .macro(let name, _, let location):
      throw LanguageError(.unknownName, "unknown macro '\(name)'", at: location)
    case .layer(let name, let text, let location):
      guard let id = Registry.field(named: name) else { throw unknownField(name, at: location) }
      form = .presentInLayers(id, try LayerRanges.parse(text, at: location))
    case .compare(let op, let a, let b, let location):
      form = try compare(op, a, b, at: location)
    case .contains(let a, let b, _):
      form = try contains(a, b)
    case .matches(let a, let b, _):
      form = try matches(a, b)
    case .member(let a, let elements, _):
      form = try member(a, elements)
    case .arithmetic where !literalsAreValues && startsWithConstant(expr):
      throw LanguageError(.type, "a constant arithmetic expression is no test (tshark refuses it too)", at: expr.location)
    case .slice, .call, .arithmetic, .negate:
      form = .nonzero(try value(expr))
    case .string(_, let location):
      throw LanguageError(.type, "a string alone is not a test", at: location)
    }
    return CheckedTest(form, at: expr.location)
  }

  /// `any a op b`, `all a op b`. `any` is what every relation means,
  /// except that `any a != b` is `a ~= b`; `all a == b` is `a === b`, and
  /// `all a != b` what `!=` means anyway.
  private func quantified(_ quantifier: Quantifier, _ inner: Expr, at location: SourceLocation)
    throws(LanguageError) -> CheckedTest.Form
  {
    switch (quantifier, inner) {
    case (.any, .compare(.notEqual, let a, let b, let l)): return try compare(.anyNotEqual, a, b, at: l)
    case (.any, .compare(.allEqual, let a, let b, let l)): return try compare(.equal, a, b, at: l)
    case (.any, .compare), (.any, .contains), (.any, .matches), (.any, .member): return try test(resolved: inner).form
    case (.all, .compare(.equal, let a, let b, let l)): return try compare(.allEqual, a, b, at: l)
    case (.all, .compare(.anyNotEqual, let a, let b, let l)): return try compare(.notEqual, a, b, at: l)
    case (.all, .compare), (.all, .contains), (.all, .matches), (.all, .member): return .every(try test(resolved: inner))
    default:
      throw LanguageError(.syntax, "\(quantifier.rawValue) needs a relation after it (\(quantifier.rawValue) tcp.port > 1024)", at: location)
    }
  }

  /// Whether arithmetic starts with a literal (`1 + tcp.port`): tshark 4.0
  /// refuses it as a test or on the left of a comparison.
  private func startsWithConstant(_ expr: Expr) -> Bool {
    switch expr {
    case .arithmetic(_, let a, _, _): startsWithConstant(a)
    case .negate(let inner, _): startsWithConstant(inner)
    default: isConstant(expr)
    }
  }

  /// Whether `expr` holds no field at all: literals and arithmetic on them.
  private func isConstant(_ expr: Expr) -> Bool {
    switch expr {
    case .word(let name, _): Registry.field(named: name) == nil && !Checker.isAbsentProtocol(name)
    case .string: true
    case .negate(let inner, _): isConstant(inner)
    case .arithmetic(_, let a, let b, _): isConstant(a) && isConstant(b)
    default: false
    }
  }

  private func compare(_ op: CompareOp, _ a: Expr, _ b: Expr, at location: SourceLocation)
    throws(LanguageError) -> CheckedTest.Form
  {
    if !literalsAreValues, case .arithmetic = a, startsWithConstant(a) {
      throw LanguageError(.type, "constant arithmetic on the left of a comparison (tshark refuses it too)", at: a.location)
    }
    let left = try operand(a)
    let right = try operand(b)
    switch (left, right) {
    case (.literal(let x), .literal(let y)):
      if literalsAreValues, let p = literalValue(x), let q = literalValue(y), p.type == q.type {
        return .compare(op, p, q)
      }
      // A bare word that looks like a field name is most likely a misspelt field.
      for lit in [x, y] where lit.quoted == nil && lit.text.contains(where: \.isLetter) && lit.text.contains(".")
        && Literals.ipv6(lit.text) == nil
      {
        throw unknownField(lit.text, at: lit.location)
      }
      throw LanguageError(.type, "a comparison needs a field on one side", at: a.location.through(b.location))
    case (.value(let v), .literal(let lit)):
      return .compareConstant(op, v, try constant(lit, as: v.type, for: a))
    case (.literal(let lit), .value(let v)):
      return .compareConstant(op.mirrored, v, try constant(lit, as: v.type, for: b))
    case (.value(let x), .value(let y)):
      let (p, q) = (Checker.decimal(x, beside: y), Checker.decimal(y, beside: x))
      guard comparable(p, q) else {
        throw LanguageError(.type, "cannot compare \(x.type) with \(y.type)", at: location)
      }
      return .compare(op, p, q)
    }
  }

  /// An integer compared with a decimal, as a decimal (in thousandths:
  /// `frame.len > mean`); any other value as it is.
  private static func decimal(_ value: CheckedValue, beside other: CheckedValue) -> CheckedValue {
    guard value.type == .integer && other.type == .decimal else { return value }
    let thousand = CheckedValue(.integer(1000), type: .integer, at: value.location)
    return CheckedValue(.arithmetic(.multiply, value, thousand), type: .decimal, at: value.location)
  }

  /// What `contains` and `matches` search of `expr`: a protocol from its
  /// first byte to the end of its data, as tshark's do; any other value itself.
  private func searched(_ expr: Expr) throws(LanguageError) -> CheckedValue {
    let v = try value(expr)
    guard case .field(let id) = v.form, id.index == 0 else { return v }
    return CheckedValue(.protocolData(id.protocolID), type: .protocolItem, at: v.location)
  }

  private func contains(_ a: Expr, _ b: Expr) throws(LanguageError) -> CheckedTest.Form {
    let haystack = try searched(a)
    guard haystack.type.isByteLike else {
      throw LanguageError(.type, "contains needs bytes or a string on the left, not \(haystack.type)", at: a.location)
    }
    switch try operand(b) {
    case .literal(let lit):
      // Against a string, a bare word is its own text (`contains 67:6f:6f`
      // looks for those eight characters, as in tshark).
      guard case .bytes(let needle) = try constant(lit, as: haystack.type == .string ? .string : .bytes, for: a) else {
        throw LanguageError(.type, "contains needs a string or bytes", at: b.location)
      }
      return .containsConstant(haystack, needle)
    case .value(let needle):
      guard needle.type.isByteLike, comparable(haystack, needle) else {
        throw LanguageError(.type, "contains needs bytes or a string on the right, not \(needle.type)", at: b.location)
      }
      return .contains(haystack, needle)
    }
  }

  private func matches(_ a: Expr, _ b: Expr) throws(LanguageError) -> CheckedTest.Form {
    let subject = try searched(a)
    guard subject.type.isByteLike else {
      throw LanguageError(.type, "matches needs a string on the left, not \(subject.type)", at: a.location)
    }
    guard case .string(let pattern, let patternLocation) = b else {
      throw LanguageError(.type, "matches needs a quoted regular expression", at: b.location)
    }
    do { return .matches(subject, try RegularExpression(pattern)) } catch {
      throw LanguageError(.syntax, "invalid regular expression: \(error.message)", at: patternLocation)
    }
  }

  private func member(_ a: Expr, _ elements: [SetElement]) throws(LanguageError) -> CheckedTest.Form {
    let subject = try value(a)
    switch subject.form {
    case .field, .fieldInLayers, .variable: break
    default:
      throw LanguageError(.type, "only a field may be tested for membership in a set (as in tshark)", at: a.location)
    }
    var members: [SetMember] = []
    for element in elements {
      switch element {
      case .value(let e):
        guard case .literal(let lit) = try operand(e) else {
          throw LanguageError(.type, "set elements must be values", at: e.location)
        }
        members.append(.value(try constant(lit, as: subject.type, for: a)))
      case .range(let low, let high):
        guard case .literal(let l) = try operand(low), case .literal(let h) = try operand(high) else {
          throw LanguageError(.type, "range bounds must be values", at: low.location)
        }
        members.append(.range(try constant(l, as: subject.type, for: a), try constant(h, as: subject.type, for: a)))
      }
    }
    return .member(subject, members)
  }

  // MARK: Values

  /// Literal text before it is read: its type comes from the other side.
  struct LiteralText {
    var text: String
    var quoted: [UInt8]?
    var location: SourceLocation
  }

  enum Operand {
    case value(CheckedValue)
    case literal(LiteralText)
  }

  private func operand(_ expr: Expr) throws(LanguageError) -> Operand {
    switch expr {
    case .word(let name, let location):
      if let variable = variables[name] {
        return .value(CheckedValue(.variable(variable), type: variable.type, at: location))
      }
      if let id = Registry.field(named: name) { return .value(fieldValue(id, at: location)) }
      if Checker.isAbsentProtocol(name) { return .value(CheckedValue(.absent, type: .protocolItem, at: location)) }
      // `.name` is always a field (tshark 4.0): never a literal.
      if name.hasPrefix(".") { return .value(fieldValue(try fieldID(name, at: location), at: location)) }
      return .literal(LiteralText(text: name, quoted: nil, location: location))
    case .layer(let name, let text, let location):
      guard let id = Registry.field(named: name) else { throw unknownField(name, at: location) }
      let form = CheckedValue.Form.fieldInLayers(id, try LayerRanges.parse(text, at: location), wireBytes: false)
      return .value(CheckedValue(form, type: ValueType(id.decl.kind), at: location))
    case .string(let bytes, let location):
      return .literal(
        LiteralText(text: String(decoding: bytes, as: UTF8.self), quoted: bytes, location: location))
    case .negate(.word(let text, let location), _) where Registry.field(named: text) == nil && variables[text] == nil:
      return .literal(LiteralText(text: "-" + text, quoted: nil, location: location))
    default:
      return .value(try value(expr))
    }
  }

  private func value(_ expr: Expr) throws(LanguageError) -> CheckedValue {
    let form: CheckedValue.Form
    let type: ValueType
    switch expr {
    case .macro(let name, _, let location):
      throw LanguageError(.unknownName, "unknown macro '\(name)'", at: location)
    case .word, .string, .layer:
      switch try operand(expr) {
      case .value(let v): return v
      case .literal(let lit):
        if literalsAreValues, let v = literalValue(lit) { return v }
        throw unknownField(lit.text, at: lit.location)
      }
    case .slice(let base, let text, let location):
      let source = try value(base)
      guard !source.type.isNumber else {
        throw LanguageError(.type, "\(source.type) cannot be sliced into bytes (as in tshark)", at: base.location)
      }
      form = .slice(wireBytes(source), try SliceRanges.parse(text, at: location))
      type = .bytes
    case .call(let name, let arguments, let location):
      (form, type) = try call(name, arguments, at: location)
    case .arithmetic(let op, let a, let b, _):
      // The left side is checked once, whichever reading it gets: a chain
      // `a & b & c …` must not check its left part twice at every level.
      let left = try operand(a)
      if op == .bitAnd, case .value(let v) = left, v.type == .bytes || v.type == .ether {
        (form, type) = (try maskedBytes(v, b), .bytes)
      } else if op == .bitAnd, case .value(let v) = left, v.type == .ipv4 || v.type == .ipv6 {
        (form, type) = (try maskedAddress(v, b), v.type)
      } else {
        form = try arithmetic(op, left, a, b)
        type = .integer
      }
    case .negate(let inner, let location):
      let v = try value(inner)
      guard v.type == .integer || v.type == .relativeTime else {
        throw LanguageError(.type, "cannot negate \(v.type)", at: location)
      }
      form = .negate(v)
      type = v.type
    default:
      throw LanguageError(.type, "expected a value, found a test", at: expr.location)
    }
    return CheckedValue(form, type: type, at: expr.location)
  }

  /// An integer or a quoted string written alone, as a value.
  private func literalValue(_ lit: LiteralText) -> CheckedValue? {
    if let quoted = lit.quoted { return CheckedValue(.string(quoted), type: .string, at: lit.location) }
    return Literals.integer(lit.text).map { CheckedValue(.integer($0), type: .integer, at: lit.location) }
  }

  private func fieldValue(_ id: FieldID, at location: SourceLocation) -> CheckedValue {
    CheckedValue(.field(id), type: ValueType(id.decl.kind), at: location)
  }

  /// A value as bytes, for slicing and `len`: a field that is not
  /// byte-like as it is on the wire (an IPv4 address slices as four bytes).
  private func wireBytes(_ value: CheckedValue) -> CheckedValue {
    guard !value.type.isByteLike else { return value }
    if case .fieldInLayers(let id, let layers, _) = value.form {
      return CheckedValue(.fieldInLayers(id, layers, wireBytes: true), type: .bytes, at: value.location)
    }
    guard let id = value.field else { return value }
    return CheckedValue(.wireBytes(id), type: .bytes, at: value.location)
  }

  /// The functions the language has, by name.
  static let functions = ["len", "count", "upper", "lower", "max", "min", "abs", "string"]

  private func call(_ name: String, _ arguments: [Expr], at location: SourceLocation)
    throws(LanguageError) -> (CheckedValue.Form, ValueType)
  {
    if name == "max" || name == "min" { return try extreme(name, arguments, at: location) }
    guard Checker.functions.contains(name) else {
      throw LanguageError(
        .unknownName, "unknown function '\(name)'", at: location,
        suggestion: Suggestions.closest(to: name, in: Checker.functions))
    }
    guard arguments.count == 1 else {
      throw LanguageError(.syntax, "\(name) takes one argument", at: location)
    }
    let argument = arguments[0]
    if name == "count" { return (.count(try namedField(argument)), .integer) }
    let v = try value(argument)
    switch name {
    case "len":
      guard !v.type.isNumber else {
        throw LanguageError(.type, "len needs bytes, a string or an address, not \(v.type) (as in tshark)", at: argument.location)
      }
      return (.length(wireBytes(v)), .integer)
    case "upper", "lower":
      guard v.type == .string || v.type == .bytes else {
        throw LanguageError(.type, "\(name) needs a string, not \(v.type)", at: argument.location)
      }
      return (.caseFolded(v, upper: name == "upper"), .string)
    case "abs":
      guard v.type == .integer || v.type == .relativeTime else {
        throw LanguageError(.type, "abs needs an integer or a time offset, not \(v.type)", at: argument.location)
      }
      return (.absolute(v), v.type)
    default:
      guard v.type != .protocolItem && v.type != .label else {
        throw LanguageError(.type, "string needs a value, not \(v.type)", at: argument.location)
      }
      return (.text(v), .string)
    }
  }

  /// `max(a, b, …)` or `min(a, b, …)`: arguments of one ordered type.
  private func extreme(_ name: String, _ arguments: [Expr], at location: SourceLocation)
    throws(LanguageError) -> (CheckedValue.Form, ValueType)
  {
    guard !arguments.isEmpty else { throw LanguageError(.syntax, "\(name) takes one or more arguments", at: location) }
    var values: [CheckedValue] = []
    for argument in arguments {
      // An integer may stand among the arguments in a filter too (`max(tcp.srcport, 1024)`).
      if case .literal(let lit) = try operand(argument), lit.quoted == nil, let n = Literals.integer(lit.text) {
        values.append(CheckedValue(.integer(n), type: .integer, at: lit.location))
      } else {
        values.append(try value(argument))
      }
    }
    let type = values[0].type
    guard type != .protocolItem && type != .label else {
      throw LanguageError(.type, "\(name) needs values that compare, not \(type)", at: values[0].location)
    }
    for v in values.dropFirst() where !compatible(v.type, type) {
      throw LanguageError(.type, "\(name) needs arguments of one type: \(type), then \(v.type)", at: v.location)
    }
    return (.extreme(values, greatest: name == "max"), type)
  }

  /// `bytes & literal` (`eth.dst[0] & 1`, `tcp[13] & 0x02`): the bytes
  /// `v` masked, as tshark 4.0 does.
  private func maskedBytes(_ v: CheckedValue, _ b: Expr) throws(LanguageError) -> CheckedValue.Form {
    guard case .literal(let lit) = try operand(b), let mask = lit.quoted ?? Literals.byteString(lit.text) else {
      throw LanguageError(.type, "bytes can be masked only by a byte string", at: b.location)
    }
    return .maskedBytes(v, mask)
  }

  /// `address & mask` (`ip.src & 255.0.0.0`, `ipv6.src & ffff::`): the
  /// address `v` masked by an address of its own family, as tshark 4.0 does.
  private func maskedAddress(_ v: CheckedValue, _ b: Expr) throws(LanguageError) -> CheckedValue.Form {
    if case .literal(let lit) = try operand(b), lit.quoted == nil {
      if v.type == .ipv4, let (mask, prefix) = Literals.ipv4(lit.text), prefix == 32 {
        return .maskedAddress(v, high: 0, low: UInt64(mask))
      }
      if v.type == .ipv6, let (high, low, prefix) = Literals.ipv6(lit.text), prefix == 128 {
        return .maskedAddress(v, high: high, low: low)
      }
    }
    throw LanguageError(.type, "\(v.type) can be masked only by an address of its own family", at: b.location)
  }

  /// `a op b`, `left` being `a` checked.
  private func arithmetic(_ op: ArithmeticOp, _ left: Operand, _ a: Expr, _ b: Expr) throws(LanguageError)
    -> CheckedValue.Form
  {
    // Each side is checked once: a chain `f + 1 + 1 …` must not check
    // its left part again at every level.
    let sides = (left, try operand(b))
    for (side, other) in [(sides.0, b), (sides.1, a)] {
      if case .literal(let lit) = side, lit.quoted == nil, let n = Literals.integer(lit.text) {
        try checkFits(n, lit, field: other)
      }
    }
    func integer(_ side: Operand, _ e: Expr) throws(LanguageError) -> CheckedValue {
      switch side {
      case .value(let v):
        guard v.type.isNumeric else {
          throw LanguageError(.type, "arithmetic needs integers, not \(v.type)", at: e.location)
        }
        return v
      case .literal(let lit):
        if lit.quoted != nil {
          throw LanguageError(.type, "arithmetic needs integers, not the string \"\(lit.text)\"", at: lit.location)
        }
        guard let n = Literals.integer(lit.text) else {
          // A word that looks like a field name is most likely a misspelt field.
          if lit.text.contains(where: \.isLetter) && lit.text.contains(".") {
            throw unknownField(lit.text, at: lit.location)
          }
          throw LanguageError(.type, "'\(lit.text)' is not an integer", at: lit.location)
        }
        return CheckedValue(.integer(n), type: .integer, at: lit.location)
      }
    }
    return .arithmetic(op, try integer(sides.0, a), try integer(sides.1, b))
  }

  // MARK: Literals and errors

  /// `lit` read as `type`, the type of `field` (the expression it is compared with).
  private func constant(_ lit: LiteralText, as type: ValueType, for field: Expr) throws(LanguageError) -> Constant {
    let text = lit.text
    let bare = lit.quoted == nil
    let converted: Constant? = {
      switch type {
      case .integer, .boolean:
        // As tshark 4.0, any number but 0 is true for a flag (`ip.flags.df == 2`); none is negative.
        if bare, type == .boolean, let n = Literals.integer(text) { return text.hasPrefix("-") ? nil : .integer(n == 0 ? 0 : 1) }
        if bare, let n = Literals.integer(text) { return .integer(n) }
        return namedValue(text, of: field, boolean: type == .boolean, bare: bare).map { .integer($0) }
      case .ipv4:
        return bare ? Literals.ipv4(text).map { Constant.ipv4($0.0, prefix: $0.1) } : nil
      case .ipv6:
        return bare ? Literals.ipv6(text).map { Constant.ipv6($0.0, $0.1, prefix: $0.2) } : nil
      case .ether:
        guard bare, let b = Literals.bytes(text), b.count == 6 else { return nil }
        return .bytes(b)
      case .bytes, .protocolItem:
        if let quoted = lit.quoted { return .bytes(quoted) }
        if let b = Literals.byteString(text) { return .bytes(b) }
        // tshark 4.0 takes a number that is no byte string (`153`, `2048`)
        // but never finds it equal to bytes; an integer constant never is.
        if !text.hasPrefix("-"), !text.lowercased().hasPrefix("0x"), let n = Literals.integer(text) { return .integer(n) }
        return nil
      case .string:
        return .bytes(lit.quoted ?? Array(text.utf8))
      case .relativeTime:
        return bare ? Literals.seconds(text).map { .time($0) } : nil
      case .absoluteTime:
        return TimeLiterals.absolute(text).map { .time($0) }
      case .decimal:
        return bare ? Literals.decimal(text).map { .integer($0) } : nil
      case .label:
        return nil
      }
    }()
    if let converted {
      if case .integer(let n) = converted, type == .integer { try checkFits(n, lit, field: field) }
      return converted
    }
    let what = fieldName(field).map { " for \($0)" } ?? ""
    let suggestion = bare ? Suggestions.closest(to: text, in: Registry.fieldsByName.keys) : nil
    if suggestion != nil {
      throw LanguageError(
        .unknownField, "'\(text)' is neither a field nor \(type)\(what)", at: lit.location, suggestion: suggestion)
    }
    throw LanguageError(.type, "'\(text)' is not \(type)\(what)", at: lit.location)
  }

  /// The value an integer field's value name stands for, as tshark reads
  /// it: a name from the field's table, any case (`ip.proto == "TCP"`); for a
  /// flag, its labels (`"Set"`, `"Not set"`; `"True"`, `"False"` for a
  /// flag of its own bytes), and, unquoted, `true`, `True`, `TRUE`, `false`, ….
  private func namedValue(_ text: String, of field: Expr, boolean: Bool, bare: Bool) -> Int64? {
    guard let name = fieldName(field), let id = Registry.field(named: name.hasPrefix(".") ? String(name.dropFirst()) : name)
    else { return nil }
    let folded = text.lowercased()
    if boolean {
      if bare, ["true", "True", "TRUE"].contains(text) { return 1 }
      if bare, ["false", "False", "FALSE"].contains(text) { return 0 }
      // A flag with labels of its own takes only those (`quic.fixed_bit == "True"`), as tshark's
      // true/false strings; the others "Set" and "Not set", or "True" and "False".
      if let names = id.decl.values {
        return [0, 1].first { names.name(UInt64($0))?.lowercased() == folded }
      }
      let (yes, no) = id.decl.mask != 0 ? ("set", "not set") : ("true", "false")
      return folded == yes ? 1 : folded == no ? 0 : nil
    }
    guard let names = id.decl.values else { return nil }
    let widest: UInt64 = id.decl.kind == .uint(bytes: 1) ? 0xff : 0xffff
    for value in 0...widest where names.name(value)?.lowercased() == folded { return Int64(value) }
    return nil
  }

  /// An integer the field cannot hold is a mistake, as tshark says
  /// (`ip.ttl == 256`: "too big for this field, maximum 255"). The bound is
  /// the field's whole width, whatever its mask; like tshark, a negative
  /// number for an unsigned field is let through (it matches nothing).
  private func checkFits(_ n: Int64, _ lit: LiteralText, field: Expr) throws(LanguageError) {
    guard let name = fieldName(field), let id = Registry.field(named: name) else { return }
    let bits: Int
    switch id.decl.kind {
    case .uint(let bytes):
      guard !lit.text.hasPrefix("-") else { return }
      bits = bytes * 8
    case .frameNumber:
      bits = 32
    case .int(let bytes) where bytes < 8:
      let maximum = Int64(1) << (bytes * 8 - 1) - 1
      if n > maximum {
        throw LanguageError(.type, "'\(lit.text)' is too big for \(name), maximum \(maximum)", at: lit.location)
      }
      if n < -maximum - 1 {
        throw LanguageError(.type, "'\(lit.text)' is too small for \(name), minimum \(-maximum - 1)", at: lit.location)
      }
      return
    default:
      return
    }
    guard bits < 64 else { return }
    let maximum = UInt64(1) << UInt64(bits) - 1
    if UInt64(bitPattern: n) > maximum {
      throw LanguageError(.type, "'\(lit.text)' is too big for \(name), maximum \(maximum)", at: lit.location)
    }
  }

  private func fieldName(_ expr: Expr) -> String? {
    if case .word(let name, _) = expr { return name }
    if case .layer(let name, _, _) = expr { return name }
    return nil
  }

  /// Whether two values compare (or contain one another) as tshark 4.0
  /// types them: numbers with numbers; byte-like values, except that a
  /// string does not mix with bytes, nor a protocol with anything else,
  /// unless one side is a slice (which is bytes of any origin).
  private func comparable(_ x: CheckedValue, _ y: CheckedValue) -> Bool {
    guard x.type != y.type, !(x.type.isNumeric && y.type.isNumeric) else { return true }
    guard x.type.isByteLike && y.type.isByteLike else { return false }
    if case .slice = x.form { return true }
    if case .slice = y.form { return true }
    return Set([x.type, y.type]) == [.bytes, .ether]
  }

  private func compatible(_ a: ValueType, _ b: ValueType) -> Bool {
    a == b || (a.isNumeric && b.isNumeric) || (a.isByteLike && b.isByteLike)
  }

  func unknownField(_ name: String, at location: SourceLocation) -> LanguageError {
    LanguageError(
      .unknownField, "unknown field '\(name)'", at: location,
      // A `let` name whose value is its own name (`let a = a`) is no fix.
      suggestion: Suggestions.closest(
        to: name, in: Array(Registry.fieldsByName.keys) + bindings.keys.filter { $0 != name }
          + variables.keys.filter { !$0.contains("#") }))
  }
}

extension CompareOp {
  /// The operator with its sides swapped (`5 < x` is `x > 5`).
  public var mirrored: CompareOp {
    switch self {
    case .less: .greater
    case .greater: .less
    case .lessOrEqual: .greaterOrEqual
    case .greaterOrEqual: .lessOrEqual
    default: self
    }
  }
}
