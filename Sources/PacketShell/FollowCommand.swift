import PacketLanguage

/// `follow EXPR [as ascii|hex|raw] [save PATH]`: the payload of the TCP
/// or UDP stream of the first packet in view that EXPR matches, as
/// tshark's `-z follow` shows it, or each side's payload saved to a file.
struct FollowCommand {
  var filter: Expr
  var mode: FollowText.Mode = .ascii
  /// Where `save` writes: PATH.client and PATH.server.
  var savePath: String?

  static func parse(_ parser: inout Parser) throws(LanguageError) -> FollowCommand {
    guard !parser.atStatementEnd else {
      throw LanguageError(
        .syntax, "follow needs a filter that picks a stream (follow tcp.stream == 0)", at: parser.peek.location)
    }
    var command = FollowCommand(filter: try parser.expression())
    while !parser.atStatementEnd {
      let clause = parser.advance()
      switch clause.kind {
      case .word("as"):
        let token = parser.advance()
        let modes = FollowText.Mode.allCases.map(\.rawValue)
        guard case .word(let word) = token.kind, let mode = FollowText.Mode(rawValue: word) else {
          let word = if case .word(let w) = token.kind { w } else { "" }
          throw LanguageError(
            .syntax, "follow … as needs \(modes.joined(separator: ", ")), found \(parser.describe(token))",
            at: token.location, suggestion: Suggestions.closest(to: word, in: modes))
        }
        command.mode = mode
      case .word("save"):
        command.savePath = try parser.path(after: "save")
      default:
        throw LanguageError(
          .syntax, "unexpected \(parser.describe(clause)); follow EXPR takes as ascii|hex|raw and save PATH",
          at: clause.location)
      }
    }
    return command
  }

  func check(_ checker: inout ScriptChecker) throws(LanguageError) -> FollowQuery {
    FollowQuery(
      filter: CompiledFilter(try checker.checker.test(filter)), mode: mode, savePath: savePath, stream: namedStream)
  }

  /// The stream a filter `tcp.stream == N` or `udp.stream == N` names:
  /// in a tunnel a packet has several, and the one named is followed.
  private var namedStream: (udp: Bool, index: Int)? {
    guard case .compare(.equal, .word(let field, _), .word(let number, _), _) = filter, let index = Int(number),
      field == "tcp.stream" || field == "udp.stream"
    else { return nil }
    return (field == "udp.stream", index)
  }
}

/// A checked `follow`: what the session runs.
struct FollowQuery {
  var filter: CompiledFilter
  var mode: FollowText.Mode
  var savePath: String?
  /// The stream the filter names, if it is `tcp.stream == N` or `udp.stream == N`.
  var stream: (udp: Bool, index: Int)?
}
