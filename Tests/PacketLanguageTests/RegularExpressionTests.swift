import Testing

@testable import PacketLanguage

/// `matches` as tshark 4.0 answers it (PCRE2, case-insensitive, on bytes).
/// Each expected answer was checked with `tshark -Y` on a capture of the
/// same HTTP requests (Ethernet, IPv4, TCP to port 80, one stream each).
@Suite struct RegularExpressionTests {
  static let thirtyAs = [UInt8](repeating: UInt8(ascii: "a"), count: 30)

  static let requests: [(uri: [UInt8], note: String)] = [
    (Array("/".utf8) + thirtyAs + Array("!".utf8), "30 a's and a !"),
    (Array("/aaa".utf8), "/aaa"),
    (Array("/AAA".utf8), "/AAA"),
    (Array("/".utf8) + thirtyAs, "30 a's"),
  ]

  /// Pattern → the requests (by index) tshark selects.
  static let answers: [(String, [Int])] = [
    // Catastrophic backtracking on the first: PCRE2 gives up, no match.
    ("(a+)+$", [1, 2, 3]),
    ("(a+)+!", [0]),
    ("(a|aa)+$", [1, 2, 3]),
    ("AAA$", [1, 2, 3]),
    ("^/a{3}$", [1, 2]),
    ("zzz", []),
  ]

  @Test(arguments: answers) func matchesAsTsharkDoes(_ pattern: String, _ expected: [Int]) throws {
    var selected: [Int] = []
    for (index, request) in Self.requests.enumerated() {
      let packet = HostileInputTests.httpRequest(uri: request.uri)
      if try HostileInputTests.passes("http.request.uri matches \"\(pattern)\"", packet) { selected.append(index) }
    }
    #expect(selected == expected)
  }

  /// A byte field matches its raw bytes: `tshark -Y 'eth.src matches "\\x66"'`
  /// and a protocol its bytes.
  @Test func byteFieldsMatchTheirRawBytes() throws {
    let packet = HostileInputTests.httpRequest(uri: Array("/x".utf8))
    #expect(try HostileInputTests.passes(#"eth.src matches "\\x66\\x77""#, packet))
    #expect(try !HostileInputTests.passes(#"eth.src matches "^\\x77""#, packet))
    #expect(try HostileInputTests.passes(#"frame matches "^\\x00\\x11""#, packet))
  }

  static let invalid: [(String, String)] = [
    ("(", "missing closing parenthesis"),
    ("a{2,1}", "numbers out of order in {} quantifier"),
    ("[z-a]", "range out of order in character class"),
    ("\\", "\\ at end of pattern"),
  ]

  @Test(arguments: invalid) func invalidPatternsGivePCRE2sMessageAtThePattern(_ pattern: String, _ message: String) {
    let filter = "http.request.uri matches \"\(pattern.replacingBackslashes)\""
    #expect(HostileInputTests.error(filter) == "invalid regular expression: \(message)")
  }

  @Test func aPatternMayHoldAnyByte() throws {
    let packet = HostileInputTests.httpRequest(uri: Array("/a".utf8))
    #expect(try !HostileInputTests.passes(#"http.request.uri matches "\x00""#, packet))
    #expect(try HostileInputTests.passes(#"http.request.uri matches """#, packet))
    #expect(try HostileInputTests.passes(#"http.request.uri matches "\xff|a""#, packet))
  }
}

extension String {
  /// Backslashes doubled, for a pattern inside a filter's quoted string.
  fileprivate var replacingBackslashes: String {
    var out = ""
    for c in self { out += c == "\\" ? "\\\\" : String(c) }
    return out
  }
}
