/// A `let` name whose value a command gives when the script runs (`let n
/// = count F`, `let bytes = stats sum(frame.len)`). It is checked with its
/// type before anything runs, and what is compiled from it reads the value
/// at the moment it is evaluated, so a filter, `echo`, `assert` or `if`
/// compiled before the `let` ran sees the number it gave.
///
/// Only the shell's one running script writes it, between the statements
/// that read it.
public final class ScriptVariable: @unchecked Sendable {
  /// The name `let` gave it, for messages.
  public let name: String
  /// Its number among the script's variables, which tells apart two of one name.
  public let number: Int
  /// `.integer`, `.relativeTime` (nanoseconds) or `.decimal` (thousandths).
  public let type: ValueType
  /// The value, in its type's unit; nil until the `let` runs, or when
  /// the command gave none (`stats max(E)` over no values).
  public var value: Int64?

  public init(_ name: String, number: Int, type: ValueType) {
    self.name = name
    self.number = number
    self.type = type
  }

  /// The value as `RuntimeValue`, as the evaluator gives it.
  public var runtimeValue: RuntimeValue? {
    value.map { type == .relativeTime ? .time($0) : .integer($0) }
  }
}
