import Foundation
import Testing

/// `format csv|json` and `pktsh --format`: what `print`, `count by` and
/// `stats` write is read back by Python's `csv` and `json` modules, so a
/// quote, a comma or a repeated field that a real reader would get wrong
/// fails here.
@Suite struct OutputFormatTests {
  /// Frames 8, 10 and 12 are ICMP errors: `ip.addr` occurs four times
  /// (the error's header and the one it quotes).
  static let icmpErrors = ShellPaths.repository + "/../shared/corpus/real/ip-frag.pcap"
  static let addresses = ["10.118.213.212", "10.118.213.211", "10.118.213.211", "10.118.213.212"]
  /// A value with a quote and a comma, and its header as written.
  static let literal = #""say \"hi\", ok""#
  static let literalValue = #"say "hi", ok"#

  /// pktsh's output in `format`, parsed by Python: CSV as a list of rows,
  /// JSON as a list of objects, one a line.
  private func parsed(_ format: String, _ commands: String) throws -> Any {
    try #require(FileManager.default.fileExists(atPath: Self.icmpErrors), "the corpus is missing")
    let run = try runPktsh(["--format", format, "-r", Self.icmpErrors, "-c", commands])
    #expect(run.status == 0, "\(run.stderr)")
    if format == "csv" {
      #expect(run.stdout.utf8.split(separator: UInt8(ascii: "\n")).allSatisfy { $0.last == UInt8(ascii: "\r") })
    }
    let reader =
      format == "csv"
      ? "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))"
      : "import json, sys; print(json.dumps([json.loads(line) for line in sys.stdin]))"
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", reader]
    let input = Pipe()
    let output = Pipe()
    python.standardInput = input
    python.standardOutput = output
    try python.run()
    input.fileHandleForWriting.write(Data(run.stdout.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    python.waitUntilExit()
    #expect(python.terminationStatus == 0, "python3 could not read: \(run.stdout)")
    return try JSONSerialization.jsonObject(with: data)
  }

  @Test func printAsCSV() throws {
    let rows = try #require(
      try parsed("csv", "print frame.number, ip.addr, \(Self.literal) where icmp.type == 3") as? [[String]])
    #expect(rows.first == ["frame.number", "ip.addr", Self.literal])
    #expect(rows.dropFirst().map(\.[0]) == ["8", "10", "12"])
    for row in rows.dropFirst() {
      #expect(row[1] == Self.addresses.joined(separator: ","))
      #expect(row[2] == Self.literalValue)
    }
  }

  @Test func printAsJSON() throws {
    let objects = try #require(
      try parsed("json", "print frame.number, ip.addr, ip.ttl * 2, tcp.flags, \(Self.literal) where icmp.type == 3")
        as? [[String: Any]])
    #expect(objects.map { $0["frame.number"] as? Int } == [8, 10, 12])
    for object in objects {
      #expect(object["ip.addr"] as? [String] == Self.addresses)
      #expect(object["ip.ttl * 2"] as? [Int] == [128, 128])
      #expect(object[Self.literal] as? String == Self.literalValue)
      #expect(object["tcp.flags"] == nil, "an absent field is left out")
    }
  }

