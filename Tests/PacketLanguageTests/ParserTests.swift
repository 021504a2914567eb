import Testing

@testable import PacketLanguage

/// Input → AST, written back as a compact S-expression so the table reads easily.
@Suite struct ParserTests {
  static let cases: [(String, String)] = [
    ("tcp", "tcp"),
    ("ip.src == 10.0.0.1", "(== ip.src 10.0.0.1)"),
    ("ip.addr eq 10.0.0.0/8", "(== ip.addr 10.0.0.0/8)"),
    ("a && b || c", "(or (and a b) c)"),
    ("a or b and c", "(or a (and b c))"),
    ("a ^^ b && c", "(xor a (and b c))"),
    ("!a && b", "(and (not a) b)"),
    ("not (a || b)", "(not (or a b))"),
    ("tcp.port in {80, 443, 8000..8080}", "(in tcp.port 80 443 8000..8080)"),
    ("tcp.port in {1 .. 3}", "(in tcp.port 1..3)"),
    ("frame[12:2] == 86:dd", "(== (slice frame 12:2) 86:dd)"),
    ("frame[-4:] == 00:00:00:00", "(== (slice frame -4:) 00:00:00:00)"),
    ("http.host contains \"exa\\x6dple\"", "(contains http.host \"example\")"),
    ("dns.qry.name matches \"goo+gle\"", "(matches dns.qry.name \"goo+gle\")"),
    ("dns.qry.name ~ \"x\"", "(matches dns.qry.name \"x\")"),
    ("tcp.flags & 0x02", "(& tcp.flags 0x02)"),
    ("tcp.srcport + 1 == 81", "(== (+ tcp.srcport 1) 81)"),
    ("tcp.srcport + 2 * 3 == 7", "(== (+ tcp.srcport (* 2 3)) 7)"),
    ("tcp.flags & 0x02 + 1", "(& tcp.flags (+ 0x02 1))"),
    ("len(http.host) > 5", "(> (len http.host) 5)"),
    ("ip.ttl == -1", "(== ip.ttl -1)"),
    ("ip.addr === 10.0.0.1", "(=== ip.addr 10.0.0.1)"),
    ("ip.addr !== 10.0.0.1", "(!== ip.addr 10.0.0.1)"),
    ("ipv6.addr == fe80::1/64", "(== ipv6.addr fe80::1/64)"),
    ("ipv6.addr == ::1", "(== ipv6.addr ::1)"),
    // `#` and a digit or `[` is the layer operator, any other `#` a comment.
    ("ip.src#2 == 10.0.0.1 # the inner header", "(== ip.src#[2] 10.0.0.1)"),
    ("ip.src #[1-2,4]", "ip.src#[1-2,4]"),
    ("tcp # port 80", "tcp"),
    ("any tcp.port > 1024", "(any (> tcp.port 1024))"),
    ("all ip.ttl != 64", "(all (!= ip.ttl 64))"),
    ("tcp.port ~= 80", "(!== tcp.port 80)"),
    ("tcp.port not in {80}", "(not (in tcp.port 80))"),
    ("+tcp.port == +80", "(== tcp.port 80)"),
    ("frame[14] == 'E'", "(== (slice frame 14) 0x45)"),
    ("http.host == r\"a\\d\"", "(== http.host \"a\\d\")"),
    ("${lan:10.0.0.0;16} && tcp", "(and ${lan:10.0.0.0;16} tcp)"),
  ]

  @Test(arguments: cases) func parses(_ input: String, _ expected: String) throws {
    #expect(render(try Parser.expression(input)) == expected)
  }

  static let errors: [(String, String, Int)] = [
    ("ip.src ==", "expected a field or a value, found the end of the input", 10),
    ("(tcp", "expected ')'", 5),
    ("tcp.port in 80", "expected '{' to start a set", 13),
    ("tcp.port in {80 443}", "expected ',' or '}' in the set", 17),
    ("http.host contains \"abc", "unterminated string", 20),
    ("frame[1:2", "missing ']' to close the slice", 6),
    ("tcp udp", "unexpected 'udp'", 5),
    ("ip.src == 1 ?", "unexpected character '?'", 13),
  ]

  @Test(arguments: errors) func reportsSyntaxErrorsWhereTheyAre(_ input: String, _ message: String, _ column: Int)
  {
    #expect(throws: LanguageError.self) { try Parser.expression(input) }
    do {
      _ = try Parser.expression(input)
    } catch {
      #expect(error.message == message)
      #expect(error.location.column == column)
    }
  }

  @Test func rendersErrorsWithACaretUnderTheMistake() {
    let source = "count\nprint tcp.dstprt"
    let error = LanguageError(
      .unknownField, "unknown field 'tcp.dstprt'", at: SourceLocation(line: 2, column: 7, offset: 12, length: 10),
      suggestion: "tcp.dstport")
    #expect(
      error.rendered(file: "x.pks", source: source) == """
        x.pks:2:7: error: unknown field 'tcp.dstprt'; did you mean tcp.dstport?
        print tcp.dstprt
              ^~~~~~~~~~
        """)
  }
}

/// A compact, unambiguous rendering of an expression for the tables above.
func render(_ e: Expr) -> String {
  switch e {
  case .word(let w, _): return w
  case .layer(let w, let layers, _): return w + "#[" + layers + "]"
  case .macro(let name, let arguments, _): return "${" + name + ":" + arguments.joined(separator: ";") + "}"
  case .quantified(let q, let inner, _): return "(" + q.rawValue + " " + render(inner) + ")"
  case .string(let b, _): return "\"" + String(decoding: b, as: UTF8.self) + "\""
  case .slice(let base, let text, _): return "(slice \(render(base)) \(text))"
  case .call(let name, let args, _): return "(\(name) " + args.map(render).joined(separator: " ") + ")"
  case .not(let x, _): return "(not \(render(x)))"
  case .negate(let x, _): return "(- \(render(x)))"
  case .logical(let op, let operands): return "(\(op.rawValue) " + operands.map(render).joined(separator: " ") + ")"
  case .compare(let op, let a, let b, _): return "(\(op.rawValue) \(render(a)) \(render(b)))"
  case .arithmetic(let op, let a, let b, _): return "(\(op.rawValue) \(render(a)) \(render(b)))"
  case .contains(let a, let b, _): return "(contains \(render(a)) \(render(b)))"
  case .matches(let a, let b, _): return "(matches \(render(a)) \(render(b)))"
  case .member(let a, let elements, _):
    let items = elements.map { element -> String in
      switch element {
      case .value(let v): return render(v)
      case .range(let l, let h): return render(l) + ".." + render(h)
      }
    }
    return "(in \(render(a)) " + items.joined(separator: " ") + ")"
  }
}
