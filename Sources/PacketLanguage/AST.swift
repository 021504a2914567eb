/// Expressions of the display-filter language, as parsed (before checking).
public indirect enum Expr: Sendable, Equatable {
  /// A bare word: a field or protocol name, a `let` name, or a literal
  /// whose meaning depends on what it is compared with.
  case word(String, SourceLocation)
  case string([UInt8], SourceLocation)
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
    case .word(_, let l), .string(_, let l), .slice(_, _, let l), .call(_, _, let l), .not(_, let l),
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

/// A packet selection: `5`, `10-20`, `1,3,7-9` (frame numbers, inclusive).
public struct PacketRange: Sendable, Equatable {
  public var spans: [ClosedRange<Int>]
  public init(spans: [ClosedRange<Int>]) { self.spans = spans }
  public func contains(_ number: Int) -> Bool { spans.contains { $0.contains(number) } }
  public var last: Int { spans.map(\.upperBound).max() ?? 0 }
}

/// One command of a script, with where it was written.
public struct Statement: Sendable, Equatable {
  public var command: Command
  public var location: SourceLocation
}

public enum Command: Sendable, Equatable {
  case load(path: String)
  case filter(Expr?)
  case count(Expr?)
  case countBy(fields: [Expr], where: Expr?)
  case print(fields: [Expr], where: Expr?)
  case list(PacketRange?, where: Expr?)
  case show(PacketRange?)
  case hexdump(PacketRange?, field: Expr?)
  /// `layout PROTO [RANGE]`: the header as the RFCs draw it, or with each
  /// packet's values; `at` is where the protocol name was written.
  case layout(protocol: String, at: SourceLocation, packets: PacketRange?)
  /// `fields PROTO`: the protocol's fields as a table.
  case fields(protocol: String, at: SourceLocation)
  /// `protocols`: what is dissected, and how the layers bind.
  case protocols
  case save(path: String, where: Expr?)
  case letBinding(name: String, value: Expr)
  case help(topic: String?)
  case quit
  /// `interfaces`: the machine's network interfaces.
  case interfaces
  case capture(CaptureCommand)
}

/// `capture IFACE [count N] [for SECONDS] [where EXPR] [quiet] [promisc] [explain]`,
/// the clauses after the interface in any order.
public struct CaptureCommand: Sendable, Equatable {
  /// An interface name, or `any` for all of them.
  public var interface: String
  /// Where the interface name was written.
  public var location: SourceLocation
  /// Stop after this many packets (that pass `filter`).
  public var count: Int?
  /// Stop after this many seconds.
  public var seconds: Double?
  public var filter: Expr?
  /// No summary line per packet.
  public var quiet = false
  public var promiscuous = false
  /// Print how the filter would run instead of capturing.
  public var explain = false

  public init(interface: String, location: SourceLocation) {
    self.interface = interface
    self.location = location
  }
}
