import PacketDissection
import PacketLanguage
import PacketWire

/// The values of `echo`, or the test of `assert` or `if`, which have no
/// packet. Compiled when the script is checked; a `let` name given its
/// value when the script runs (`let n = count F`) is read as they are
/// evaluated.
struct PacketlessValues {
  /// Where the first expression is written, for `assert`'s message.
  let location: SourceLocation
  let columns: ValueColumns
  /// The names given a value when the script runs that the expressions
  /// use, sorted, for `assert`'s message.
  let variables: [ScriptVariable]

  /// The values as one line, tab-separated, as `echo` prints them.
  var line: String { columns.line(Dissection()) }

  /// Whether the test holds (the one value is `true`).
  var holds: Bool { line == "true" }

  /// `n = 2, mean = 61.500`: the variables' values (`none` before they have one).
  var variableValues: String {
    variables.map { variable in
      var text = ByteWriter()
      if let value = variable.runtimeValue { ValueText.append(value, type: variable.type, to: &text) }
      return "\(variable.name) = \(variable.value == nil ? "none" : text.text)"
    }.joined(separator: ", ")
  }
}
