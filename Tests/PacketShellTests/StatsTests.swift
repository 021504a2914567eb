import Foundation
import PacketLanguage
import Testing

@testable import PacketShell

/// `stats`: its parts (keys, the group table, decimals, parsing and type
/// errors), `pktsh -c` runs, and goldens computed from tshark's fields
/// (`Goldens/make-stats-goldens.sh`, which also checks them against
/// tshark's endpoint, conversation and I/O tables).
@Suite struct StatsTests {
  static let sample = "examples/http-sample.pcap"

  // MARK: Parts

  @Test func averagesHaveThreeDecimalsRoundedHalfAwayFromZero() {
    #expect(StatsRows.decimal(1225, over: 2) == "612.500")
    #expect(StatsRows.decimal(2, over: 3) == "0.667")
    #expect(StatsRows.decimal(1, over: 2000) == "0.001")
    #expect(StatsRows.decimal(1, over: 2001) == "0.000")
    #expect(StatsRows.decimal(-1, over: 2000) == "-0.001")
    #expect(StatsRows.decimal(Int64.max, over: 1) == "9223372036854775807.000")
  }

  @Test func groupTableFindsEachKeyAgainAndGrows() {
    var table = GroupTable()
    for n in 0..<1000 { #expect(table.group(for: [UInt8(n & 0xff), UInt8(n >> 8)][...]) == (n, true)) }
    for n in stride(from: 999, through: 0, by: -7) {
      #expect(table.group(for: [UInt8(n & 0xff), UInt8(n >> 8)][...]) == (n, false))
    }
    #expect(table.count == 1000)
    #expect(Array(table.key(258)) == [2, 1])
    #expect(table.group(for: [][...]) == (1000, true))
  }

  @Test func keysOrderAsTheirValues() {
    var keys: [UInt8] = []
    for n: Int64 in [-5, 0, 7, 300] { StatsValue.appendKey(integer: n, to: &keys) }
    let parts = stride(from: 0, to: keys.count, by: 9).map { keys[$0..<$0 + 9] }
    #expect(StatsValue.keyLength(keys[...], at: 9) == 9)
    for (a, b) in zip(parts, parts.dropFirst()) { #expect(StatsValue.compareKeys(a, b) < 0) }
    #expect(parts.map(StatsValue.integer(ofKey:)) == [-5, 0, 7, 300])
  }

  static func parse(_ text: String) throws(LanguageError) -> StatsCommand {
    var parser = try Parser(text)
    return try StatsCommand.parse(&parser)
  }

  @Test func readsAggregatesThenClausesInAnyOrder() throws {
    let command = try Self.parse("count, sum(frame.len) top 3 every 100ms where tcp by ip.src, ip.dst")
    #expect(command.aggregates.map(\.function) == [.count, .sum])
    #expect(command.aggregates.map(\.text) == ["count", "sum(frame.len)"])
    #expect(command.by.count == 2)
    #expect(command.filter != nil)
    #expect(command.every == 100_000_000)
    #expect(command.top == 3)
    #expect(try Self.parse("count every 5m").every == 300_000_000_000)
  }

  @Test(arguments: [
    ("", "expected an aggregate"),
    ("total", "expected an aggregate"),
    ("count(ip.src)", "takes no argument"),
    ("sum frame.len", "needs a value in parentheses"),
    ("sum(frame.len", "expected ')'"),
    ("count every 0s", "every needs a duration"),
    ("count every soon", "every needs a duration"),
    ("count top 0", "top needs a number"),
    ("count group ip.src", "unexpected 'group'"),
  ])
  func refusesWhatIsNotAStats(text: String, message: String) {
    #expect {
      _ = try Self.parse(text)
    } throws: { error in
      (error as? LanguageError)?.message.contains(message) == true
    }
  }

  @Test func aggregatingAnAddressIsATypeErrorAtItsArgument() throws {
    var checker = ScriptChecker()
    #expect {
      _ = try Self.parse("count, sum(ip.src) by ip.dst").check(&checker)
    } throws: { error in
      let e = error as? LanguageError
      return e?.kind == .type && e?.message == "sum needs a number, not an IPv4 address"
        && e?.location.offset == 11 && e?.location.length == 6
    }
    #expect(throws: LanguageError.self) { _ = try Self.parse("avg(http.request.method)").check(&checker) }
    _ = try Self.parse("distinct(ip.src), max(tcp.flags.syn), min(frame.time_delta)").check(&checker)
  }
}

