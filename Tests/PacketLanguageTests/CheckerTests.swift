import PacketDissection
import Testing

@testable import PacketLanguage

/// Input → the located error the checker reports (or none).
@Suite struct CheckerTests {
  static let rejected: [(String, String, Int, String?)] = [
    ("tcp.dstprt == 80", "unknown field 'tcp.dstprt'", 1, "tcp.dstport"),
    ("ip.src == 10.0.0.300", "'10.0.0.300' is not an IPv4 address for ip.src", 11, nil),
    ("ip.src == \"10.0.0.1\"", "'10.0.0.1' is not an IPv4 address for ip.src", 11, nil),
    ("tcp.port == htttp", "'htttp' is neither a field nor an integer for tcp.port", 13, "http"),
    ("tcp.port == http", "cannot compare an integer with a protocol", 10, nil),
    ("tcp.port == 80x", "'80x' is not an integer for tcp.port", 13, nil),
    ("eth.dst == 00:11:22", "'00:11:22' is not an Ethernet address for eth.dst", 12, nil),
    ("ip.src == eth.src", "cannot compare an IPv4 address with an Ethernet address", 8, nil),
    ("10 == 20", "a comparison needs a field on one side", 1, nil),
    ("ip.src contains \"x\"", "contains needs bytes or a string on the left, not an IPv4 address", 1, nil),
    ("ip.ttl matches \"x\"", "matches needs a string on the left, not an integer", 1, nil),
    ("http.host matches \"(\"", "invalid regular expression", 19, nil),
    ("lenn(http.host) > 1", "unknown function 'lenn'", 1, "len"),
    ("ip.src + 1 == 2", "arithmetic needs integers, not an IPv4 address", 1, nil),
    ("frame[x] == 00", "'x' is not a slice: expected i:n, i-j, i, i: or :n", 6, nil),
    // Integers a field cannot hold, as `tshark -Y` refuses them.
    ("ip.ttl == 256", "'256' is too big for ip.ttl, maximum 255", 11, nil),
    ("ip.flags == 0x100", "'0x100' is too big for ip.flags, maximum 255", 13, nil),
    ("tcp.port in {1..70000}", "'70000' is too big for tcp.port, maximum 65535", 17, nil),
    ("ip.len > 70000", "'70000' is too big for ip.len, maximum 65535", 10, nil),
    ("tcp.flags & 0x10000", "'0x10000' is too big for tcp.flags, maximum 65535", 13, nil),
    ("frame.number == 4294967296", "'4294967296' is too big for frame.number, maximum 4294967295", 17, nil),
    ("tcp.window_size_scalefactor == 2147483648", "'2147483648' is too big for tcp.window_size_scalefactor, maximum 2147483647", 32, nil),
  ]

  @Test(arguments: rejected) func rejects(_ input: String, _ message: String, _ column: Int, _ suggestion: String?)
    throws
  {
    let checker = Checker()
    let expr = try Parser.expression(input)
    do {
      _ = CompiledFilter(try checker.test(expr))
      Issue.record("accepted \(input)")
    } catch {
      #expect(error.message.hasPrefix(message), "\(error.message)")
      #expect(error.location.column == column)
      if let suggestion { #expect(error.suggestion == suggestion) }
    }
  }

  static let accepted = [
    "tcp", "ip.src == 10.0.0.1", "ip.addr == 10.0.0.0/8", "ipv6.addr == fe80::/10",
    "eth.dst == ff:ff:ff:ff:ff:ff", "eth.dst == ffff.ffff.ffff", "frame[12:2] == 86:dd",
    "tcp.port in {80, 443, 8000..8080}", "http.request.method == GET", "tcp.flags.syn == true",
    "tcp.flags & 0x02", "len(http.host) > 5", "count(ip.src) == 2", "upper(http.host) == \"X\"",
    "frame.time_relative > 1.5", "tcp.sport == 80 && udp.dport == 53", "ip.id == 0b101",
    // The largest values the fields hold, and what tshark also lets through.
    "ip.ttl == 255", "ip.flags == 0xff", "ip.dsfield.dscp == 64", "tcp.port == -1", "tcp.flags.syn == 2",
    "tcp.window_size_scalefactor == -1", "frame.number == 4294967295",
  ]

  @Test(arguments: accepted) func accepts(_ input: String) throws {
    _ = CompiledFilter(try Checker().test(try Parser.expression(input)))
  }

  @Test func recordsOnlyTheFieldsAFilterReads() throws {
    let expr = try Parser.expression("ip.src == 10.0.0.1 && tcp.dport == 443")
    let filter = CompiledFilter(try Checker().test(expr))
    #expect(Set(filter.fields.map(\.decl.name)) == ["ip.src", "tcp.dstport"])
    #expect(filter.deepest == .transport)
  }

  @Test func letNamesStandForTheirExpressions() throws {
    let checker = Checker(bindings: ["web": try Parser.expression("tcp.port in {80, 443}")])
    let filter = CompiledFilter(try checker.test(try Parser.expression("web && ip")))
    #expect(Set(filter.fields.map(\.decl.name)) == ["tcp.port", "ip"])
  }
}
