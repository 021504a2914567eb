import PacketDissection
import PacketWire

/// Type-checks a filter expression and turns it into closures, once.
///
/// Wireshark's semantics: a field alone tests presence; `==`, `<`, `in`,
/// `contains`, `matches` hold when any occurrence satisfies them; `!=` only
/// when none is equal; `===` when all are equal; `!==` when any is not.
/// Literals take the type of what they are compared with.
///
/// `let` names are substituted first (see `Expr.substituting`), and the
/// result must lie within `ExpressionLimits`; any expression at all,
/// parsed or built, compiles or fails with a `LanguageError`.
public struct FilterCompiler {
  /// `let` names in scope, already checked, their values already substituted.
  public var bindings: [String: Expr]
  private var used: Set<FieldID> = []

  public init(bindings: [String: Expr] = [:]) { self.bindings = bindings }

  /// Compiles `expr` as a test.
  public mutating func compile(_ expr: Expr) throws(LanguageError) -> CompiledFilter {
    used = []
    let test = try compileTest(try FilterCompiler.resolve(expr, bindings))
    let fields = used.sorted()
    return CompiledFilter(
      fields: fields, deepest: deepestLevel(for: fields), expression: expr, bindings: bindings, test: test)
  }

  /// `expr` with `bindings` substituted, within `ExpressionLimits`
  /// before and after; the limits' error sits on `expr`.
  public static func resolve(_ expr: Expr, _ bindings: [String: Expr]) throws(LanguageError) -> Expr {
    if let problem = ExpressionLimits.violation(expr) { throw LanguageError(.syntax, problem, at: expr.location) }
    let resolved = expr.substituting(bindings)
    if let problem = ExpressionLimits.violation(resolved) { throw LanguageError(.syntax, problem, at: expr.location) }
    return resolved
  }

  /// Resolves an expression that must name a field (for `print`, `count by`).
  public func field(_ expr: Expr) throws(LanguageError) -> FieldID {
    try resolvedField(try FilterCompiler.resolve(expr, bindings))
  }

  /// The field an already resolved expression names.
  private func resolvedField(_ expr: Expr) throws(LanguageError) -> FieldID {
    guard case .word(let name, let location) = expr else {
      throw LanguageError(.syntax, "expected a field name", at: expr.location)
    }
    guard let id = Registry.field(named: name) else { throw unknownField(name, at: location) }
    return id
  }

  // MARK: Tests

  typealias Test = (Dissection) -> Bool
  typealias Producer = (Dissection, (RuntimeValue) -> Bool) -> Bool

  private mutating func compileTest(_ expr: Expr) throws(LanguageError) -> Test {
    switch expr {
    case .logical(let op, let operands):
      var tests: [Test] = []
      for operand in operands { tests.append(try compileTest(operand)) }
      switch op {
      case .and: return { d in tests.allSatisfy { $0(d) } }
      case .or: return { d in tests.contains { $0(d) } }
      case .xor: return { d in tests.reduce(false) { $0 != $1(d) } }
      }
    case .not(let inner, _):
      let x = try compileTest(inner)
      return { !x($0) }
    case .word(let name, let location):
      guard let id = Registry.field(named: name) else { throw unknownField(name, at: location) }
      used.insert(id)
      return { d in d.records.contains { $0.field == id } }
    case .compare(let op, let a, let b, let location):
      return try compare(op, a, b, at: location)
    case .contains(let a, let b, let location):
      return try contains(a, b, at: location)
    case .matches(let a, let b, let location):
      return try matches(a, b, at: location)
    case .member(let a, let elements, let location):
      return try member(a, elements, at: location)
    case .slice, .call, .arithmetic, .negate:
      let value = try values(expr)
      return { d in
        value.produce(d) { v in
          switch v {
          case .integer(let i), .time(let i): return i != 0
          case .bytes(let b): return b.count > 0
          default: return true
          }
        }
      }
    case .string(_, let location):
      throw LanguageError(.type, "a string alone is not a test", at: location)
    }
  }