/// `pktsh -c 'stats …'` on the example capture, and the goldens.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct StatsCommandLineTests {
  static func stats(_ commands: String, capture: String = StatsTests.sample) throws -> PktshRun {
    try runPktsh(["-r", capture, "-c", commands])
  }

  @Test func rowsAreTabSeparatedByValuesThenAggregatesLargestFirst() throws {
    let run = try Self.stats("stats count, sum(frame.len), avg(frame.len), min(frame.len), max(frame.len) by ip.src")
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        172.16.210.84\t24\t25951\t1081.292\t60\t1514
        172.16.30.190\t6\t3422\t570.333\t525\t652

        """)
  }

  @Test func withoutByThereIsOneRowEvenForNoPackets() throws {
    #expect(try Self.stats("stats count, sum(frame.len), distinct(ip.addr)").stdout == "30\t29373\t2\n")
    #expect(try Self.stats("stats count, sum(udp.length), avg(udp.length) where udp").stdout == "0\t0\t\n")
  }

  @Test func aPacketCountsOnceInEachOfItsGroupsAndWithoutTheKeyInNone() throws {
    #expect(try Self.stats("stats count by ip.addr").stdout == "172.16.30.190\t30\n172.16.210.84\t30\n")
    #expect(try Self.stats("stats count by tcp.srcport top 2").stdout == "31600\t24\n8868\t4\n")
    #expect(try Self.stats("stats count by udp.srcport").stdout == "")
  }

  @Test func expressionsAggregateAndGroup() throws {
    #expect(
      try Self.stats("stats sum(tcp.len * 8), sum(tcp.len) by ip.src").stdout
        == "172.16.210.84\t197208\t24651\n172.16.30.190\t24784\t3098\n")
    #expect(try Self.stats("stats sum(tcp.len > 0), count").stdout == "30\t30\n")
    #expect(try Self.stats("stats count by frame.len - 14 top 2").stdout == "1500\t15\n46\t4\n")
    #expect(try Self.stats("stats count by tcp.flags, tcp.flags.ack").stdout == "0x0010\t1\t15\n0x0018\t1\t15\n")
    #expect(try Self.stats("stats count by tcp").stdout == "Transmission Control Protocol\t30\n")
  }

  /// tshark's `frame.time_delta` summed and averaged by `ip.src` gives the same seconds.
  @Test func timeOffsetsAddUpAsSeconds() throws {
    #expect(
      try Self.stats("stats sum(frame.time_delta), avg(frame.time_delta), max(frame.time_delta) by ip.src").stdout
        == "172.16.30.190\t4.851800000\t0.808633333\t4.707317000\n172.16.210.84\t0.040007000\t0.001666958\t0.010794000\n")
  }

  @Test func everyGroupsByTimeSinceTheFirstPacketGapsIncluded() throws {
    let run = try Self.stats("stats count, sum(frame.len) every 1s")
    #expect(
      run.stdout == """
        0.000000000\t3\t1370
        1.000000000\t0\t0
        2.000000000\t0\t0
        3.000000000\t0\t0
        4.000000000\t27\t28003

        """)
    #expect(try Self.stats("stats count by ip.src every 2s top 3").stdout == """
      0.000000000\t172.16.210.84\t2
      0.000000000\t172.16.30.190\t1
      4.000000000\t172.16.210.84\t22

      """)
  }

  @Test func theViewAndLetNamesApply() throws {
    let run = try Self.stats("let web = tcp.srcport == 31600; filter frame.len > 100; stats count, sum(tcp.len) where web")
    #expect(run.stdout == "20\t24631\n")
  }

  @Test(arguments: [
    ("let m = stats avg(frame.len), count", "-c:1:9: error: let takes the one number a stats gives, and this one gives 2 aggregates"),
    (
      "let m = stats count by ip.src",
      "-c:1:9: error: let takes the one number a stats gives, and this one gives a row for each value of by"
    ),
    (
      "let m = stats count every 1s",
      "-c:1:9: error: let takes the one number a stats gives, and this one gives a row for each interval of every"
    ),
    ("let m = stats avg(frame.len); echo m + 1", "-c:1:36: error: arithmetic needs integers, not a decimal number"),
    ("let m = stats avg(frame.len); assert m > 1.2345", "-c:1:42: error: '1.2345' is not a decimal number for m"),
  ])
  func letTakesTheOneNumberOfAStats(commands: String, message: String) throws {
    let run = try Self.stats(commands)
    #expect(run.status == 2)
    #expect(run.stderrLines.first.map(String.init) == message, "\(run.stderr)")
  }

  /// A decimal compares with integers: with a field in a filter, packet by
  /// packet. tshark's frame.len of the 30 frames: mean 979.1, 15 above it.
  @Test func aDecimalComparesWithAnIntegerField() throws {
    let run = try Self.stats(
      "let mean = stats avg(frame.len); echo mean; count frame.len > mean; count mean >= frame.len; "
        + "if mean > 979 && mean < 979.2 { echo \"yes\" }")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "979.100\n15\n15\nyes\n")
  }

  /// A time offset's average stays one; an aggregate over no values is no
  /// value, so a test of it fails.
  @Test func letStatsOfTimeOffsetsAndOfNothing() throws {
    let run = try Self.stats(
      "let d = stats avg(frame.time_delta) where frame.number > 1; let id = stats max(dns.id); echo d, \"id\", id; "
        + "if d > 0.1 { echo \"slow\" }; assert id > 0, \"no DNS\"")
    #expect(run.status == 3)
    #expect(run.stdout == "0.168683000\tid\t\nslow\n")
    #expect(run.stderr == "-c:1: assertion failed: no DNS (id = none)\n")
  }

  @Test func aTypeErrorStopsTheScriptWithStatus2() throws {
    let run = try Self.stats("count; stats avg(ip.src)")
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderrLines.first == "-c:1:18: error: avg needs a number, not an IPv4 address")
  }

  @Test func aTerminalGetsATableWithAHeaderAndARateABar() throws {
    let home = try TemporaryDirectory()
    let shell = try PseudoTerminal(
      executable: ShellPaths.binary!,
      arguments: ["-r", StatsTests.sample, "-c", "stats sum(frame.len), count by ip.src; stats count every 2s"],
      environment: testEnvironment(home: home.path))
    defer { shell.close() }
    #expect(shell.waitForExit() == 0)
    let screen = shell.drain(for: 0.1).replacingOccurrences(of: "\r\n", with: "\n")
    #expect(
      screen == """
        ip.src         sum(frame.len)  count
        172.16.210.84           25951     24
        172.16.30.190            3422      6
               time  count
        0.000000000      3  ████▌
        2.000000000      0
        4.000000000     27  ████████████████████████████████████████

        """)
  }

  // MARK: Goldens

  struct Golden: CustomTestStringConvertible, Sendable {
    var capture: String
    var query: String
    var rows: String
    var testDescription: String { "\(capture): \(query)" }
  }

  static let goldens: [Golden] = {
    let path = ShellPaths.repository + "/Tests/PacketShellTests/Goldens/stats.txt"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var goldens: [Golden] = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("## ") {
        let parts = line.dropFirst(3).split(separator: "\t")
        goldens.append(Golden(capture: String(parts[0]), query: String(parts[1]), rows: ""))
      } else {
        goldens[goldens.count - 1].rows += line + "\n"
      }
    }
    return goldens
  }()

  @Test func thereAreGoldens() { #expect(Self.goldens.count >= 14) }

  /// The goldens whose stats give one number: one aggregate, no by or every.
  static let oneNumberGoldens = goldens.filter { golden in
    !golden.query.contains(",") && !golden.query.contains(" by ") && !golden.query.contains(" every ")
  }

  @Test func thereAreOneNumberGoldens() { #expect(Self.oneNumberGoldens.count >= 4) }

  /// `let v = stats AGG` keeps the number the stats prints, tshark's
  /// fields' aggregate: echo prints it, assert compares it (a decimal with
  /// a decimal literal).
  @Test(arguments: oneNumberGoldens)
  func letKeepsTheOneNumberOfAStats(golden: Golden) throws {
    let capture = ShellPaths.repository + "/../shared/corpus/real/" + golden.capture
    try #require(FileManager.default.fileExists(atPath: capture), "the corpus is missing: \(capture)")
    let value = golden.rows.trimmingCharacters(in: .newlines)
    let run = try StatsCommandLineTests.stats(
      "let v = \(golden.query); echo v; assert v == \(value); assert v != \(value), \"differs\"", capture: capture)
    #expect(run.status == 3)
    #expect(run.stdout == golden.rows)
    #expect(run.stderr == "-c:1: assertion failed: differs (v = \(value))\n")
  }

  @Test(arguments: goldens)
  func agreesWithAggregatesOfTsharksFields(golden: Golden) throws {
    let capture = ShellPaths.repository + "/../shared/corpus/real/" + golden.capture
    try #require(FileManager.default.fileExists(atPath: capture), "the corpus is missing: \(capture)")
    let run = try Self.stats(golden.query, capture: capture)
    #expect(run.status == 0)
    #expect(run.stdout == golden.rows)
  }

  // MARK: tshark's tables

  /// tshark's conversation, endpoint and I/O tables of a capture, as
  /// `make-stats-goldens.sh` wrote them to `Goldens/tshark-tables.txt`.
  struct Tables: CustomTestStringConvertible, Sendable {
    var capture: String
    var tables: [String: [[String]]] = [:]
    var testDescription: String { capture }
  }

  static let tables: [Tables] = {
    let path = ShellPaths.repository + "/Tests/PacketShellTests/Goldens/tshark-tables.txt"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var found: [Tables] = []
    var table = ""
    for line in text.split(separator: "\n") {
      if line.hasPrefix("## ") {
        let parts = line.dropFirst(3).split(separator: "\t").map(String.init)
        if found.last?.capture != parts[0] { found.append(Tables(capture: parts[0])) }
        table = parts[1]
        found[found.count - 1].tables[table, default: []] = []
      } else {
        found[found.count - 1].tables[table]!.append(line.split(separator: "\t").map(String.init))
      }
    }
    return found
  }()

  @Test func thereAreTables() { #expect(Self.tables.count >= 3) }

  /// Bytes as tshark's conversation table prints them: exact below 10000,
  /// then whole kB, MB, … (rounded down) below 10000 of each.
  static func size(_ bytes: Int) -> String {
    var n = bytes
    for unit in ["bytes", "kB", "MB", "GB"] {
      if n < 10000 { return "\(n) \(unit)" }
      n /= 1000
    }
    return "\(n) TB"
  }

  /// tshark's conversation and endpoint tables count a packet under its
  /// first IPv4 header only, and one from an address to itself twice under
  /// it: they are compared on packets with one header and two addresses.
  static let oneHeader = "count(ip.src) == 1 && ip.src != ip.dst"

  /// Frames and bytes per address pair (`conv,ip`: both ways on one row),
  /// per address (`endpoints,ip`: all, sent, received) and per second
  /// (`io,stat,1`) are `stats count, sum(frame.len)` by `ip.src, ip.dst`,
  /// `ip.addr`, `ip.src`, `ip.dst` and `every 1s`.
  @Test(arguments: tables)
  func agreesWithTsharksTables(tables: Tables) throws {
    let capture = ShellPaths.repository + "/../shared/corpus/real/" + tables.capture
    try #require(FileManager.default.fileExists(atPath: capture), "the corpus is missing: \(capture)")
    func rows(_ query: String) throws -> [[String]] {
      let run = try Self.stats("stats count, sum(frame.len) " + query, capture: capture)
      #expect(run.status == 0)
      return run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }
    func byAddress(_ query: String) throws -> [String: (Int, Int)] {
      Dictionary(uniqueKeysWithValues: try rows(query).map { ($0[0], (Int($0[1])!, Int($0[2])!)) })
    }
    let pairs = Dictionary(
      uniqueKeysWithValues: try rows("by ip.src, ip.dst where \(Self.oneHeader)").map {
        ([$0[0], $0[1]], (Int($0[2])!, Int($0[3])!))
      })
    for row in tables.tables["conv,ip"] ?? [] {
      let (ab, abBytes) = pairs[[row[0], row[1]]] ?? (0, 0)
      let (ba, baBytes) = pairs[[row[1], row[0]]] ?? (0, 0)
      let mine = [String(ba), Self.size(baBytes), String(ab), Self.size(abBytes), String(ab + ba), Self.size(abBytes + baBytes)]
      #expect(mine == Array(row[2...]), "\(row[0]) <-> \(row[1])")
    }
    let all = try byAddress("by ip.addr where \(Self.oneHeader)")
    let sent = try byAddress("by ip.src where \(Self.oneHeader)")
    let received = try byAddress("by ip.dst where \(Self.oneHeader)")
    let endpoints = tables.tables["endpoints,ip"] ?? []
    #expect(all.count == endpoints.count)
    for row in endpoints {
      let (a, tx, rx) = (all[row[0]] ?? (0, 0), sent[row[0]] ?? (0, 0), received[row[0]] ?? (0, 0))
      #expect([a.0, a.1, tx.0, tx.1, rx.0, rx.1].map(String.init) == Array(row[1...]), "\(row[0])")
    }
    if let intervals = tables.tables["io,stat,1"], !intervals.isEmpty {
      let rate = try rows("every 1s")
      #expect(rate.map { Array($0[1...]) } == intervals.map { Array($0[1...]) })
      #expect(rate.map { $0[0] } == intervals.map { $0[0] + ".000000000" })
    }
  }
}
