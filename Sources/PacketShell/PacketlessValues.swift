import PacketDissection
import PacketLanguage

/// The values of `echo` or the test of `assert`, which have no packet.
/// Checked when the script is, with an integer standing in for each name
/// a command gives a value to when it runs (`let n = count F`); compiled
/// again when the statement runs, with those names' values.
struct PacketlessValues {
  /// The expressions with every `let` name replaced but those in `runtimeNames`.
  let exprs: [Expr]
  /// The expressions as checked before the script ran.
  let checked: [CheckedValue]
  /// The names given a value at run time that the expressions use, sorted.
  let runtimeNames: [String]

  /// The values, computed with `values` for the names given one at run time.
  func columns(_ values: [String: Int]) -> ValueColumns {
    guard !runtimeNames.isEmpty else { return ValueColumns(checked) }
    var bindings: [String: Expr] = [:]
    for name in runtimeNames { bindings[name] = .word(String(values[name] ?? 0), exprs[0].location) }
    let checker = Checker(bindings: bindings)
    var compiled: [CheckedValue] = []
    // The placeholder checked already, and a number has the same type.
    for (e, before) in zip(exprs, checked) { compiled.append((try? checker.column(e)) ?? before) }
    return ValueColumns(compiled)
  }

  /// The values as one line, tab-separated, as `echo` prints them.
  func line(_ values: [String: Int]) -> String {
    columns(values).line(Dissector().dissection)
  }
}
