/// How TCP shows: bright blue; the headline adds ports, sequence and
/// acknowledgement numbers and length; Info is
/// `80 → 55214 [SYN, ACK] Seq=0 Ack=1 Win=42900 Len=0 MSS=1360`.
///
/// Wireshark also prefixes its sequence analysis (`[TCP Retransmission]`,
/// `[TCP Window Update]`, ...); pktsh does no such analysis, so those
/// prefixes are missing.
extension TCP {
  static var hue: LayerHue? { .brightBlue }

  static func headline(_ f: LayerFields) -> String {
    var out = f.headline(sourcePort: srcport, destinationPort: dstport)
    if let seq = f.uint(seq) { out += ", Seq: \(seq)" }
    if let flags = f.uint(flags), flags & 0x010 != 0, let ack = f.uint(ack) { out += ", Ack: \(ack)" }
    if let length = f.uint(len) { out += ", Len: \(length)" }
    return out
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("TCP", info: info(layer.fields))
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let source = f.uint(srcport), let destination = f.uint(dstport) else { return nil }
    var out = "\(source) \u{2192} \(destination)"
    guard let flags = f.uint(flags) else { return out }
    out += " [" + flagNames(flags) + "]"
    if let seq = f.uint(seq) { out += " Seq=\(seq)" }
    if flags & 0x010 != 0, let ack = f.uint(ack) { out += " Ack=\(ack)" }
    if let window = f.uint(window) ?? f.uint(windowValue) { out += " Win=\(window)" }
    if flags & 0x020 != 0, let urgent = f.uint(urgent) { out += " Urg=\(urgent)" }
    if let length = f.uint(len) { out += " Len=\(length)" }
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
    var out = ""
    for (field, record) in f.occurrences(of: TCP.self) {
      switch field {
      case .mss: out += " MSS=\(record.value)"
      case .wscaleMultiplier: out += " WS=\(record.value)"
      case .sackPerm: out += " SACK_PERM"
      case .sackLE: out += " SLE=\(record.value)"
      case .sackRE: out += " SRE=\(record.value)"
      case .tsval: out += " TSval=\(record.value)"
      case .tsecr: out += " TSecr=\(record.value)"
      default: break
      }
    }
    return out
  }
}

/// MPTCP's bytes are TCP's options: no colour of its own.
extension MPTCP {
  static var hue: LayerHue? { nil }
}
