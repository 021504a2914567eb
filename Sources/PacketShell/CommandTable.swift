import PacketLanguage

/// Where the description of a command with a long syntax starts, on the line after it.
private let indent = String(repeating: " ", count: 21)

extension ShellCommand {
  /// Every command, in the order `help` lists them.
  static let all: [ShellCommand] = [
    ShellCommand(
      "load", help: "load PATH            read a pcap or pcapng file, compressed (gzip, zstd, lz4) or not; replaces the packets\n",
      completion: .fileNames,
      syntax: { parser throws(LanguageError) in try parser.path(after: "load") },
      check: { path, _ in path },
      run: { session, path in session.load(path) }),
    ShellCommand(
      "filter", help: "filter EXPR          narrow the view that later commands see; `filter` alone clears it\n",
      syntax: { parser throws(LanguageError) in try parser.optionalExpression() },
      check: { expr, checker throws(LanguageError) in (filter: try checker.filter(expr), written: expr.map(StatsCommand.written)) },
      run: { session, checked in session.narrow(to: checked.filter, written: checked.written) }),
    ShellCommand(
      "count",
      help: """
        count [EXPR]         number of packets in view (that match EXPR)
        count by E[, E…] [where EXPR]
                             packets per distinct value, most frequent first, as stats count
                             by groups them (count by ip.src, frame.len / 100)

        """,
      syntax: { parser throws(LanguageError) -> (by: [Expr]?, filter: Expr?) in
        guard parser.isWord("by") else { return (nil, try parser.optionalExpression()) }
        _ = parser.advance()
        return (try parser.expressionList(), try parser.whereClause())
      },
      check: { written, checker throws(LanguageError) -> (by: StatsQuery?, filter: CompiledFilter?) in
        // `count by` is `stats count by`.
        guard let by = written.by else { return (nil, try checker.filter(written.filter)) }
        let command = StatsCommand(
          aggregates: [StatsCommand.Aggregate(function: .count, text: "count")], by: by, filter: written.filter)
        return (try command.check(&checker), nil)
      },
      run: { session, checked in
        checked.by.map { session.stats($0) } ?? session.count(checked.filter)
      }),
    ShellCommand(
      "print",
      help: """
        print E[, E…] [where EXPR]
                             one line per packet, in the rows of format. E is a field
                             (occurrences joined by ','), arithmetic (tcp.len * 8, frame.len - 14;
                             over each occurrence), a slice (tcp.payload[0:4]), a function (len,
                             count, upper, lower, max, min, abs, string), a literal, or a test
                             (tcp.port == 80 prints true or false). Values print as tshark prints
                             a field of their type; computed integers in decimal

        """,
      syntax: { parser throws(LanguageError) in
        (values: try parser.expressionList(), filter: try parser.whereClause())
      },
      check: { written, checker throws(LanguageError) in
        (
          columns: try checker.columns(written.values), headers: written.values.map(StatsCommand.written),
          filter: try checker.filter(written.filter)
        )
      },
      run: { session, checked in session.printValues(checked.columns, headers: checked.headers, checked.filter) }),
    ShellCommand(
      "format",
      help: """
        format table|tsv|csv|json
                             how print, count by, stats, conversations and endpoints write rows
                             from now on:
                             table: aligned under a header (print: as the first 100 rows set
                             the widths, wider values push their line); tsv: tab-separated,
                             no header; csv: RFC 4180 with a header row of the expressions as
                             written, CRLF line ends; json: one object a line keyed by the
                             expressions, numbers bare, a repeated field an array, an absent one
                             left out. Default: table on a terminal, tsv in a pipe (pktsh --format)

        """,
      syntax: { parser throws(LanguageError) in
        let token = parser.advance()
        let names = RowFormat.allCases.map(\.rawValue)
        guard case .word(let name) = token.kind, let format = RowFormat(rawValue: name) else {
          let word = if case .word(let w) = token.kind { w } else { "" }
          throw LanguageError(
            .syntax, "format needs one of \(names.joined(separator: ", ")), found \(parser.describe(token))",
            at: token.location, suggestion: Suggestions.closest(to: word, in: names))
        }
        return format
      },
      check: { format, _ in format },
      run: { session, format in
        session.format = format
        return .ok
      }),
    ShellCommand(
      "reassembly",
      help: """
        reassembly on|off    whether PDUs of the layers above TCP that span segments are put back
                             together and dissected at the segment that completes them (tshark's
                             tcp.desegment_tcp_streams); on by default, as in tshark

        """,
      syntax: { parser throws(LanguageError) in
        let token = parser.advance()
        guard case .word(let word) = token.kind, word == "on" || word == "off" else {
          throw LanguageError(.syntax, "reassembly needs on or off, found \(parser.describe(token))", at: token.location)
        }
        return word == "on"
      },
      check: { on, _ in on },
      run: { session, on in
        session.reassemblesTCP = on
        return .ok
      }),
    ShellCommand(
      "echo",
      help: """
        echo E[, E…]         print values with no packet: literals, let names, arithmetic and
                             tests on them (echo "limit", n * 2); a field is an error here

        """,
      syntax: { parser throws(LanguageError) in try parser.expressionList() },
      check: { values, checker throws(LanguageError) in try checker.packetlessValues(values) },
      run: { session, columns in session.echo(columns) }),
    ShellCommand(
      "assert",
      help: """
        assert E[, "message"]
                             stop the script with exit status 3 when the test E is false, saying
                             FILE:LINE: assertion failed: message (n = 2) on standard error;
                             E as in echo (let n = count tcp.flags.reset == 1; assert n == 0, "resets")

        """,
      syntax: { parser throws(LanguageError) -> (test: Expr, message: String?) in
        let test = try parser.expression()
        guard parser.peek.kind == .op(",") else { return (test, nil) }
        _ = parser.advance()
        let token = parser.advance()
        guard case .string(let bytes) = token.kind else {
          throw LanguageError(.syntax, "assert's message is a quoted string", at: token.location)
        }
        return (test, String(decoding: bytes, as: UTF8.self))
      },
      check: { written, checker throws(LanguageError) in
        (test: try checker.packetlessTest(written.test, command: "assert"), message: written.message)
      },
      run: { session, checked in session.assert(checked.test, message: checked.message) }),
    ShellCommand(
      "if",
      help: """
        if E { … } [else if E { … }] [else { … }]
                             run the block of the first test E that holds (E as in assert);
                             blocks may span lines and nest, their statements separated by
                             newlines or ;. Every block is checked before anything runs; a let
                             inside a block names something for that block only.
                             if resets > 0 { echo "resets", resets } else { echo "no resets" }

        """,
      syntax: { parser throws(LanguageError) in try IfStatement.parse(&parser) },
      check: { statement, checker throws(LanguageError) in try statement.check(&checker) },
      run: { session, choice in session.run(choice) }),
    ShellCommand(
      "stats",
      help: """
        stats AGG[, AGG…] [by E[, E…]] [where EXPR] [every DURATION] [top N]
                             aggregates per group of packets, largest first: count, sum(E), avg(E),
                             min(E), max(E), distinct(E); every 1s (100ms, 5m): by time since the first
                             e.g. stats sum(frame.len), count by ip.src top 5   top talkers by bytes
                                  stats count, sum(frame.len) every 1s          packets and bytes a second
                                  stats avg(tcp.len) by tcp.stream top 3        the 3 chattiest TCP streams
                                  let bytes = stats sum(frame.len)              one number, for echo, assert, if

        """,
      syntax: { parser throws(LanguageError) in try StatsCommand.parse(&parser) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, query in session.stats(query) }),
    ShellCommand(
      "conversations",
      help: """
        conversations eth|ip|ipv6|tcp|udp [where EXPR] [top N]
                             tshark's -z conv table: frames and bytes B to A, A to B and in all,
                             start and duration, most frames first; A sent the first packet
                             (addresses and ports in their own columns)

        """,
      syntax: { parser throws(LanguageError) in try ConversationCommand.parse(&parser, endpoints: false) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, query in session.conversations(query) }),
    ShellCommand(
      "endpoints",
      help: """
        endpoints eth|ip|ipv6|tcp|udp [where EXPR] [top N]
                             tshark's -z endpoints table: packets and bytes, sent and received,
                             most packets first (a packet to itself counts twice, as in tshark)

        """,
      syntax: { parser throws(LanguageError) in try ConversationCommand.parse(&parser, endpoints: true) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, query in session.conversations(query) }),
    ShellCommand(
      "follow",
      help: """
        follow EXPR [as ascii|hex|raw] [save PATH]
                             the payload of the TCP (else UDP) stream of the first packet in view
                             that EXPR matches, as tshark -z follow shows it: in sequence order,
                             retransmitted bytes dropped, the server's side indented (coloured on
                             a terminal); save: each side's bytes to PATH.client and PATH.server.
                             follow tcp.stream == 3 as hex; follow udp.stream == 0 save dns

        """,
      completion: .clauses(["as", "save"] + FollowText.Mode.allCases.map(\.rawValue), pathAfter: "save"),
      syntax: { parser throws(LanguageError) in try FollowCommand.parse(&parser) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, query in session.follow(query) }),
    ShellCommand(
      "list", help: "list [RANGE] [where EXPR]\n\(indent)one summary line per packet\n",
      syntax: { parser throws(LanguageError) in (range: try parser.packetRange(), filter: try parser.whereClause()) },
      check: { written, checker throws(LanguageError) in
        (range: written.range, filter: try checker.filter(written.filter), written: written.filter.map(StatsCommand.written))
      },
      run: { session, checked in session.list(checked.range, checked.filter, written: checked.written) }),
    ShellCommand(
      "show", help: "show [RANGE]         the full dissector tree, with byte ranges\n",
      syntax: { parser throws(LanguageError) in try parser.packetRange() },
      check: { range, _ in range },
      run: { session, range in session.show(range) }),
    ShellCommand(
      "hexdump", help: "hexdump [RANGE] [FIELD]\n\(indent)bytes in hex and ASCII; FIELD's bytes marked\n",
      syntax: { parser throws(LanguageError) in (range: try parser.packetRange(), field: try parser.optionalExpression()) },
      check: { written, checker throws(LanguageError) in
        (range: written.range, field: try written.field.map { expr throws(LanguageError) in try checker.field(expr) })
      },
      run: { session, checked in session.hexdump(checked.range, mark: checked.field) }),
    ShellCommand(
      "layout",
      help: "layout PROTO [RANGE]\n\(indent)the header as the RFCs draw it; with RANGE, each packet's values in it\n",
      syntax: { parser throws(LanguageError) in
        (proto: try parser.protocolName(after: "layout"), range: try parser.packetRange())
      },
      check: { written, checker throws(LanguageError) in
        (proto: try checker.protocolID(written.proto.name, at: written.proto.location), range: written.range)
      },
      run: { session, checked in session.layout(checked.proto, checked.range) }),
    ShellCommand(
      "fields",
      help: "fields PROTO         the protocol's fields: filter name, label, type, bit offset and width, base\n",
      syntax: { parser throws(LanguageError) in try parser.protocolName(after: "fields") },
      check: { proto, checker throws(LanguageError) in try checker.protocolID(proto.name, at: proto.location) },
      run: { session, proto in session.fields(proto) }),
    ShellCommand(
      "protocols",
      help: "protocols            what pktsh dissects, and which table values lead to each protocol\n",
      syntax: { _ in () },
      check: { _, _ in () },
      run: { session, _ in session.protocols() }),
    ShellCommand(
      "decode",
      help: """
        decode TABLE == N as PROTO
                             from now on, hand what TABLE leads to at N to PROTO, as Wireshark's
                             Decode As (decode tcp.port == 8080 as http); TABLE is tcp.port,
                             udp.port, ip.proto or ethertype. decode alone lists the rules,
                             decode clear drops them

        """,
      syntax: { parser throws(LanguageError) in try DecodeCommand.read(&parser) },
      check: { written, _ throws(LanguageError) in try DecodeCommand.check(written) },
      run: { session, command in session.decode(command) }),
    ShellCommand(
      "save", help: "save PATH [where EXPR]\n\(indent)write the view (pcapng for .pcapng, else pcap), atomically\n",
      completion: .fileNames,
      syntax: { parser throws(LanguageError) in
        (path: try parser.path(after: "save"), filter: try parser.whereClause())
      },
      check: { written, checker throws(LanguageError) in
        (path: written.path, filter: try checker.filter(written.filter))
      },
      run: { session, checked in session.save(checked.path, checked.filter) }),
    ShellCommand(
      "let",
      help: """
        let NAME = EXPR      name a filter or a value (let x = 5, let web = tcp.port == 80) for later
                             commands: filters, print, echo, if. Names in EXPR keep the meaning they
                             have now (`let a = a && udp` extends the old a)
        let NAME = count [EXPR]
                             the number count would print, a value for later commands
        let NAME = stats AGG [where EXPR]
                             the one number stats would print (let bytes = stats
                             sum(frame.len); an avg is a decimal: let mean = stats avg(frame.len))

        """,
      syntax: { parser throws(LanguageError) -> (name: String, value: LetValue) in
        let nameToken = parser.advance()
        guard case .word(let name) = nameToken.kind, name.first?.isLetter == true, !name.contains(".") else {
          throw LanguageError(.syntax, "let needs a name (letters, digits, _)", at: nameToken.location)
        }
        guard parser.peek.kind == .op("=") else {
          throw LanguageError(.syntax, "expected '=' after let \(name)", at: parser.peek.location)
        }
        _ = parser.advance()
        // `count` alone or before a filter; `count(` is the function.
        if parser.isWord("count") && parser.peekSecond.kind != .op("(") {
          let location = parser.advance().location
          return (name, .count(try parser.optionalExpression(), at: location))
        }
        if parser.isWord("stats") {
          let location = parser.advance().location
          return (name, .stats(try StatsCommand.parse(&parser), at: location))
        }
        return (name, .expression(try parser.expression()))
      },
      check: { written, checker throws(LanguageError) -> LetAction in
        switch written.value {
        case .expression(let value):
          try checker.bind(written.name, to: value)
          return .bound
        case .count(let filter, _):
          let compiled = try checker.filter(filter)
          return .count(compiled, into: checker.bindAtRuntime(written.name, type: .integer))
        case .stats(let command, let location):
          let query = try command.checkOneNumber(&checker, at: location)
          return .stats(query, into: checker.bindAtRuntime(written.name, type: query.aggregates[0].resultType))
        }
      },
      // A value is bound at check time; a count or stats is made when `let` runs.
      run: { session, action in
        switch action {
        case .bound: .ok
        case .count(let filter, let variable): session.count(filter, into: variable)
        case .stats(let query, let variable): session.stats(query, into: variable)
        }
      }),
    ShellCommand(
      "macro",
      help: """
        macro NAME = "TEXT"  a display-filter macro, as Wireshark's: ${NAME} or ${NAME:a;b} in a filter
                             is TEXT with $1, $2 replaced by a, b (macro lan = "ip.addr == $1/16")

        """,
      syntax: { parser throws(LanguageError) -> (name: String, text: [UInt8]) in
        let nameToken = parser.advance()
        guard case .word(let name) = nameToken.kind, name.first?.isLetter == true, !name.contains(".") else {
          throw LanguageError(.syntax, "macro needs a name (letters, digits, _)", at: nameToken.location)
        }
        guard parser.advance().kind == .op("="), case .string(let text) = parser.advance().kind else {
          throw LanguageError(.syntax, "expected macro \(name) = \"TEXT\"", at: nameToken.location)
        }
        return (name, text)
      },
      check: { written, checker throws(LanguageError) in checker.defineMacro(written.name, as: written.text) },
      run: { _, _ in .ok }),
    ShellCommand(
      "interfaces",
      help: "interfaces           the network interfaces: index, name, link type, state, addresses\n",
      syntax: { _ in () },
      check: { _, _ in () },
      run: { session, _ in session.interfaces() }),
    ShellCommand(
      "capture",
      help: """
        capture IFACE [count N] [for SECONDS] [where EXPR] [quiet] [promisc] [explain]
                             capture live on IFACE (any: all of them) until N packets, SECONDS
                             (2.5, 500ms, 10s, 5m) or Ctrl-C; the packets replace the current ones.
                             quiet: no line per packet; promisc: promiscuous mode;
                             explain: show how EXPR would be filtered, capture nothing.
                             In a script, count or for is required. Needs root or CAP_NET_RAW.

        """,
      syntax: { parser throws(LanguageError) in try CaptureCommand.parse(&parser) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, request in session.capture(request) }),
    ShellCommand(
      "help", help: "help [TOPIC]         this text; `help filters` for the expression language\n",
      isHelpTopic: false,
      syntax: { parser -> String? in
        guard case .word(let topic) = parser.peek.kind else { return nil }
        _ = parser.advance()
        return topic
      },
      check: { topic, _ in topic },
      run: { session, topic in session.help(topic) }),
    ShellCommand(
      "quit", "exit", help: "quit, exit           leave (Ctrl-D too)\n", isHelpTopic: false,
      syntax: { _ in () },
      check: { _, _ in () },
      run: { _, _ in .quit }),
  ]

  /// Every name and other spelling, for completion and suggestions.
  static let names = all.flatMap(\.names)

  /// The command called `name`.
  static func named(_ name: String) -> ShellCommand? { all.first { $0.names.contains(name) } }

  /// Reads one statement: the command's name, then its arguments.
  static func statement(_ parser: inout Parser) throws(LanguageError) -> WrittenStatement {
    let first = parser.advance()
    guard case .word(let name) = first.kind else {
      throw LanguageError(.syntax, "expected a command, found \(parser.describe(first))", at: first.location)
    }
    guard let command = named(name) else {
      throw LanguageError(
        .unknownCommand, "unknown command '\(name)'", at: first.location,
        suggestion: Suggestions.closest(to: name, in: names))
    }
    return try command.read(&parser)
  }
}