  /// `count by` groups as `stats count by` does: each address of the
  /// ICMP errors (two headers, four occurrences) its own group.
  @Test func countByAsCSVAndJSON() throws {
    let command = "count by ip.addr, \(Self.literal) where icmp.type == 3"
    let rows = try #require(try parsed("csv", command) as? [[String]])
    #expect(
      rows == [
        ["ip.addr", Self.literal, "count"], ["10.118.213.211", Self.literalValue, "3"],
        ["10.118.213.212", Self.literalValue, "3"],
      ])
    let objects = try #require(try parsed("json", command) as? [[String: Any]])
    #expect(objects.map { $0["ip.addr"] as? String } == ["10.118.213.211", "10.118.213.212"])
    #expect(objects.first?[Self.literal] as? String == Self.literalValue)
    #expect(objects.first?["count"] as? Int == 3)
  }

  /// A group per value of a repeated `by` field: the ICMP errors count
  /// under 1 (ICMP) and 132 (the SCTP packet they quote).
  @Test func statsAsCSVAndJSON() throws {
    let command = "stats count, sum(frame.len), avg(frame.len) by ip.proto, \(Self.literal) where ip.proto == 1"
    let rows = try #require(try parsed("csv", command) as? [[String]])
    #expect(
      rows == [
        ["ip.proto", Self.literal, "count", "sum(frame.len)", "avg(frame.len)"],
        ["1", Self.literalValue, "3", "330", "110.000"], ["132", Self.literalValue, "3", "330", "110.000"],
      ])
    let objects = try #require(try parsed("json", command) as? [[String: Any]])
    #expect(objects.map { $0["ip.proto"] as? Int } == [1, 132])
    #expect(objects.first?["count"] as? Int == 3)
    #expect(objects.first?["sum(frame.len)"] as? Int == 330)
    #expect(objects.first?["avg(frame.len)"] as? Double == 110)
  }

  /// `format` in a script changes the rows after it; `tsv` is what a pipe gets.
  @Test func formatCommandSwitchesMidScript() throws {
    let script = "count by ip.proto where icmp; format json; count by ip.proto where icmp; format tsv; count icmp"
    let run = try runPktsh(["-r", Self.icmpErrors, "-c", script])
    #expect(run.status == 0)
    #expect(run.stdout == "1\t3\n132\t3\n{\"ip.proto\":1,\"count\":3}\n{\"ip.proto\":132,\"count\":3}\n3\n")
  }

  @Test func unknownFormatIsAScriptError() throws {
    let run = try runPktsh(["-c", "format xml"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("format needs one of table, tsv, csv, json"))
    let option = try runPktsh(["--format", "xml", "-c", "echo 1"])
    #expect(option.status == 2)
    #expect(option.stderr.contains("--format takes table, tsv, csv or json"))
  }

  /// `print` in `table`: a header of the expressions as written, numbers
  /// aligned right, text left.
  @Test func printAsATableHasAHeaderAndAlignedColumns() throws {
    let run = try runPktsh(
      ["-r", "examples/http-sample.pcap", "-c", "format table; print frame.number, ip.src, tcp.len * 8 where frame.number in {1, 3, 11}"],
      in: ShellPaths.repository)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        frame.number  ip.src         tcp.len * 8
                   1  172.16.30.190         4104
                   3  172.16.210.84           40
                  11  172.16.30.190         4784

        """)
  }

  /// The first 100 rows set the widths; a wider value later pushes its
  /// line, and the table goes on streaming in the same widths.
  @Test func printAsATableKeepsTheWidthsOfItsFirstRows() throws {
    let capture = ShellPaths.repository + "/../shared/corpus/real/http-packets.pcap"
    try #require(FileManager.default.fileExists(atPath: capture), "the corpus is missing")
    let run = try runPktsh(["-r", capture, "-c", "let x = frame.number * frame.number * frame.number; format table; print x"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 1986)
    #expect(lines[0] == "      x")
    #expect(lines[1] == "      1")
    #expect(lines[100] == "1000000")
    #expect(lines[101] == "1030301")
    #expect(lines[216] == "10077696")
  }

  /// A terminal gets `table`; a pipe gets TSV (the other tests).
  @Test(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
  func printOnATerminalIsATable() throws {
    let home = try TemporaryDirectory()
    let shell = try PseudoTerminal(
      executable: ShellPaths.binary!,
      arguments: ["-r", ShellPaths.repository + "/examples/http-sample.pcap", "-c", "print ip.src, frame.len where frame.number < 3"],
      environment: testEnvironment(home: home.path))
    defer { shell.close() }
    #expect(shell.waitForExit() == 0)
    let screen = shell.drain(for: 0.1).replacingOccurrences(of: "\r\n", with: "\n")
    #expect(
      screen == """
        ip.src         frame.len
        172.16.30.190        567
        172.16.210.84        743

        """)
  }
}
