import PacketLanguage
import Testing

@testable import PacketShell

/// The table of commands: how statements are split and read, what `help`
/// prints from it, and what tab completion offers.
@Suite struct CommandTableTests {
  /// The command name each statement of `script` starts with, read through the table.
  static func commandNames(_ script: String) throws(LanguageError) -> [String] {
    try Parser.script(script) { parser throws(LanguageError) in
      let name = parser.peek
      _ = try ShellCommand.statement(&parser)
      guard case .word(let word) = name.kind else { return "" }
      return word
    }
  }

  @Test func splitsStatementsOnNewlinesAndSemicolonsButNotInsideStrings() throws {
    let script = """
      load "a;b.pcap"   # a comment; not a statement
      filter tcp; count
      print ip.src, tcp.dstport where tcp.flags.syn == 1
      print tcp.len * 8, tcp.payload[0:4], max(tcp.srcport, tcp.dstport), tcp.port == 80
      echo 5 * 2, "done"
      count by ip.src, ip.dst where ip
      list 1,3,7-9 where udp
      show 5
      hexdump 3 tcp.flags
      save "out.pcapng" where dns
      let web = tcp.port in {80, 443}
      help filters; quit
      """
    #expect(
      try Self.commandNames(script) == [
        "load", "filter", "count", "print", "print", "echo", "count", "list", "show", "hexdump", "save", "let", "help", "quit",
      ])
  }

  @Test func readsAPathWithASeparatorInsideQuotes() throws {
    var parser = try Parser("\"a;b.pcap\"")
    #expect(try parser.path(after: "load") == "a;b.pcap")
    #expect(parser.peek.kind == .end)
  }

  /// Paths as people type them: up to whitespace or `;`, operators and
  /// all; quoted pieces join the rest.
  @Test(arguments: [
    ("../x.pcap", "../x.pcap"),
    ("a+b=c,d@e-f.pcap; count", "a+b=c,d@e-f.pcap"),
    ("/tmp/x~1 where tcp", "/tmp/x~1"),
    ("dir/\"my file\".pcap", "dir/my file.pcap"),
    ("../a[1].pcap", "../a[1].pcap"),
    ("-x.pcap", "-x.pcap"),
    ("./~/x.pcap", "./~/x.pcap"),
    ("~user/x.pcap", "~user/x.pcap"),
  ])
  func readsAPathUpToWhitespace(_ text: String, _ path: String) throws {
    var parser = try Parser(text)
    #expect(try parser.path(after: "load") == path)
    #expect(parser.atStatementEnd || parser.isWord("where"))
  }

  @Test func expandsTheHomeDirectoryBeforeAPath() throws {
    let home = try #require(homeDirectory())
    for (text, path) in [("~/x.pcap", home + "/x.pcap"), ("~", home), ("~/\"a b\"", home + "/a b"), ("\"~/a b\"", home + "/a b")] {
      var parser = try Parser(text)
      #expect(try parser.path(after: "save") == path)
    }
  }

  @Test func pathArgumentsStandForTheirText() throws {
    var parser = try Parser("$1; $2", arguments: ["my capture.pcap", "../out.pcapng"])
    #expect(try parser.path(after: "load") == "my capture.pcap")
    _ = parser.advance()
    #expect(try parser.path(after: "save") == "../out.pcapng")
  }

  @Test func missingPathIsAnErrorAtTheEnd() throws {
    var parser = try Parser("; x")
    #expect(throws: LanguageError.self) { try parser.path(after: "load") }
  }

  @Test(arguments: [
    ("1,3,7-9 where udp", [1...1, 3...3, 7...9], "where"),
    ("3 tcp.flags", [3...3], "tcp.flags"),
    ("2-4, tcp.flags", [2...4], ","),
    ("tcp.flags", [], "tcp.flags"),
  ])
  func readsAPacketRangeAndStopsAfterIt(_ text: String, _ spans: [ClosedRange<Int>], _ next: String) throws {
    var parser = try Parser(text)
    #expect(try parser.packetRange()?.spans ?? [] == spans)
    #expect(parser.peek.kind == (next == "," ? .op(",") : .word(next)))
  }

  @Test(arguments: [
    ("5-3", "the range 5-3 is reversed; write 3-5", 0), ("0", "frame numbers start at 1", 0),
    ("1,0-4", "frame numbers start at 1", 2), ("2, 9-7 where tcp", "the range 9-7 is reversed; write 7-9", 3),
  ])
  func reversedRangeOrFrameZeroIsAnErrorAtIt(_ text: String, _ message: String, _ offset: Int) throws {
    var parser = try Parser(text)
    #expect {
      _ = try parser.packetRange()
    } throws: { error in
      guard let error = error as? LanguageError else { return false }
      return error.message == message && error.location.offset == offset
    }
  }

  @Test func suggestsTheCommandMeant() {
    do {
      _ = try Self.commandNames("cuont tcp")
      Issue.record("no error")
    } catch {
      #expect(error.kind == .unknownCommand)
      #expect(error.suggestion == "count")
    }
  }

  @Test func everyCommandHasItsOwnNamesAndHelpUnderThem() {
    #expect(Set(ShellCommand.names).count == ShellCommand.names.count)
    for command in ShellCommand.all {
      #expect(command.help.hasPrefix(command.names.joined(separator: ", ")), "\(command.names)")
      #expect(command.help.hasSuffix("\n"))
    }
  }

  /// Every description starts in the same column: after the syntax padded
  /// to 21 characters, or on the next line when the syntax is longer.
  @Test func helpDescriptionsStartInOneColumn() {
    for command in ShellCommand.all {
      for line in command.help.split(separator: "\n") {
        let text = Array(line)
        if text.first == " " {
          #expect(text.prefix(21).allSatisfy { $0 == " " } && text.count > 21, "\(line)")
        } else if let gap = line.range(of: "  ") {
          let column = line.distance(from: line.startIndex, to: gap.lowerBound)
          let description = text[column...].firstIndex { $0 != " " } ?? 0
          #expect(description == 21, "\(line)")
        }
      }
    }
  }

  @Test func helpListsTheCommandsInTableOrder() {
    #expect(
      Help.text(nil) == """
        Commands (separate with newlines or ';', # starts a comment):
          load PATH            read a pcap or pcapng file, compressed (gzip, zstd, lz4) or not; replaces the packets
          filter EXPR          narrow the view that later commands see; `filter` alone clears it
          count [EXPR]         number of packets in view (that match EXPR)
          count by E[, E…] [where EXPR]
                               packets per distinct value, most frequent first, as stats count
                               by groups them (count by ip.src, frame.len / 100)
          print E[, E…] [where EXPR]
                               one line per packet, in the rows of format. E is a field
                               (occurrences joined by ','), arithmetic (tcp.len * 8, frame.len - 14;
                               over each occurrence), a slice (tcp.payload[0:4]), a function (len,
                               count, upper, lower, max, min, abs, string), a literal, or a test
                               (tcp.port == 80 prints true or false). Values print as tshark prints
                               a field of their type; computed integers in decimal
          format table|tsv|csv|json
                               how print, count by, stats, conversations and endpoints write rows
                               from now on:
                               table: aligned under a header (print: as the first 100 rows set
                               the widths, wider values push their line); tsv: tab-separated,
                               no header; csv: RFC 4180 with a header row of the expressions as
                               written, CRLF line ends; json: one object a line keyed by the
                               expressions, numbers bare, a repeated field an array, an absent one
                               left out. Default: table on a terminal, tsv in a pipe (pktsh --format)
          reassembly on|off    whether PDUs of the layers above TCP that span segments are put back
                               together and dissected at the segment that completes them (tshark's
                               tcp.desegment_tcp_streams); on by default, as in tshark
          echo E[, E…]         print values with no packet: literals, let names, arithmetic and
                               tests on them (echo "limit", n * 2); a field is an error here
          assert E[, "message"]
                               stop the script with exit status 3 when the test E is false, saying
                               FILE:LINE: assertion failed: message (n = 2) on standard error;
                               E as in echo (let n = count tcp.flags.reset == 1; assert n == 0, "resets")
          if E { … } [else if E { … }] [else { … }]
                               run the block of the first test E that holds (E as in assert);
                               blocks may span lines and nest, their statements separated by
                               newlines or ;. Every block is checked before anything runs; a let
                               inside a block names something for that block only.
                               if resets > 0 { echo "resets", resets } else { echo "no resets" }
          stats AGG[, AGG…] [by E[, E…]] [where EXPR] [every DURATION] [top N]
                               aggregates per group of packets, largest first: count, sum(E), avg(E),
                               min(E), max(E), distinct(E); every 1s (100ms, 5m): by time since the first
                               e.g. stats sum(frame.len), count by ip.src top 5   top talkers by bytes
                                    stats count, sum(frame.len) every 1s          packets and bytes a second
                                    stats avg(tcp.len) by tcp.stream top 3        the 3 chattiest TCP streams
                                    let bytes = stats sum(frame.len)              one number, for echo, assert, if
          conversations eth|ip|ipv6|tcp|udp [where EXPR] [top N]
                               tshark's -z conv table: frames and bytes B to A, A to B and in all,
                               start and duration, most frames first; A sent the first packet
                               (addresses and ports in their own columns)
          endpoints eth|ip|ipv6|tcp|udp [where EXPR] [top N]
                               tshark's -z endpoints table: packets and bytes, sent and received,
                               most packets first (a packet to itself counts twice, as in tshark)
          follow EXPR [as ascii|hex|raw] [save PATH]
                               the payload of the TCP (else UDP) stream of the first packet in view
                               that EXPR matches, as tshark -z follow shows it: in sequence order,
                               retransmitted bytes dropped, the server's side indented (coloured on
                               a terminal); save: each side's bytes to PATH.client and PATH.server.
                               follow tcp.stream == 3 as hex; follow udp.stream == 0 save dns
          list [RANGE] [where EXPR]
                               one summary line per packet
          show [RANGE]         the full dissector tree, with byte ranges
          hexdump [RANGE] [FIELD]
                               bytes in hex and ASCII; FIELD's bytes marked
          layout PROTO [RANGE]
                               the header as the RFCs draw it; with RANGE, each packet's values in it
          fields PROTO         the protocol's fields: filter name, label, type, bit offset and width, base
          protocols            what pktsh dissects, and which table values lead to each protocol
          decode TABLE == N as PROTO
                               from now on, hand what TABLE leads to at N to PROTO, as Wireshark's
                               Decode As (decode tcp.port == 8080 as http); TABLE is tcp.port,
                               udp.port, ip.proto or ethertype. decode alone lists the rules,
                               decode clear drops them
          save PATH [where EXPR]
                               write the view (pcapng for .pcapng, else pcap), atomically
          let NAME = EXPR      name a filter or a value (let x = 5, let web = tcp.port == 80) for later
                               commands: filters, print, echo, if. Names in EXPR keep the meaning they
                               have now (`let a = a && udp` extends the old a)
          let NAME = count [EXPR]
                               the number count would print, a value for later commands
          let NAME = stats AGG [where EXPR]
                               the one number stats would print (let bytes = stats
                               sum(frame.len); an avg is a decimal: let mean = stats avg(frame.len))
          macro NAME = "TEXT"  a display-filter macro, as Wireshark's: ${NAME} or ${NAME:a;b} in a filter
                               is TEXT with $1, $2 replaced by a, b (macro lan = "ip.addr == $1/16")
          interfaces           the network interfaces: index, name, link type, state, addresses
          capture IFACE [count N] [for SECONDS] [where EXPR] [quiet] [promisc] [explain]
                               capture live on IFACE (any: all of them) until N packets, SECONDS
                               (2.5, 500ms, 10s, 5m) or Ctrl-C; the packets replace the current ones.
                               quiet: no line per packet; promisc: promiscuous mode;
                               explain: show how EXPR would be filtered, capture nothing.
                               In a script, count or for is required. Needs root or CAP_NET_RAW.
          help [TOPIC]         this text; `help filters` for the expression language
          quit, exit           leave (Ctrl-D too)
        RANGE is 5, 10-20 or 1,3,7-9 (frame numbers). A part of it that shows no packet (past the
        end, outside the view, not matching where) is said on standard error; none at all fails (status 1).

        """)
  }

  @Test func helpOnATopicPrintsItsEntry() {
    #expect(Help.text("capture") == ShellCommand.named("capture")?.help)
    #expect(Help.text("filters").hasPrefix("Filters are Wireshark display filters, as tshark 4.0 reads them:\n"))
    #expect(
      Help.text("quit") == "no help on 'quit'; topics: assert, capture, conversations, count, decode, echo, endpoints, fields, "
        + "filter, filters, follow, format, hexdump, if, interfaces, layout, let, list, load, macro, print, protocols, reassembly, save, "
        + "show, stats\n")
  }

  @Test func completionOffersCommandsThenWhatTheCommandTakes() {
    #expect(Completion.candidates(line: "", start: 0, prefix: "") == ShellCommand.names)
    #expect(Completion.candidates(line: "lo", start: 0, prefix: "lo") == ["load"])
    #expect(Completion.candidates(line: "count; e", start: 7, prefix: "e") == ["echo", "endpoints", "exit"])
    #expect(Completion.candidates(line: "load exa", start: 5, prefix: "exa") == nil)
    #expect(Completion.candidates(line: "filter tcp; save o", start: 17, prefix: "o") == nil)
    #expect(Completion.candidates(line: "print tcp.dst", start: 6, prefix: "tcp.dst")?.contains("tcp.dstport") == true)
    #expect(Completion.candidates(line: "count tcp wh", start: 10, prefix: "wh") == ["where"])
    #expect(Completion.candidates(line: "follow tcp.stream == 1 a", start: 23, prefix: "a")?.contains("as") == true)
    #expect(Completion.candidates(line: "follow tcp.stream == 1 as h", start: 26, prefix: "h")?.contains("hex") == true)
    #expect(Completion.candidates(line: "follow tcp.stream == 1 save o", start: 28, prefix: "o") == nil)
    #expect(Completion.completesFileName(line: "follow tcp.stream == 1 save o", cursor: 29))
    #expect(!Completion.completesFileName(line: "follow tcp.stream == 1 as h", cursor: 27))
  }

  @Test func completionQuotesAFileNameAPathCannotHoldBare() {
    #expect(Completion.quoted("a+b=c.pcap") == "a+b=c.pcap")
    #expect(Completion.quoted("my file.pcap") == "\"my file.pcap")
    #expect(Completion.quoted("a;b") == "\"a;b")
    #expect(Completion.quoted("say \"hi\"\\x") == #""say \"hi\"\\x"#)
    #expect(Completion.dequoted(#"say \"hi\"\\x"#) == "say \"hi\"\\x")
  }

  @Test func completionTakesAWholePathAsTheWordAfterLoadAndSave() {
    #expect(Completion.completesFileName(line: "load ../a=b", cursor: 11))
    #expect(Completion.completesFileName(line: "count; save ~/o", cursor: 15))
    #expect(!Completion.completesFileName(line: "print ip.src", cursor: 12))
    #expect(!Completion.completesFileName(line: "load x; count", cursor: 13))
  }

  /// A line typed at the prompt: the caret goes under it after the
  /// prompt; a line that wrapped on the screen is shown again unprompted.
  @Test func promptErrorsPointUnderTheTypedLine() throws {
    let line = "count tcp.dstprt == 80"
    var checker = ScriptChecker()
    do {
      _ = try checker.check(line, arguments: nil)
      Issue.record("no error")
    } catch {
      #expect(
        error.renderedAtPrompt(line, promptWidth: 7, screenWidth: 80)
          == "             ^~~~~~~~~~\nerror: unknown field 'tcp.dstprt'; did you mean tcp.dstport?")
      #expect(
        error.renderedAtPrompt(line, promptWidth: 7, screenWidth: 20)
          == "count tcp.dstprt == 80\n      ^~~~~~~~~~\nerror: unknown field 'tcp.dstprt'; did you mean tcp.dstport?")
    }
  }
}
