/// The text of `help` and `help TOPIC`: the commands' own help, from
/// `ShellCommand.all`, and the expression language.
enum Help {
  static let filters = """
    Filters are Wireshark display filters, as tshark 4.0 reads them:
      tcp, .tcp                 a protocol or field alone tests presence (.name is always a field)
      ip.src == 10.0.0.0/8      == != < > <= >= (eq ne lt gt le ge); === all_eq, !== ~= any_ne
      any tcp.port > 1024, all ip.ttl < 64     some occurrence / every occurrence (and one at least)
      a && b, a || b, !a        (and, or, not), parentheses
      tcp.port in {80, 443, 8000..8080}, tcp.port not in {80, 443}
      http.host contains "example", dns.qry.name matches "goo+gle"   (PCRE2, case-insensitive, on bytes)
      eth contains "GET"        a protocol's contains/matches search from its first byte to the end of its data
      frame[12:2] == 86:dd, eth.src[0:3] == 00:13:c3, frame[-4:], frame[0:2,4:2]   (past the end: empty)
      ip.src#2, ip.ttl#[1-2] > 10, ip#[-1]     the layer operator: occurrences in the 2nd (…) IP layer
      tcp.flags & 0x02, ip.src & 255.255.0.0 == 10.1.0.0, tcp.srcport + 1 == 81, +x, -x
      len(f), count(f), upper(f), lower(f), max(a, b, …), min(a, b, …), abs(a - b), string(ip.src) contains "10."
      ${name}, ${name:a;b}      a macro (macro name = "text with $1 $2"; grouped as if in parentheses)
      tcp.analysis.retransmission, tcp.analysis.flags, tcp.analysis.ack_rtt > 0.2, tcp.completeness
                                TCP's sequence analysis as tshark's (tcp.seq, tcp.ack relative; _raw beside)
    Arithmetic (+ - * / % &) is on integers, over each occurrence; dividing by zero gives no value;
      & also masks bytes by bytes and an address by an address of its family.
    print, count by, let and echo take the same expressions as values; a test prints true or false.
    assert and if take a test of values with no packet: let names, $1 arguments, literals (n > 0 && m < 5).
    Literals: 42 0x2a 052 0b101010 'A', "strings\\n" (C escapes; others are errors), r"raw\\d",
      10.0.0.1/8, fe80::1/64, 00:11:22:33:44:55, bytes 86:dd 0800 :fc, True TRUE,
      value names ip.proto == "TCP", flag labels tcp.flags.syn == "Set",
      times frame.time >= "2015-01-01 00:00:00" or "Jan 1, 2015 00:00:00" (local time; UTC or Z after)
    # starts a comment, except #N and #[…], which are the layer operator (ip.src #2 included).
    Refused as tshark 4.0 refuses them: constant arithmetic as a test or on the left (1 + 2 == 3),
      68-1 as a number, slices of numbers and times, byte strings for integers (eth.type == 08:00),
      a set membership of anything but a field (len(f) in {1..9}).
    Extensions tshark 4.0 lacks: a ^^ b (xor, Wireshark 4.2), a literal on the left (80 == tcp.port),
      true and false in lower case for flags (tcp.flags.syn == true), names of DNS record and
      ICMP types (dns.qry.type == "AAAA", icmp.type == "Echo (ping) request"; tshark 4.0 has none).

    """

  /// What every command that takes a RANGE does with one.
  static let ranges = """
    RANGE is 5, 10-20 or 1,3,7-9 (frame numbers). A part of it that shows no packet (past the
    end, outside the view, not matching where) is said on standard error; none at all fails (status 1).

    """

  /// What `help TOPIC` prints, by topic.
  static let topics: [String: String] = {
    var topics = ["filters": filters]
    for command in ShellCommand.all where command.isHelpTopic { topics[command.names[0]] = command.help }
    return topics
  }()

  static func text(_ topic: String?) -> String {
    if let topic {
      return topics[topic] ?? "no help on '\(topic)'; topics: \(topics.keys.sorted().joined(separator: ", "))\n"
    }
    var out = "Commands (separate with newlines or ';', # starts a comment):\n"
    for command in ShellCommand.all {
      out += "  " + command.help.split(separator: "\n").joined(separator: "\n  ") + "\n"
    }
    return out + ranges
  }
}
