/// Display-filter macros, as Wireshark's (`dfilter_macros`): a macro is a
/// text with `$1`, `$2`, … for its arguments, defined by a script's
/// `macro NAME = "TEXT"` and used as `${NAME}` or `${NAME:arg1;arg2}`.
/// A use is replaced by its text, arguments put in (as many as the highest
/// `$N`), read as an expression of its own: unlike Wireshark's, which
/// splices the text in, it groups as if in parentheses (`${a} && b` with
/// `a` = `x || y` is `(x || y) && b`).
///
/// Definitions are kept among the `let` bindings under `${NAME}`, a key no
/// `let` name can take, as a string holding the text.
extension Expr {
  /// The key a macro's text is bound under.
  public static func macroKey(_ name: String) -> String { "${" + name + "}" }

  /// Uses of macros inside a macro's text may nest this deep (a macro that
  /// uses itself would otherwise never end).
  static let maximumMacroNesting = 16

  /// The expression with every macro use replaced by its expansion.
  func expandingMacros(_ bindings: [String: Expr], depth: Int = 0) throws(LanguageError) -> Expr {
    guard bindings.keys.contains(where: { $0.hasPrefix("${") }) else { return self }
    func sub(_ e: Expr) throws(LanguageError) -> Expr { try e.expandingMacros(bindings, depth: depth) }
    switch self {
    case .macro(let name, let arguments, let location):
      guard case .string(let text, _) = bindings[Expr.macroKey(name)] else {
        throw LanguageError(.unknownName, "unknown macro '\(name)' (define it with macro \(name) = \"…\")", at: location)
      }
      guard depth < Expr.maximumMacroNesting else {
        throw LanguageError(.syntax, "macros nested too deeply (limit \(Expr.maximumMacroNesting))", at: location)
      }
      let body = String(decoding: text, as: UTF8.self)
      let expected = Expr.argumentCount(body)
      guard arguments.count == expected else {
        throw LanguageError(
          .syntax, "macro '\(name)' takes \(expected) argument\(expected == 1 ? "" : "s"), not \(arguments.count)",
          at: location)
      }
      let expanded = Expr.substitutingArguments(body, arguments)
      let parsed: Expr
      do { parsed = try Parser.expression(expanded) } catch {
        throw LanguageError(error.kind, "in macro '\(name)' (\(expanded)): \(error.message)", at: location)
      }
      return try parsed.relocated(to: location).expandingMacros(bindings, depth: depth + 1)
    case .word, .string, .layer: return self
    case .quantified(let q, let inner, let l): return .quantified(q, try sub(inner), l)
    case .slice(let base, let text, let l): return .slice(try sub(base), text, l)
    case .call(let name, let arguments, let l):
      var out: [Expr] = []
      for a in arguments { out.append(try sub(a)) }
      return .call(name, out, l)
    case .not(let inner, let l): return .not(try sub(inner), l)
    case .negate(let inner, let l): return .negate(try sub(inner), l)
    case .logical(let op, let operands):
      var out: [Expr] = []
      for o in operands { out.append(try sub(o)) }
      return .logical(op, out)
    case .compare(let op, let a, let b, let l): return .compare(op, try sub(a), try sub(b), l)
    case .arithmetic(let op, let a, let b, let l): return .arithmetic(op, try sub(a), try sub(b), l)
    case .contains(let a, let b, let l): return .contains(try sub(a), try sub(b), l)
    case .matches(let a, let b, let l): return .matches(try sub(a), try sub(b), l)
    case .member(let a, let elements, let l): return .member(try sub(a), elements, l)
    }
  }

  /// The highest `$N` in `text`: how many arguments the macro takes.
  static func argumentCount(_ text: String) -> Int {
    var highest = 0
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      rest = rest[rest.index(after: dollar)...]
      if let n = Int(rest.prefix(while: { $0.isASCII && $0.isNumber })) { highest = max(highest, n) }
    }
    return highest
  }

  /// `text` with `$1`, `$2`, … replaced by the arguments.
  static func substitutingArguments(_ text: String, _ arguments: [String]) -> String {
    var out = ""
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      out += rest[..<dollar]
      let digits = rest[rest.index(after: dollar)...].prefix(while: { $0.isASCII && $0.isNumber })
      if let n = Int(digits), n >= 1 {
        if n <= arguments.count { out += arguments[n - 1] }
        rest = rest[digits.endIndex...]
      } else {
        out += "$"
        rest = rest[rest.index(after: dollar)...]
      }
    }
    return out + rest
  }

  /// The expression with every location set to `location`: errors in a
  /// macro's expansion point at its use.
  func relocated(to location: SourceLocation) -> Expr {
    let r = { (e: Expr) in e.relocated(to: location) }
    switch self {
    case .word(let w, _): return .word(w, location)
    case .string(let b, _): return .string(b, location)
    case .layer(let w, let t, _): return .layer(w, t, location)
    case .macro(let n, let a, _): return .macro(n, a, location)
    case .quantified(let q, let inner, _): return .quantified(q, r(inner), location)
    case .slice(let base, let text, _): return .slice(r(base), text, location)
    case .call(let name, let arguments, _): return .call(name, arguments.map(r), location)
    case .not(let inner, _): return .not(r(inner), location)
    case .negate(let inner, _): return .negate(r(inner), location)
    case .logical(let op, let operands): return .logical(op, operands.map(r))
    case .compare(let op, let a, let b, _): return .compare(op, r(a), r(b), location)
    case .arithmetic(let op, let a, let b, _): return .arithmetic(op, r(a), r(b), location)
    case .contains(let a, let b, _): return .contains(r(a), r(b), location)
    case .matches(let a, let b, _): return .matches(r(a), r(b), location)
    case .member(let a, let elements, _):
      return .member(
        r(a),
        elements.map { element in
          switch element {
          case .value(let v): .value(r(v))
          case .range(let low, let high): .range(r(low), r(high))
          }
        }, location)
    }
  }
}
