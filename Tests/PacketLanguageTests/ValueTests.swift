import PacketDissection
import PacketWire
import Testing

@testable import PacketCapture
@testable import PacketLanguage

/// Values as `print`, `count by`, `let` and `echo` check and compute them:
/// their checked form and type, the located errors of values that cannot
/// be computed, and their text on a crafted packet.
@Suite struct ValueTests {
  static func column(_ text: String, bindings: [String: Expr] = [:]) throws -> CheckedValue {
    try Checker(bindings: bindings).column(try Parser.expression(text))
  }

  /// The text `print text` gives for the HTTP request of `HostileInputTests`
  /// (10.0.0.1:40000 → 10.0.0.2:80, TTL 64, `GET /a HTTP/1.1`).
  static func printed(_ text: String, bindings: [String: Expr] = [:]) throws -> String {
    let columns = ValueColumns([try column(text, bindings: bindings)])
    return HostileInputTests.httpRequest(uri: Array("/a".utf8)).withUnsafeBytes { raw in
      let record = PacketRecord(
        number: 1, timestamp: Timestamp(nanosecondsSinceEpoch: 0), hasTimestamp: true, capturedLength: raw.count,
        originalLength: raw.count, interfaceIndex: nil, linkType: .ethernet, comments: [], bytes: ByteView(raw))
      let dissector = Dissector()
      dissector.restrict(to: columns.fields)
      return columns.line(dissector.dissect(record))
    }
  }

  @Test(arguments: [
    ("tcp.srcport", ValueType.integer),
    ("tcp.len * 8", .integer),
    ("tcp.payload[0:4]", .bytes),
    ("upper(http.host)", .string),
    ("max(ip.src, ip.dst)", .ipv4),
    ("abs(frame.time_delta)", .relativeTime),
    ("string(ip.ttl)", .string),
    ("tcp.port == 80 && ip", .boolean),
    ("5", .integer),
    ("\"total\"", .string),
  ])
  func aColumnHasTheTypeOfItsValue(_ text: String, _ type: ValueType) throws {
    #expect(try Self.column(text).type == type)
  }

  @Test func maxAndMinTakeIntegersAmongTheirArgumentsInAFilterToo() throws {
    let test = try Checker().test(try Parser.expression("max(tcp.srcport, 1024) > 1024"))
    guard case .compareConstant(.greater, let value, .integer(1024)) = test.form, case .extreme(let arguments, true) = value.form,
      case .integer(1024) = arguments[1].form
    else {
      Issue.record("\(test.form)")
      return
    }
  }

  @Test func aTestIsAValueAndALiteralIsAConstant() throws {
    guard case .test(let test) = try Self.column("tcp.port == 80").form, case .compareConstant = test.form else {
      Issue.record("not a test")
      return
    }
    guard case .integer(5) = try Self.column("x", bindings: ["x": .word("5", SourceLocation(line: 1, column: 1, offset: 0, length: 1))]).form
    else {
      Issue.record("let x = 5 is not the integer 5")
      return
    }
  }

  static let rejected: [(String, String, Int)] = [
    ("tcp.len + \"x\"", "arithmetic needs integers, not the string \"x\"", 11),
    ("upper(tcp.len)", "upper needs a string, not an integer", 7),
    ("ip.src * 2", "arithmetic needs integers, not an IPv4 address", 1),
    ("abs(ip.src)", "abs needs an integer or a time offset, not an IPv4 address", 5),
    ("max(ip.src, tcp.len)", "max needs arguments of one type: an IPv4 address, then an integer", 13),
    ("min()", "min takes one or more arguments", 1),
    ("string(tcp)", "string needs a value, not a protocol", 8),
    ("len(a, b)", "len takes one argument", 1),
    ("sum(ip.src)", "unknown function 'sum'", 1),
    ("tcp.lne * 8", "unknown field 'tcp.lne'", 1),
    ("ip.ttl + 1000", "'1000' is too big for ip.ttl, maximum 255", 10),
    ("ip.addr + 0", "arithmetic needs integers, not an IPv4 address", 1),
  ]

  @Test(arguments: rejected)
  func aValueThatCannotBeComputedIsALocatedError(_ text: String, _ message: String, _ column: Int) {
    do {
      _ = try Self.column(text)
      Issue.record("\(text) was accepted")
    } catch let error as LanguageError {
      #expect(error.message == message, "\(text)")
      #expect(error.location.column == column, "\(text)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test(arguments: [
    ("frame.len - 14", "68"),
    ("tcp.len * 8", "224"),
    ("ip.ttl / 0", ""),
    ("ip.ttl % 10", "4"),
    ("-ip.ttl", "-64"),
    ("0 - tcp.srcport * 2", "-80000"),
    ("tcp.flags", "0x0018"),
    ("tcp.flags & 0x18", "24"),
    ("tcp.payload[0:4]", "47455420"),
    ("tcp.payload[200:4]", ""),
    ("ip.src[0:2]", "0a00"),
    ("len(tcp.payload)", "28"),
    ("count(ip.addr)", "2"),
    ("count(udp.port)", ""),
    ("upper(http.host)", "X"),
    ("lower(\"GeT\")", "get"),
    ("max(tcp.srcport, tcp.dstport)", "40000"),
    ("min(tcp.srcport, tcp.dstport, 7)", "7"),
    ("max(ip.src, ip.dst)", "10.0.0.2"),
    ("max(udp.port)", ""),
    ("abs(tcp.dstport - tcp.srcport)", "39920"),
    ("string(ip.src)", "10.0.0.1"),
    ("string(tcp.srcport) == \"40000\"", "true"),
    ("tcp.port + 1", "40001,81"),
    ("tcp.port == 80", "true"),
    ("udp || tcp.port == 443", "false"),
    ("ip.addr", "10.0.0.1,10.0.0.2"),
    ("\"total\"", "total"),
    ("7", "7"),
  ])
  func aValuePrintsAsTsharkPrintsItsType(_ text: String, _ expected: String) throws {
    #expect(try Self.printed(text) == expected, "\(text)")
  }
}
