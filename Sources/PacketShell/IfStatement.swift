import PacketLanguage

/// `if E { … } [else if E { … }]… [else { … }]` as written: each test with
/// its block, then the block for when none holds.
struct IfStatement {
  struct Branch {
    var test: Expr
    var block: [WrittenStatement]
  }

  var branches: [Branch]
  var otherwise: [WrittenStatement]?

  /// Reads from after `if`; `else` may start the line after a `}`.
  static func parse(_ parser: inout Parser) throws(LanguageError) -> IfStatement {
    var statement = IfStatement(
      branches: [Branch(test: try parser.expression(), block: try parser.block(ShellCommand.statement))],
      otherwise: nil)
    while parser.continues(with: "else") {
      _ = parser.advance()
      guard parser.isWord("if") else {
        statement.otherwise = try parser.block(ShellCommand.statement)
        break
      }
      _ = parser.advance()
      statement.branches.append(Branch(test: try parser.expression(), block: try parser.block(ShellCommand.statement)))
    }
    return statement
  }

  /// Checks every test and every block, whichever will run, so that a
  /// mistake in a block not taken is found before anything runs too. A
  /// `let` in a block names something for the rest of that block only.
  func check(_ checker: inout ScriptChecker) throws(LanguageError) -> CheckedIf {
    func actions(_ block: [WrittenStatement]) throws(LanguageError) -> [Action] {
      var inner = checker
      var actions: [Action] = []
      for statement in block { actions.append(try statement(&inner)) }
      return actions
    }
    var checked = CheckedIf(branches: [], otherwise: nil)
    for branch in branches {
      checked.branches.append((try checker.packetlessTest(branch.test, command: "if"), try actions(branch.block)))
    }
    checked.otherwise = try otherwise.map { block throws(LanguageError) in try actions(block) }
    return checked
  }
}

/// A checked `if`: the session runs the block of the first test that
/// holds, or `otherwise`.
struct CheckedIf {
  var branches: [(test: PacketlessValues, block: [Action])]
  var otherwise: [Action]?
}