  private mutating func compare(_ op: CompareOp, _ a: Expr, _ b: Expr, at location: SourceLocation)
    throws(LanguageError) -> Test
  {
    let left = try operand(a)
    let right = try operand(b)
    switch (left, right) {
    case (.literal(let x), .literal(let y)):
      // A bare word that looks like a field name is most likely a misspelt field.
      for lit in [x, y] where lit.quoted == nil && lit.text.contains(where: \.isLetter) && lit.text.contains(".")
        && Literals.ipv6(lit.text) == nil
      {
        throw unknownField(lit.text, at: lit.location)
      }
      throw LanguageError(.type, "a comparison needs a field on one side", at: a.location.through(b.location))
    case (.values(let v), .literal(let lit)):
      return compareWithConstant(op, v, try constant(lit, as: v.type, for: a))
    case (.literal(let lit), .values(let v)):
      return compareWithConstant(op.mirrored, v, try constant(lit, as: v.type, for: b))
    case (.values(let x), .values(let y)):
      guard compatible(x.type, y.type) else {
        throw LanguageError(.type, "cannot compare \(x.type) with \(y.type)", at: location)
      }
      return compareValues(op, x, y)
    }
  }

  private func compareWithConstant(_ op: CompareOp, _ v: ValueNode, _ c: Constant) -> Test {
    let produce = v.produce
    switch op {
    case .equal: return { d in produce(d) { c.compare($0) == 0 } }
    case .notEqual:
      return { d in
        var seen = false
        let equal = produce(d) { value in
          seen = true
          return c.compare(value) == 0
        }
        return seen && !equal
      }
    case .anyNotEqual: return { d in produce(d) { c.compare($0) != 0 } }
    case .allEqual:
      return { d in
        var seen = false
        let failed = produce(d) { value in
          seen = true
          return c.compare(value) != 0
        }
        return seen && !failed
      }
    case .less: return { d in produce(d) { (c.compare($0) ?? 0) < 0 } }
    case .greater: return { d in produce(d) { (c.compare($0) ?? 0) > 0 } }
    case .lessOrEqual: return { d in produce(d) { c.compare($0).map { $0 <= 0 } ?? false } }
    case .greaterOrEqual: return { d in produce(d) { c.compare($0).map { $0 >= 0 } ?? false } }
    }
  }

  private func compareValues(_ op: CompareOp, _ x: ValueNode, _ y: ValueNode) -> Test {
    let (px, py) = (x.produce, y.produce)
    func any(_ d: Dissection, _ holds: @escaping (Int) -> Bool) -> Bool {
      px(d) { a in py(d) { b in compareValues_(a, b).map(holds) ?? false } }
    }
    switch op {
    case .equal: return { any($0) { $0 == 0 } }
    case .notEqual: return { d in any(d) { _ in true } && !any(d) { $0 == 0 } }
    case .anyNotEqual: return { any($0) { $0 != 0 } }
    case .allEqual: return { d in any(d) { $0 == 0 } && !any(d) { $0 != 0 } }
    case .less: return { any($0) { $0 < 0 } }
    case .greater: return { any($0) { $0 > 0 } }
    case .lessOrEqual: return { any($0) { $0 <= 0 } }
    case .greaterOrEqual: return { any($0) { $0 >= 0 } }
    }
  }

  private mutating func contains(_ a: Expr, _ b: Expr, at location: SourceLocation) throws(LanguageError) -> Test {
    let haystack = try values(a)
    guard haystack.type.isByteLike else {
      throw LanguageError(.type, "contains needs bytes or a string on the left, not \(haystack.type)", at: a.location)
    }
    switch try operand(b) {
    case .literal(let lit):
      guard case .bytes(let needle) = try constant(lit, as: .bytes, for: a) else {
        throw LanguageError(.type, "contains needs a string or bytes", at: b.location)
      }
      let produce = haystack.produce
      return { d in
        produce(d) { v in
          guard let h = v.byteView else { return false }
          return needle.withUnsafeBytes { containsBytes(h, ByteView($0)) }
        }
      }
    case .values(let n):
      guard n.type.isByteLike else {
        throw LanguageError(.type, "contains needs bytes or a string on the right, not \(n.type)", at: b.location)
      }
      let (ph, pn) = (haystack.produce, n.produce)
      return { d in
        ph(d) { h in pn(d) { n in
          guard let hb = h.byteView, let nb = n.byteView else { return false }
          return containsBytes(hb, nb)
        } }
      }
    }
  }

