import PacketLanguage

/// `text` parsed and checked, as the shell checks a filter before any back end reads it.
func checked(_ text: String, bindings: [String: Expr] = [:]) throws -> CheckedTest {
  try Checker(bindings: bindings).test(try Parser.expression(text))
}
