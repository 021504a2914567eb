import PacketLanguage

extension ShellCommand {
  /// Every command, in the order `help` lists them.
  static let all: [ShellCommand] = [
    ShellCommand(
      "load", help: "load PATH            read a pcap or pcapng file (chosen by content); replaces the packets\n",
      completion: .fileNames,
      syntax: { parser throws(LanguageError) in try parser.path(after: "load") },
      check: { path, _ in path },
      run: { session, path in session.load(path) }),
    ShellCommand(
      "filter", help: "filter EXPR          narrow the view that later commands see; `filter` alone clears it\n",
      syntax: { parser throws(LanguageError) in try parser.optionalExpression() },
      check: { expr, checker throws(LanguageError) in try checker.filter(expr) },
      run: { session, filter in session.narrow(to: filter) }),
    ShellCommand(
      "count",
      help: """
        count [EXPR]         number of packets in view (that match EXPR)
        count by E[, E…] [where EXPR]   one line per distinct value, most frequent first;
                             E as in print (count by ip.src, frame.len / 100)

        """,
      syntax: { parser throws(LanguageError) -> (by: [Expr]?, filter: Expr?) in
        guard parser.isWord("by") else { return (nil, try parser.optionalExpression()) }
        _ = parser.advance()
        return (try parser.expressionList(), try parser.whereClause())
      },
      check: { written, checker throws(LanguageError) in
        (
          by: try written.by.map { exprs throws(LanguageError) in
            (columns: try checker.columns(exprs), headers: exprs.map(StatsCommand.written))
          },
          filter: try checker.filter(written.filter)
        )
      },
      run: { session, checked in
        checked.by.map { session.countBy($0.columns, headers: $0.headers, checked.filter) }
          ?? session.count(checked.filter)
      }),
    ShellCommand(
      "print",
      help: """
        print E[, E…] [where EXPR]   one line per packet, values tab-separated. E is a field
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
        format table|tsv|csv|json    how print, count by and stats write rows from now on:
                             table: aligned under a header (print: as tsv); tsv: tab-separated,
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
        assert E[, "message"]   stop the script with exit status 3 when the test E is false, saying
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
        let test = try checker.packetlessValues([written.test], command: "assert")
        guard test.checked[0].type == .boolean else {
          throw LanguageError(.type, "assert needs a test (n == 0), not a value", at: written.test.location)
        }
        return (test: test, message: written.message)
      },
      run: { session, checked in session.assert(checked.test, message: checked.message) }),
    ShellCommand(
      "stats",
      help: """
        stats AGG[, AGG…] [by E[, E…]] [where EXPR] [every DURATION] [top N]
                             aggregates per group of packets, largest first: count, sum(E), avg(E),
                             min(E), max(E), distinct(E); every 1s (100ms, 5m): by time since the first
                             e.g. stats sum(frame.len), count by ip.src top 5   top talkers by bytes
                                  stats count, sum(frame.len) every 1s          packets and bytes a second

        """,
      syntax: { parser throws(LanguageError) in try StatsCommand.parse(&parser) },
      check: { command, checker throws(LanguageError) in try command.check(&checker) },
      run: { session, query in session.stats(query) }),
    ShellCommand(
      "list", help: "list [RANGE] [where EXPR]    one summary line per packet\n",
      syntax: { parser throws(LanguageError) in (range: parser.packetRange(), filter: try parser.whereClause()) },
      check: { written, checker throws(LanguageError) in
        (range: written.range, filter: try checker.filter(written.filter))
      },
      run: { session, checked in session.list(checked.range, checked.filter) }),
    ShellCommand(
      "show", help: "show [RANGE]         the full dissector tree, with byte ranges\n",
      syntax: { parser in parser.packetRange() },
      check: { range, _ in range },
      run: { session, range in session.show(range) }),
    ShellCommand(
      "hexdump", help: "hexdump [RANGE] [FIELD]      bytes in hex and ASCII; FIELD's bytes marked\n",
      syntax: { parser throws(LanguageError) in (range: parser.packetRange(), field: try parser.optionalExpression()) },
      check: { written, checker throws(LanguageError) in
        (range: written.range, field: try written.field.map { expr throws(LanguageError) in try checker.field(expr) })
      },
      run: { session, checked in session.hexdump(checked.range, mark: checked.field) }),
    ShellCommand(
      "layout",
      help: "layout PROTO [RANGE]         the header as the RFCs draw it; with RANGE, each packet's values in it\n",
      syntax: { parser throws(LanguageError) in
        (proto: try parser.protocolName(after: "layout"), range: parser.packetRange())
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
      "save", help: "save PATH [where EXPR]       write the view (pcapng for .pcapng, else pcap), atomically\n",
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
        let NAME = EXPR      name a filter or a value (let x = 5, let bits = tcp.len * 8) for later
                             commands: filters, print, echo. Names in EXPR keep the meaning they
                             have now (`let a = a && udp` extends the old a)
        let NAME = count [EXPR]   the number count would print, as a value for echo and assert

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
        return (name, .expression(try parser.expression()))
      },
      check: { written, checker throws(LanguageError) -> (name: String, counts: Bool, filter: CompiledFilter?) in
        switch written.value {
        case .expression(let value):
          try checker.bind(written.name, to: value)
          return (written.name, false, nil)
        case .count(let filter, let location):
          let compiled = try checker.filter(filter)
          checker.bindAtRuntime(written.name, at: location)
          return (written.name, true, compiled)
        }
      },
      // A value is bound at check time; a count is made when `let` runs.
      run: { session, checked in
        checked.counts ? session.count(checked.filter, into: checked.name) : .ok
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
