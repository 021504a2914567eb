/// Expressions of the display-filter language, as parsed (before checking).
public indirect enum Expr: Sendable, Equatable {
  /// A bare word: a field or protocol name, a `let` name, or a literal
  /// whose meaning depends on what it is compared with.
  case word(String, SourceLocation)
  case string([UInt8], SourceLocation)
  /// `field#N`, `field#[ranges]`: the field's occurrences in those layers
  /// of its protocol (the raw layer text, parsed by the checker).
  case layer(String, String, SourceLocation)
  /// `${name:arg1;arg2}`: a display-filter macro, expanded by the checker.
  case macro(String, [String], SourceLocation)
  /// `any a op b`, `all a op b`: which occurrences of `a` the relation needs.
  case quantified(Quantifier, Expr, SourceLocation)
  /// `expr[ranges]`: the raw slice text, parsed by the checker.
  case slice(Expr, String, SourceLocation)
  case call(String, [Expr], SourceLocation)
  case not(Expr, SourceLocation)
  case negate(Expr, SourceLocation)
  /// Two or more operands joined by one operator, left to right: a chain
  /// `a || b || c` is one node, however long, so that it nests no deeper.
  case logical(LogicalOp, [Expr])
  case compare(CompareOp, Expr, Expr, SourceLocation)
  case arithmetic(ArithmeticOp, Expr, Expr, SourceLocation)
  case contains(Expr, Expr, SourceLocation)
  case matches(Expr, Expr, SourceLocation)
  case member(Expr, [SetElement], SourceLocation)

  public var location: SourceLocation {
    switch self {
    case .word(_, let l), .string(_, let l), .layer(_, _, let l), .macro(_, _, let l), .quantified(_, _, let l), .slice(_, _, let l), .call(_, _, let l), .not(_, let l),
      .negate(_, let l), .compare(_, _, _, let l), .arithmetic(_, _, _, let l), .contains(_, _, let l),
      .matches(_, _, let l), .member(_, _, let l):
      return l
    case .logical(_, let operands):
      guard let first = operands.first, let last = operands.last else {
        return SourceLocation(line: 1, column: 1, offset: 0, length: 0)
      }
      return first.location.through(last.location)
    }
  }
}

public enum SetElement: Sendable, Equatable {
  case value(Expr)
  /// `low..high`, inclusive.
  case range(Expr, Expr)
}

/// Wireshark 4.0's quantifiers: `any` (some occurrence satisfies the
/// relation), `all` (every occurrence does, and there is one).
public enum Quantifier: String, Sendable { case any, all }

public enum LogicalOp: String, Sendable { case and, or, xor }

public enum CompareOp: String, Sendable {
  /// `==`: any occurrence equal.
  case equal = "=="
  /// `!=`: no occurrence equal.
  case notEqual = "!="
  /// `===`: every occurrence equal.
  case allEqual = "==="
  /// `!==`: some occurrence not equal.
  case anyNotEqual = "!=="
  case less = "<"
  case greater = ">"
  case lessOrEqual = "<="
  case greaterOrEqual = ">="
}

public enum ArithmeticOp: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", bitAnd = "&"
}