  private mutating func matches(_ a: Expr, _ b: Expr, at location: SourceLocation) throws(LanguageError) -> Test {
    let subject = try values(a)
    guard subject.type.isByteLike else {
      throw LanguageError(.type, "matches needs a string on the left, not \(subject.type)", at: a.location)
    }
    guard case .string(let pattern, let patternLocation) = b else {
      throw LanguageError(.type, "matches needs a quoted regular expression", at: b.location)
    }
    let regex: RegularExpression
    do { regex = try RegularExpression(pattern) } catch {
      throw LanguageError(.syntax, "invalid regular expression: \(error.message)", at: patternLocation)
    }
    let produce = subject.produce
    return { d in
      produce(d) { v in
        guard let bytes = v.byteView else { return false }
        return regex.matches(bytes)
      }
    }
  }

  private mutating func member(_ a: Expr, _ elements: [SetElement], at location: SourceLocation)
    throws(LanguageError) -> Test
  {
    let subject = try values(a)
    var exact: [Constant] = []
    var ranges: [(Constant, Constant)] = []
    for element in elements {
      switch element {
      case .value(let e):
        guard case .literal(let lit) = try operand(e) else {
          throw LanguageError(.type, "set elements must be values", at: e.location)
        }
        exact.append(try constant(lit, as: subject.type, for: a))
      case .range(let low, let high):
        guard case .literal(let l) = try operand(low), case .literal(let h) = try operand(high) else {
          throw LanguageError(.type, "range bounds must be values", at: low.location)
        }
        ranges.append((try constant(l, as: subject.type, for: a), try constant(h, as: subject.type, for: a)))
      }
    }
    let produce = subject.produce
    return { d in
      produce(d) { v in
        for c in exact where c.compare(v) == 0 { return true }
        for (low, high) in ranges {
          if let x = low.compare(v), let y = high.compare(v), x >= 0, y <= 0 { return true }
        }
        return false
      }
    }
  }

  // MARK: Values

  struct ValueNode {
    var type: ValueType
    var produce: Producer
  }

  struct LiteralText {
    var text: String
    var quoted: [UInt8]?
    var location: SourceLocation
  }

  enum Operand {
    case values(ValueNode)
    case literal(LiteralText)
  }

  private mutating func operand(_ expr: Expr) throws(LanguageError) -> Operand {
    switch expr {
    case .word(let name, let location):
      if let id = Registry.field(named: name) { return .values(fieldValues(id)) }
      return .literal(LiteralText(text: name, quoted: nil, location: location))
    case .string(let bytes, let location):
      return .literal(
        LiteralText(text: String(decoding: bytes, as: UTF8.self), quoted: bytes, location: location))
    case .negate(.word(let text, let location), _) where Registry.field(named: text) == nil:
      return .literal(LiteralText(text: "-" + text, quoted: nil, location: location))
    default:
      return .values(try values(expr))
    }
  }

  private mutating func values(_ expr: Expr) throws(LanguageError) -> ValueNode {
    switch try operandOrValues(expr) {
    case .values(let v): return v
    case .literal(let lit):
      throw unknownField(lit.text, at: lit.location)
    }
  }

