import PacketDissection
import PacketLanguage

/// `decode`: Wireshark's Decode As. `decode tcp.port == 8080 as http` adds
/// a rule, `decode clear` drops them all, `decode` alone lists them.
enum DecodeCommand {
  case list
  case clear
  case add(DecodeAsRule)

  /// What was written, checked when the statement is checked (the rule
  /// does not depend on the capture).
  enum Written {
    case list
    case clear
    case add(table: Token, key: Token, proto: Token)
  }

  static func read(_ parser: inout Parser) throws(LanguageError) -> Written {
    if parser.atStatementEnd { return .list }
    if parser.isWord("clear") {
      _ = parser.advance()
      return .clear
    }
    let table = parser.advance()
    try expect(&parser, .op("=="), "'==' after the table name (decode tcp.port == 8080 as http)")
    let key = parser.advance()
    try expect(&parser, .word("as"), "'as' before the protocol (decode tcp.port == 8080 as http)")
    let proto = parser.advance()
    return .add(table: table, key: key, proto: proto)
  }

  private static func expect(_ parser: inout Parser, _ kind: TokenKind, _ what: String) throws(LanguageError) {
    let token = parser.advance()
    guard token.kind == kind else {
      throw LanguageError(.syntax, "decode needs \(what), found \(parser.describe(token))", at: token.location)
    }
  }

  static func check(_ written: Written) throws(LanguageError) -> DecodeCommand {
    switch written {
    case .list: return .list
    case .clear: return .clear
    case .add(let tableToken, let keyToken, let protoToken):
      guard case .word(let table) = tableToken.kind else {
        throw LanguageError(.syntax, "decode needs a table name (tcp.port, udp.port, ip.proto, ethertype)", at: tableToken.location)
      }
      guard case .word(let keyText) = keyToken.kind, let key = number(keyText) else {
        throw LanguageError(.syntax, "decode needs a number after '==' (8080, 0x88b5)", at: keyToken.location)
      }
      guard case .word(let proto) = protoToken.kind else {
        throw LanguageError(.syntax, "decode needs a protocol name after 'as'", at: protoToken.location)
      }
      switch DecodeAsRule.make(table: table, key: key, protocolName: proto) {
      case .success(let rule): return .add(rule)
      case .failure(let error):
        switch error {
        case .unknownTable: throw LanguageError(.unknownName, error.message, at: tableToken.location)
        case .keyTooLarge: throw LanguageError(.type, error.message, at: keyToken.location)
        case .notInTable: throw LanguageError(.unknownName, error.message, at: protoToken.location)
        }
      }
    }
  }

  /// A decimal or `0x` hexadecimal number.
  private static func number(_ text: String) -> UInt64? {
    text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
  }
}

extension Session {
  func decode(_ command: DecodeCommand) -> Outcome {
    switch command {
    case .list:
      if decodeAs.isEmpty { out.line("no decode rules: every table binds as `protocols` lists") }
      for rule in decodeAs.rules {
        let key = rule.table == .ethertype ? "0x" + String(rule.key, radix: 16, uppercase: false) : String(rule.key)
        out.line("decode \(rule.table.rawValue) == \(key) as \(Registry.decl(rule.protocolID).name)")
      }
    case .clear: decodeAs.removeAll()
    case .add(let rule): decodeAs.add(rule)
    }
    return .ok
  }
}
