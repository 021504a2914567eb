import PacketDissection
import PacketWire
import Testing

@testable import PacketCapture
@testable import PacketLanguage

/// Filters written to break the language: each is a located error or an
/// answer, never a trap or a stack overflow. The inputs are generated here.
@Suite struct HostileInputTests {
  /// Ethernet, IPv4 from 10.0.0.1 to 10.0.0.2, TCP from port 40000 to 80,
  /// carrying `GET <uri> HTTP/1.1`.
  static func httpRequest(uri: [UInt8]) -> [UInt8] {
    let payload = Array("GET ".utf8) + uri + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    var tcp: [UInt8] = [0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0]
    tcp += payload
    let length = 20 + tcp.count
    let ip: [UInt8] = [0x45, 0, UInt8(length >> 8), UInt8(length & 0xff), 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
    let ethernet: [UInt8] = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00]
    return ethernet + ip + tcp
  }

  /// Whether `filter` (with `bindings`) passes the packet `bytes`, dissected fully.
  static func passes(_ filter: String, _ bytes: [UInt8], bindings: [String: Expr] = [:]) throws -> Bool {
    let checker = Checker(bindings: bindings)
    let compiled = CompiledFilter(try checker.test(try Parser.expression(filter)))
    return bytes.withUnsafeBytes { raw in
      let record = PacketRecord(
        number: 1, timestamp: Timestamp(nanosecondsSinceEpoch: 0), hasTimestamp: true, capturedLength: raw.count,
        originalLength: raw.count, interfaceIndex: nil, linkType: .ethernet, comments: [], bytes: ByteView(raw))
      return compiled.matches(Dissector().dissect(record))
    }
  }

  /// The message of the error checking `filter` gives, or nil when it is accepted.
  static func error(_ filter: String, bindings: [String: Expr] = [:]) -> String? {
    do {
      let checker = Checker(bindings: bindings)
      _ = CompiledFilter(try checker.test(try Parser.expression(filter)))
      return nil
    } catch {
      return error.message
    }
  }

  static let packet = httpRequest(uri: Array("/index.html".utf8))

  // MARK: Nesting

  /// Each way of nesting, `depth` levels deep, around a test of the packet.
  static func nested(_ depth: Int) -> [String] {
    let n = depth
    return [
      String(repeating: "(", count: n) + "tcp" + String(repeating: ")", count: n),
      String(repeating: "!", count: n) + "tcp",
      String(repeating: "not ", count: n) + "tcp",
      String(repeating: "-", count: n) + "tcp.port == 1",
      String(repeating: "abs(", count: n) + "tcp.port" + String(repeating: ")", count: n) + " > 0",
      "frame" + String(repeating: "[0:]", count: n) + " == 00",
      "tcp.port" + String(repeating: " + 1", count: n) + " == 1",
      "tcp.port" + String(repeating: " & 0xff", count: n),
      String(repeating: "(!", count: n) + "tcp" + String(repeating: ")", count: n),
    ]
  }

  /// A layer operator cut off by the end of the text (found by the
  /// language fuzzer: `frame.len#` at the very end read past it).
  @Test(arguments: ["frame.len#", "ip.src#", "ip.src#[", "ip.src#[1"])
  func layerOperatorAtTheEndIsALocatedError(_ text: String) {
    #expect(throws: LanguageError.self) { try Parser.expression(text) }
  }

  @Test(arguments: [Parser.maximumNesting + 1, 20_000])
  func nestingPastTheLimitIsALocatedError(depth: Int) {
    for filter in Self.nested(depth) {
      do {
        _ = try Parser.expression(filter)
        Issue.record("accepted \(filter.prefix(40))… nested \(depth) deep")
      } catch {
        #expect(error.message == "expression nested too deeply (limit \(Parser.maximumNesting))")
        #expect(error.location.offset < filter.utf8.count)
      }
    }
  }

  @Test func nestingUpToTheLimitCompilesAndRuns() throws {
    // `(!` nests two levels a pair.
    for filter in Self.nested(Parser.maximumNesting).dropLast() + Self.nested(Parser.maximumNesting / 2).suffix(1) {
      _ = try Self.passes(filter, Self.packet)
    }
    #expect(try Self.passes(String(repeating: "!", count: 100) + "tcp", Self.packet))
    #expect(try !Self.passes(String(repeating: "!", count: 99) + "tcp", Self.packet))
  }

  // MARK: Long chains

  /// `tcp.port == 1 || … || tcp.port == n`: one node however long, so it
  /// nests no deeper, and runs without recursing per term.
  @Test(arguments: [2, 5_000, 20_000])
  func longOrChainsAreOneLevel(terms: Int) throws {
    let chain = (1...terms).map { "tcp.port == \(100 + $0)" }.joined(separator: " || ")
    #expect(try Self.passes(chain + " || tcp.port == 80", Self.packet))
    #expect(try !Self.passes(chain, Self.packet))
    let conjunction = (1...terms).map { _ in "tcp" }.joined(separator: " && ")
    #expect(try Self.passes(conjunction, Self.packet))
    // An odd number of true operands.
    let parity = (1...terms).map { _ in "tcp" }.joined(separator: " ^^ ")
    #expect(try Self.passes(parity, Self.packet) == (terms % 2 == 1))
  }

  // MARK: let

  /// `let` values as ScriptChecker binds them: with the names they use substituted.
  static func bind(_ lets: [(String, String)]) throws(LanguageError) -> [String: Expr] {
    var bindings: [String: Expr] = [:]
    for (name, value) in lets { bindings[name] = try Checker.resolve(try Parser.expression(value), bindings) }
    return bindings
  }

