/// `let` names, replaced by what they stand for.
///
/// A binding's value is stored with the names it used already replaced
/// (`ScriptChecker` substitutes before it binds), and substitution does
/// not look inside the values it puts in. So a name means what it meant
/// when it was bound, as with Wireshark's display-filter macros: after
/// `let a = tcp; let a = a && udp`, `a` is `tcp && udp`; `let a = a` binds
/// the word `a` itself; and no binding can refer to itself, however the
/// names are rebound.
extension Expr {
  /// The expression with every word that names a binding replaced by its value.
  public func substituting(_ bindings: [String: Expr]) -> Expr {
    guard !bindings.isEmpty else { return self }
    func sub(_ e: Expr) -> Expr { e.substituting(bindings) }
    switch self {
    case .word(let name, _): return bindings[name] ?? self
    case .string, .layer, .macro: return self
    case .quantified(let q, let inner, let l): return .quantified(q, sub(inner), l)
    case .slice(let base, let text, let l): return .slice(sub(base), text, l)
    case .call(let name, let arguments, let l): return .call(name, arguments.map(sub), l)
    case .not(let inner, let l): return .not(sub(inner), l)
    case .negate(let inner, let l): return .negate(sub(inner), l)
    case .logical(let op, let operands): return .logical(op, operands.map(sub))
    case .compare(let op, let a, let b, let l): return .compare(op, sub(a), sub(b), l)
    case .arithmetic(let op, let a, let b, let l): return .arithmetic(op, sub(a), sub(b), l)
    case .contains(let a, let b, let l): return .contains(sub(a), sub(b), l)
    case .matches(let a, let b, let l): return .matches(sub(a), sub(b), l)
    case .member(let a, let elements, let l):
      return .member(
        sub(a),
        elements.map { element in
          switch element {
          case .value(let v): .value(sub(v))
          case .range(let low, let high): .range(sub(low), sub(high))
          }
        }, l)
    }
  }
}
