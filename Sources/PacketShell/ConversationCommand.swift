import PacketDissection
import PacketLanguage

/// `conversations KIND [where EXPR] [top N]` and `endpoints KIND [where
/// EXPR] [top N]` as written: tshark's `-z conv,KIND` and `-z endpoints,KIND`.
struct ConversationCommand {
  /// What a conversation is between, as tshark's table types name it.
  enum Kind: String, CaseIterable, Sendable {
    case eth, ip, ipv6, tcp, udp

    /// The protocol whose layers the table counts.
    var protocolID: ProtocolID {
      switch self {
      case .eth: .eth
      case .ip: .ip
      case .ipv6: .ipv6
      case .tcp: .tcp
      case .udp: .udp
      }
    }

    /// The fields that name a side: addresses, then ports for TCP and UDP
    /// (which run over IPv4 or IPv6).
    var fields: (addresses: [(source: String, destination: String)], ports: (String, String)?) {
      switch self {
      case .eth: ([("eth.src", "eth.dst")], nil)
      case .ip: ([("ip.src", "ip.dst")], nil)
      case .ipv6: ([("ipv6.src", "ipv6.dst")], nil)
      case .tcp: ([("ip.src", "ip.dst"), ("ipv6.src", "ipv6.dst")], ("tcp.srcport", "tcp.dstport"))
      case .udp: ([("ip.src", "ip.dst"), ("ipv6.src", "ipv6.dst")], ("udp.srcport", "udp.dstport"))
      }
    }
  }

  /// `endpoints` rather than `conversations`.
  var endpoints: Bool
  var kind: Kind
  var filter: Expr?
  var top: Int?

  static func parse(_ parser: inout Parser, endpoints: Bool) throws(LanguageError) -> ConversationCommand {
    let name = endpoints ? "endpoints" : "conversations"
    let kinds = Kind.allCases.map(\.rawValue)
    let token = parser.advance()
    guard case .word(let word) = token.kind, let kind = Kind(rawValue: word) else {
      let word = if case .word(let w) = token.kind { w } else { "" }
      throw LanguageError(
        .syntax, "\(name) needs a type: \(kinds.joined(separator: ", ")), found \(parser.describe(token))",
        at: token.location, suggestion: Suggestions.closest(to: word, in: kinds))
    }
    var command = ConversationCommand(endpoints: endpoints, kind: kind)
    while !parser.atStatementEnd {
      let clause = parser.advance()
      guard case .word(let word) = clause.kind, word == "where" || word == "top" else {
        throw LanguageError(
          .syntax, "unexpected \(parser.describe(clause)); \(name) \(kind) takes where EXPR and top N",
          at: clause.location)
      }
      if word == "where" {
        command.filter = try parser.expression()
        continue
      }
      let count = parser.advance()
      guard case .word(let text) = count.kind, let n = Int(text), n > 0 else {
        throw LanguageError(.syntax, "top needs a number of rows", at: count.location)
      }
      command.top = n
    }
    return command
  }

  /// The checked command. Its fields are the columns of a `StatsQuery`
  /// (so that `FastStats` reads them from raw bytes): each address pair's
  /// source and destination, the ports, the ICMP types (a datagram an
  /// ICMP error quotes is no conversation of its own), for TCP its flags
  /// and raw sequence and acknowledgment numbers (a SYN with a new initial
  /// number starts a new conversation, as a new `tcp.stream`), for UDP its
  /// length (a bogus one ends tshark's UDP before its tap), then `frame.len`.
  func check(_ checker: inout ScriptChecker) throws(LanguageError) -> ConversationQuery {
    let here = SourceLocation(line: 1, column: 1, offset: 0, length: 0)
    let (addresses, ports) = kind.fields
    var names = addresses.flatMap { [$0.source, $0.destination] }
    if let ports { names += [ports.0, ports.1, "icmp.type", "icmpv6.type"] }
    if kind == .tcp { names += ["tcp.flags", "tcp.seq_raw", "tcp.ack_raw"] }
    if kind == .udp { names.append("udp.length") }
    var by: [StatsValue] = []
    for name in names { by.append(StatsValue(try checker.checker.column(.word(name, here)))) }
    let length = StatsValue(try checker.checker.column(.word("frame.len", here)))
    let stats = StatsQuery(
      aggregates: [StatsQuery.Aggregate(function: .sum, value: length)], by: by,
      filter: try checker.filter(filter), top: top, headers: [])
    return ConversationQuery(endpoints: endpoints, kind: kind, stats: stats)
  }
}

/// A checked `conversations` or `endpoints`: what the session runs.
struct ConversationQuery {
  var endpoints: Bool
  var kind: ConversationCommand.Kind
  /// The fields it reads, as columns (see `ConversationCommand.check`), its filter and `top`.
  var stats: StatsQuery

  var hasPorts: Bool { kind.fields.ports != nil }

  /// The columns' headers.
  var headers: [String] {
    let side = { (name: String) in hasPorts ? [name, name + ".port"] : [name] }
    if endpoints {
      return side("address") + ["packets", "bytes", "tx_packets", "tx_bytes", "rx_packets", "rx_bytes"]
    }
    return side("a") + side("b") + [
      "frames_b_to_a", "bytes_b_to_a", "frames_a_to_b", "bytes_a_to_b", "frames", "bytes", "start", "duration",
    ]
  }
}