  private mutating func operandOrValues(_ expr: Expr) throws(LanguageError) -> Operand {
    switch expr {
    case .word, .string: return try operand(expr)
    case .slice(let base, let text, let location):
      let source = try values(base)
      let ranges = try SliceRanges.parse(text, at: location)
      let produce = wireBytes(source, base)
      return .values(
        ValueNode(type: .bytes) { d, visit in
          produce(d) { v in
            guard let bytes = v.byteView, let sliced = ranges.apply(to: bytes) else { return false }
            return visit(.bytes(sliced))
          }
        })
    case .call(let name, let arguments, let location):
      return .values(try call(name, arguments, at: location))
    case .arithmetic(let op, let a, let b, let location):
      return .values(try arithmetic(op, a, b, at: location))
    case .negate(let inner, let location):
      let v = try values(inner)
      guard v.type == .integer || v.type == .relativeTime else {
        throw LanguageError(.type, "cannot negate \(v.type)", at: location)
      }
      let produce = v.produce
      return .values(
        ValueNode(type: v.type) { d, visit in
          produce(d) { value in
            switch value {
            case .integer(let i): return visit(.integer(0 &- i))
            case .time(let t): return visit(.time(0 &- t))
            default: return false
            }
          }
        })
    default:
      throw LanguageError(.type, "expected a value, found a test", at: expr.location)
    }
  }

  private mutating func fieldValues(_ id: FieldID) -> ValueNode {
    used.insert(id)
    let kind = id.decl.kind
    return ValueNode(type: ValueType(kind)) { d, visit in
      for record in d.records where record.field == id {
        if visit(RuntimeValue.of(record, kind: kind, in: d)) { return true }
      }
      return false
    }
  }

  /// A field's bytes as they are on the wire, for slicing (an IPv4 address
  /// slices as four bytes).
  private mutating func wireBytes(_ node: ValueNode, _ expr: Expr) -> Producer {
    if node.type.isByteLike { return node.produce }
    guard case .word(let name, _) = expr, let id = Registry.field(named: name) else { return node.produce }
    return { d, visit in
      for record in d.records where record.field == id {
        if visit(.bytes(d.packet.slice(Int(record.offset), Int(record.length)))) { return true }
      }
      return false
    }
  }

  private mutating func call(_ name: String, _ arguments: [Expr], at location: SourceLocation)
    throws(LanguageError) -> ValueNode
  {
    guard arguments.count == 1 else {
      throw LanguageError(.syntax, "\(name) takes one argument", at: location)
    }
    let argument = arguments[0]
    switch name {
    case "len":
      let v = try values(argument)
      let produce = wireBytes(v, argument)
      return ValueNode(type: .integer) { d, visit in
        produce(d) { value in
          guard let b = value.byteView else { return false }
          return visit(.integer(Int64(b.count)))
        }
      }
    case "count":
      let id = try resolvedField(argument)
      used.insert(id)
      return ValueNode(type: .integer) { d, visit in
        var n: Int64 = 0
        for record in d.records where record.field == id { n += 1 }
        return visit(.integer(n))
      }
    case "upper", "lower":
      let v = try values(argument)
      guard v.type == .string || v.type == .bytes else {
        throw LanguageError(.type, "\(name) needs a string, not \(v.type)", at: argument.location)
      }
      let produce = v.produce
      let toUpper = name == "upper"
      return ValueNode(type: .string) { d, visit in
        produce(d) { value in
          guard let b = value.byteView else { return false }
          var converted = b.copyBytes()
          for i in converted.indices {
            let c = converted[i]
            if toUpper, c >= 0x61, c <= 0x7a { converted[i] = c - 32 }
            if !toUpper, c >= 0x41, c <= 0x5a { converted[i] = c + 32 }
          }
          return converted.withUnsafeBytes { visit(.bytes(ByteView($0))) }
        }
      }
    default:
      throw LanguageError(
        .unknownName, "unknown function '\(name)'", at: location,
        suggestion: Suggestions.closest(to: name, in: ["len", "count", "upper", "lower"]))
    }
  }

