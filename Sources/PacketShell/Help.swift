/// The text of `help` and `help TOPIC`.
enum Help {
  static let topics: [String: String] = [
    "load": "load PATH            read a pcap or pcapng file (chosen by content); replaces the packets\n",
    "filter": "filter EXPR          narrow the view that later commands see; `filter` alone clears it\n",
    "count": "count [EXPR]         number of packets in view (that match EXPR)\ncount by F[, F…] [where EXPR]   one line per distinct value, most frequent first\n",
    "print": "print F[, F…] [where EXPR]   one line per packet, values tab-separated, occurrences joined by ','\n",
    "list": "list [RANGE] [where EXPR]    one summary line per packet\n",
    "show": "show [RANGE]         the full dissector tree, with byte ranges\n",
    "hexdump": "hexdump [RANGE] [FIELD]      bytes in hex and ASCII; FIELD's bytes marked\n",
    "layout": "layout PROTO [RANGE]         the header as the RFCs draw it; with RANGE, each packet's values in it\n",
    "fields": "fields PROTO         the protocol's fields: filter name, label, type, bit offset and width, base\n",
    "protocols": "protocols            what pktsh dissects, and which table values lead to each protocol\n",
    "save": "save PATH [where EXPR]       write the view (pcapng for .pcapng, else pcap), atomically\n",
    "let": """
      let NAME = EXPR      name a filter or a value for later expressions; names in EXPR keep
                           the meaning they have now (`let a = a && udp` extends the old a)

      """,
    "interfaces": "interfaces           the network interfaces: index, name, link type, state, addresses\n",
    "capture": """
      capture IFACE [count N] [for SECONDS] [where EXPR] [quiet] [promisc] [explain]
                           capture live on IFACE (any: all of them) until N packets, SECONDS
                           (2.5, 500ms, 10s, 5m) or Ctrl-C; the packets replace the current ones.
                           quiet: no line per packet; promisc: promiscuous mode;
                           explain: show how EXPR would be filtered, capture nothing.
                           In a script, count or for is required. Needs root or CAP_NET_RAW.

      """,
    "filters": """
      Filters are Wireshark display filters:
        tcp                       a protocol or field alone tests presence
        ip.src == 10.0.0.0/8      == != < > <= >= (eq ne lt gt le ge); === all equal, !== any not equal
        a && b, a || b, !a, a ^^ b   (and, or, not, xor), parentheses
        tcp.port in {80, 443, 8000..8080}
        http.host contains "example", dns.qry.name matches "goo+gle"   (PCRE2, case-insensitive)
        frame[12:2] == 86:dd, eth.src[0:3] == 00:13:c3, frame[-4:]
        tcp.flags & 0x02, tcp.srcport + 1 == 81, len(http.host) > 5, count(ip.src) == 2, upper(f), lower(f)
      Literals: 42 0x2a 052 0b101010, "strings\\n", 10.0.0.1/8, fe80::1/64, 00:11:22:33:44:55, 86:dd, true false

      """,
  ]

  static func text(_ topic: String?) -> String {
    if let topic {
      return topics[topic] ?? "no help on '\(topic)'; topics: \(topics.keys.sorted().joined(separator: ", "))\n"
    }
    var out = "Commands (separate with newlines or ';', # starts a comment):\n"
    for name in ["load", "filter", "count", "print", "list", "show", "hexdump", "layout", "fields", "protocols", "save", "let", "interfaces", "capture"] {
      out += "  " + topics[name]!.split(separator: "\n").joined(separator: "\n  ") + "\n"
    }
    out += "  help [TOPIC]         this text; `help filters` for the expression language\n"
    out += "  quit, exit           leave (Ctrl-D too)\n"
    return out
  }
}
