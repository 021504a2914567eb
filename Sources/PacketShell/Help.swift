/// The text of `help` and `help TOPIC`: the commands' own help, from
/// `ShellCommand.all`, and the expression language.
enum Help {
  static let filters = """
    Filters are Wireshark display filters:
      tcp                       a protocol or field alone tests presence
      ip.src == 10.0.0.0/8      == != < > <= >= (eq ne lt gt le ge); === all equal, !== any not equal
      a && b, a || b, !a, a ^^ b   (and, or, not, xor), parentheses
      tcp.port in {80, 443, 8000..8080}
      http.host contains "example", dns.qry.name matches "goo+gle"   (PCRE2, case-insensitive)
      frame[12:2] == 86:dd, eth.src[0:3] == 00:13:c3, frame[-4:]
      tcp.flags & 0x02, tcp.srcport + 1 == 81, len(http.host) > 5, count(ip.src) == 2, upper(f), lower(f)
      max(tcp.srcport, tcp.dstport) < 1024, min(…), abs(a - b), string(ip.src) contains "10."
    Arithmetic (+ - * / % &) is on integers, over each occurrence; dividing by zero gives no value.
    print, count by, let and echo take the same expressions as values; a test prints true or false.
    assert and if take a test of values with no packet: let names, $1 arguments, literals (n > 0 && m < 5).
    Literals: 42 0x2a 052 0b101010, "strings\\n", 10.0.0.1/8, fe80::1/64, 00:11:22:33:44:55, 86:dd, true false

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