  @Test func aLetNameMeansWhatItMeantWhenBound() throws {
    // A redefinition extends the old value.
    let extended = try Self.bind([("a", "tcp"), ("a", "a && udp")])
    #expect(try !Self.passes("a", Self.packet, bindings: extended))
    let widened = try Self.bind([("a", "udp"), ("a", "a || tcp")])
    #expect(try Self.passes("a", Self.packet, bindings: widened))
    // Later bindings do not reach into earlier values.
    let earlier = try Self.bind([("b", "tcp.port == p"), ("p", "80")])
    #expect(Self.error("b", bindings: earlier)?.hasPrefix("'p' is") == true)
  }

  @Test func aLetNameCannotReferToItself() throws {
    // `let a = a` binds the word a; `let b = a; let a = b` binds a to it too.
    for lets in [[("a", "a")], [("b", "a"), ("a", "b")], [("a", "a"), ("a", "a && a")]] {
      let bindings = try Self.bind(lets)
      #expect(Self.error("a", bindings: bindings) == "unknown field 'a'", "\(lets)")
    }
    // Bindings built by hand, in any shape, cannot loop either.
    let cyclic = ["a": try Parser.expression("b"), "b": try Parser.expression("a && tcp")]
    #expect(Self.error("a", bindings: cyclic) == "unknown field 'b'")
    #expect(Self.error("b && tcp", bindings: cyclic) == "unknown field 'a'")
  }

  @Test func aLetThatDoublesAgainAndAgainIsRefused() throws {
    var lets = [("a", "tcp")]
    for _ in 0..<40 { lets.append(("a", "a && a")) }
    do {
      _ = try Self.bind(lets)
      Issue.record("accepted 2^40 terms")
    } catch {
      #expect(error.message == "expression too large once let names are substituted (limit 1000000 terms)")
    }
  }

  @Test func aLetThatNestsDeeperAndDeeperIsRefused() throws {
    let wrap = String(repeating: "!(", count: 40) + "a" + String(repeating: ")", count: 40)
    var lets = [("a", "tcp")]
    for _ in 0..<30 { lets.append(("a", wrap)) }
    do {
      _ = try Self.bind(lets)
      Issue.record("accepted \(30 * 40) levels")
    } catch {
      #expect(error.message.hasPrefix("expression nested too deeply once let names are substituted"))
    }
  }

  // MARK: Numbers at the edges of 64 bits

  static let sliceEdges = [
    "9223372036854775807:2", "-9223372036854775808:", "0:9223372036854775807", "1-9223372036854775807",
    "-1-9223372036854775807", "-9223372036854775808--1", "2147483648:2", "-2147483649:", "0:2147483648",
    ":99999999999999999999", "99999999999999999999",
  ]

  @Test(arguments: sliceEdges) func sliceBoundsPast32BitsAreLocatedErrors(_ range: String) {
    let message = Self.error("frame[\(range)] == 00")
    #expect(message?.contains("is out of range for a slice (-2147483648 to 2147483647)") == true, "\(message ?? "")")
  }

  @Test func sliceBoundsAt32BitsMatchNothing() throws {
    for range in ["2147483647:2", "-2147483648:", "0:2147483647", "0-2147483647", "-2147483648--1", "-2147483648:1"] {
      #expect(try !Self.passes("frame[\(range)] == 00", Self.packet), "\(range)")
    }
  }

  static let timeEdges = [
    "9223372036854775807.5", "9223372037", "-9223372037", "9223372036.9999999999",
    String(repeating: "9", count: 400), "1" + String(repeating: "0", count: 400) + ".5", "1e400", "1e18",
  ]

  @Test(arguments: timeEdges) func timesPast64BitsOfNanosecondsAreLocatedErrors(_ time: String) {
    #expect(Self.error("frame.time_relative > \(time)") == "'\(time)' is not a time offset for frame.time_relative")
  }

  @Test func timesAt64BitsOfNanosecondsCompare() throws {
    #expect(try Self.passes("frame.time_relative < 9223372036.854775807", Self.packet))
    #expect(try Self.passes("frame.time_relative > -9223372036.854775807", Self.packet))
  }

  /// Wrapping as tshark's C integers do; dividing by zero has no value (no
  /// match, as `tshark -Y 'tcp.srcport / 0 == 0'` selects nothing).
  @Test func arithmeticNeverTraps() throws {
    let cases: [(String, Bool)] = [
      ("tcp.port - 80 + -9223372036854775808 == -9223372036854775808 / -1", true),
      ("tcp.port - 80 == -9223372036854775808 % -1", true),
      ("tcp.port - 80 + -9223372036854775808 == 9223372036854775807 + 1", true),
      ("tcp.port - 80 + -2 == 9223372036854775807 * 2", true),
      ("-(tcp.port - 80 - 9223372036854775807 - 1) == tcp.port - 80 - 9223372036854775807 - 1", true),
      ("tcp.port / 0 == 0", false), ("tcp.port % 0 == 0", false), ("tcp.dstport / (tcp.dstport - 80) == 0", false),
      ("tcp.port - 80 >= -9223372036854775808 && tcp.port - 80 <= 9223372036854775807", true),
      ("tcp.port - 80 >= 9223372036854775807 && tcp.port - 80 <= -9223372036854775808", false),
    ]
    for (filter, expected) in cases {
      #expect(try Self.passes(filter, Self.packet) == expected, "\(filter)")
    }
  }
}