  private mutating func arithmetic(_ op: ArithmeticOp, _ a: Expr, _ b: Expr, at location: SourceLocation)
    throws(LanguageError) -> ValueNode
  {
    // Each side is compiled once: a chain `f + 1 + 1 …` must not compile
    // its left part again at every level.
    let sides = (try operand(a), try operand(b))
    for (side, other) in [(sides.0, b), (sides.1, a)] {
      if case .literal(let lit) = side, lit.quoted == nil, let n = Literals.integer(lit.text) {
        try checkFits(n, lit, field: other)
      }
    }
    func producer(_ side: Operand, _ e: Expr) throws(LanguageError) -> Producer {
      switch side {
      case .values(let v):
        guard v.type.isNumeric else {
          throw LanguageError(.type, "arithmetic needs integers, not \(v.type)", at: e.location)
        }
        return v.produce
      case .literal(let lit):
        guard lit.quoted == nil, let n = Literals.integer(lit.text) else {
          throw LanguageError(.type, "'\(lit.text)' is not an integer", at: lit.location)
        }
        return { _, visit in visit(.integer(n)) }
      }
    }
    let (x, y) = (try producer(sides.0, a), try producer(sides.1, b))
    return ValueNode(type: .integer) { d, visit in
      x(d) { l in
        y(d) { r in
          guard case .integer(let p) = l, case .integer(let q) = r else { return false }
          switch op {
          case .add: return visit(.integer(p &+ q))
          case .subtract: return visit(.integer(p &- q))
          case .multiply: return visit(.integer(p &* q))
          // As tshark: dividing by zero has no value, so the test fails.
          // The one overflow, Int64.min / -1, wraps as + - * do.
          case .divide: return q == 0 ? false : visit(.integer(p.dividedReportingOverflow(by: q).partialValue))
          case .modulo: return q == 0 ? false : visit(.integer(p.remainderReportingOverflow(dividingBy: q).partialValue))
          case .bitAnd: return visit(.integer(p & q))
          }
        }
      }
    }
  }

  // MARK: Literals and errors

  private func constant(_ lit: LiteralText, as type: ValueType, for field: Expr) throws(LanguageError) -> Constant {
    let text = lit.text
    let bare = lit.quoted == nil
    let converted: Constant? = {
      switch type {
      case .integer, .boolean:
        return bare ? Literals.integer(text, boolean: type == .boolean).map { .integer($0) } : nil
      case .ipv4:
        return bare ? Literals.ipv4(text).map { .ipv4($0.0, prefix: $0.1) } : nil
      case .ipv6:
        return bare ? Literals.ipv6(text).map { .ipv6($0.0, $0.1, prefix: $0.2) } : nil
      case .ether:
        guard bare, let b = Literals.bytes(text), b.count == 6 else { return nil }
        return .bytes(b)
      case .bytes, .protocolItem:
        if let quoted = lit.quoted { return .bytes(quoted) }
        if let b = Literals.bytes(text) { return .bytes(b) }
        if let n = Literals.integer(text), n >= 0, n <= 255 { return .bytes([UInt8(n)]) }
        return nil
      case .string:
        return .bytes(lit.quoted ?? Array(text.utf8))
      case .relativeTime:
        return bare ? Literals.seconds(text).map { .time($0) } : nil
      case .absoluteTime:
        return Literals.seconds(text).map { .time($0) }
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
      throw LanguageError(.unknownField, "'\(text)' is neither a field nor \(type)\(what)", at: lit.location, suggestion: suggestion)
    }
    throw LanguageError(.type, "'\(text)' is not \(type)\(what)", at: lit.location)
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
      if n > maximum { throw LanguageError(.type, "'\(lit.text)' is too big for \(name), maximum \(maximum)", at: lit.location) }
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
    return nil
  }

  private func compatible(_ a: ValueType, _ b: ValueType) -> Bool {
    a == b || (a.isNumeric && b.isNumeric) || (a.isByteLike && b.isByteLike)
  }

  func unknownField(_ name: String, at location: SourceLocation) -> LanguageError {
    LanguageError(
      .unknownField, "unknown field '\(name)'", at: location,
      // A `let` name whose value is its own name (`let a = a`) is no fix.
      suggestion: Suggestions.closest(to: name, in: Array(Registry.fieldsByName.keys) + bindings.keys.filter { $0 != name }))
  }
}

private func compareValues_(_ a: RuntimeValue, _ b: RuntimeValue) -> Int? { compareValues(a, b) }

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
