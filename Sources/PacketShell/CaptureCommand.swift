import PacketLanguage

/// `capture IFACE [count N] [for SECONDS] [where EXPR] [quiet] [promisc] [explain]`,
/// the clauses after the interface in any order.
struct CaptureCommand {
  /// An interface name, or `any` for all of them.
  var interface: String
  /// Where the interface name was written.
  var location: SourceLocation
  /// Stop after this many packets (that pass `filter`).
  var count: Int?
  /// Stop after this many seconds.
  var seconds: Double?
  var filter: Expr?
  /// No summary line per packet.
  var quiet = false
  var promiscuous = false
  /// Print how the filter would run instead of capturing.
  var explain = false

  init(interface: String, location: SourceLocation) {
    self.interface = interface
    self.location = location
  }

  static let clauses = ["count", "for", "where", "quiet", "promisc", "explain"]

  /// The interface, then `count N`, `for SECONDS`, `where EXPR`, `quiet`,
  /// `promisc`, `explain` in any order.
  static func parse(_ parser: inout Parser) throws(LanguageError) -> CaptureCommand {
    let name = parser.advance()
    var command: CaptureCommand
    switch name.kind {
    case .word(let word) where !clauses.contains(word):
      command = CaptureCommand(interface: word, location: name.location)
    case .string(let bytes):
      command = CaptureCommand(interface: String(decoding: bytes, as: UTF8.self), location: name.location)
    default:
      throw LanguageError(.syntax, "capture needs an interface name (or any)", at: name.location)
    }
    while !parser.atStatementEnd {
      let clause = parser.advance()
      guard case .word(let word) = clause.kind else {
        throw LanguageError(.syntax, "unexpected \(parser.describe(clause))", at: clause.location)
      }
      switch word {
      case "count":
        let token = parser.advance()
        guard case .word(let text) = token.kind, let n = Int(text), n > 0 else {
          throw LanguageError(.syntax, "count needs a number of packets", at: token.location)
        }
        command.count = n
      case "for":
        let token = parser.advance()
        guard case .word(let text) = token.kind, let seconds = seconds(text) else {
          throw LanguageError(.syntax, "for needs a duration: seconds (2.5) or 500ms, 10s, 5m, 1h", at: token.location)
        }
        command.seconds = seconds
      case "where": command.filter = try parser.expression()
      case "quiet": command.quiet = true
      case "promisc": command.promiscuous = true
      case "explain": command.explain = true
      default:
        throw LanguageError(
          .syntax, "unexpected '\(word)'; capture takes count N, for SECONDS, where EXPR, quiet, promisc, explain",
          at: clause.location, suggestion: Suggestions.closest(to: word, in: clauses))
      }
    }
    return command
  }

  /// `2.5` (seconds) or a number with a unit: `500ms`, `10s`, `5m`, `1h`;
  /// nil unless positive and finite.
  static func seconds(_ text: String) -> Double? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = Substring(text)
    var scale = 1.0
    if let (suffix, factor) = units.first(where: { text.hasSuffix($0.0) }) {
      number = number.dropLast(suffix.count)
      scale = factor
    }
    guard let value = Double(number), value.isFinite, value > 0 else { return nil }
    return value * scale
  }

  /// The capture checked: a script must bound it (`count` or `for`) unless
  /// it only explains; the interactive prompt need not (Ctrl-C ends it).
  func check(_ checker: inout ScriptChecker) throws(LanguageError) -> CaptureRequest {
    if !explain && count == nil && seconds == nil && !checker.allowsUnboundedCapture {
      throw LanguageError(.syntax, "a capture in a script needs count N or for SECONDS to end", at: location)
    }
    return CaptureRequest(command: self, filter: try checker.filter(filter))
  }
}
