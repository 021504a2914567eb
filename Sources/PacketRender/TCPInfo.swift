/// TCP's Info text: `80 → 55214 [SYN, ACK] Seq=0 Ack=1 Win=42900 Len=0 MSS=1360`.
///
/// Wireshark also prefixes its sequence analysis (`[TCP Retransmission]`,
/// `[TCP Window Update]`, ...); pktsh does no such analysis, so those
/// prefixes are missing.
enum TCPInfo {
  static func text(_ f: LayerFields) -> String? {
    guard let source = f.uint("tcp.srcport"), let destination = f.uint("tcp.dstport") else { return nil }
    var out = "\(source) \u{2192} \(destination)"
    guard let flags = f.uint("tcp.flags") else { return out }
    out += " [" + flagNames(flags) + "]"
    if let seq = f.uint("tcp.seq") { out += " Seq=\(seq)" }
    if flags & 0x010 != 0, let ack = f.uint("tcp.ack") { out += " Ack=\(ack)" }
    if let window = f.uint("tcp.window_size") ?? f.uint("tcp.window_size_value") { out += " Win=\(window)" }
    if flags & 0x020 != 0, let urgent = f.uint("tcp.urgent_pointer") { out += " Urg=\(urgent)" }
    if let length = f.uint("tcp.len") { out += " Len=\(length)" }
    out += options(f)
    return out
  }

  /// Flag names from the lowest bit up, comma-separated; `<None>` when no
  /// flag is set. The three reserved bits show as one `Reserved`.
  static func flagNames(_ flags: UInt64) -> String {
    let names = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"]
    var set: [String] = []
    for (bit, name) in names.enumerated() where flags & (1 << UInt64(bit)) != 0 { set.append(name) }
    if flags & 0xe00 != 0 { set.append("Reserved") }
    return set.isEmpty ? "<None>" : set.joined(separator: ", ")
  }

  /// The options, in packet order, as Wireshark's option dissectors append them.
  private static func options(_ f: LayerFields) -> String {
    let names = [
      "tcp.options.mss_val", "tcp.options.wscale.multiplier", "tcp.options.sack_perm",
      "tcp.options.sack_le", "tcp.options.sack_re", "tcp.options.timestamp.tsval",
      "tcp.options.timestamp.tsecr",
    ]
    var out = ""
    for record in f.optionRecords(names) {
      switch record.name {
      case "tcp.options.mss_val": out += " MSS=\(record.value)"
      case "tcp.options.wscale.multiplier": out += " WS=\(record.value)"
      case "tcp.options.sack_perm": out += " SACK_PERM"
      case "tcp.options.sack_le": out += " SLE=\(record.value)"
      case "tcp.options.sack_re": out += " SRE=\(record.value)"
      case "tcp.options.timestamp.tsval": out += " TSval=\(record.value)"
      default: out += " TSecr=\(record.value)"
      }
    }
    return out
  }
}
