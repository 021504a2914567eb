/// Bounds on an expression tree that every stage can rely on: the
/// checker and every back end recurse over the tree (the checked form
/// has the same shape).
///
/// The parser keeps what it builds within `Parser.maximumNesting`; a tree
/// can grow past that only by `let` substitution (`let a = !(!(a))` again
/// and again nests deeper; `let a = a && a` again and again doubles).
/// `Checker` checks both bounds before it checks the tree.
public enum ExpressionLimits {
  /// Levels of the tree: well above what `Parser.maximumNesting` allows
  /// (each parenthesised level adds at most a few nodes).
  public static let maximumDepth = 1_000
  /// Nodes of the tree, counting a `let` value once for each use.
  public static let maximumNodes = 1_000_000

  /// Why `expr` is out of bounds, or nil when it is within them. Walks at
  /// most `maximumNodes` nodes, never deeper than `maximumDepth`.
  public static func violation(_ expr: Expr) -> String? {
    var nodes = 0
    func fits(_ e: Expr, _ depth: Int) -> String? {
      nodes += 1
      if nodes > maximumNodes { return "expression too large once let names are substituted (limit \(maximumNodes) terms)" }
      if depth > maximumDepth { return "expression nested too deeply once let names are substituted (limit \(maximumDepth))" }
      for child in e.children {
        if let problem = fits(child, depth + 1) { return problem }
      }
      return nil
    }
    return fits(expr, 1)
  }
}

extension Expr {
  /// The expressions directly inside this one.
  var children: [Expr] {
    switch self {
    case .word, .string, .layer, .macro: []
    case .quantified(_, let inner, _): [inner]
    case .slice(let base, _, _): [base]
    case .call(_, let arguments, _): arguments
    case .not(let inner, _), .negate(let inner, _): [inner]
    case .logical(_, let operands): operands
    case .compare(_, let a, let b, _), .arithmetic(_, let a, let b, _), .contains(let a, let b, _),
      .matches(let a, let b, _):
      [a, b]
    case .member(let a, let elements, _):
      [a]
        + elements.flatMap { element -> [Expr] in
          switch element {
          case .value(let v): [v]
          case .range(let low, let high): [low, high]
          }
        }
    }
  }
}
