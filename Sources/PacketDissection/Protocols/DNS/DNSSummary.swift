/// How DNS shows: yellow; the headline says query or response; Info is
/// the operation, `response`, the transaction id, the error of a failed
/// response, then each question (`A example.com`) and each resource
/// record of every section (`A 192.0.2.1`, `CNAME host.example`, `OPT`).
/// mDNS adds `, "QM" question` to each question and `, cache flush` to
/// each record that has the bit.
extension DNS {
  static var hue: LayerHue? { .yellow }

  static func headline(_ f: LayerFields) -> String {
    guard let response = f.uint(flagResponse) else { return f.label }
    return f.label + (response == 1 ? " (response)" : " (query)")
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("DNS", info: info(layer.fields, .dns))
  }

  /// The Info column of a DNS message read as `dialect`.
  static func info(_ f: LayerFields, _ dialect: Dialect) -> String? {
    guard let id = f.uint(id) else { return nil }
    let response = f.uint(flagResponse) == 1
    var out = DNSNames.opcode(f.uint(flagOpcode) ?? 0) + (response ? " response" : "")
    out += " 0x" + hex4(id)
    if response, let rcode = f.uint(flagRcode), rcode != 0 { out += " " + DNSNames.rcode(rcode) }
    let queryNames = f.all(qryName)
    let unicastWanted = dialect == .mdns ? f.all(qryQU) : []
    for (i, type) in f.all(qryType).enumerated() {
      out += " " + DNSNames.type(type.value)
      if i < queryNames.count { out += " " + f.text(queryNames[i]) }
      if i < unicastWanted.count { out += unicastWanted[i].value == 1 ? ", \"QU\" question" : ", \"QM\" question" }
    }
    for record in resourceRecords(f) { out += record }
    return out
  }

  /// Each resource record's contribution: its type, then the data
  /// Wireshark quotes for that type.
  private static func resourceRecords(_ f: LayerFields) -> [String] {
    var out: [String] = []
    // The types of an NSEC bitmap follow its next domain name; Info
    // leaves them out.
    var inBitmap = false
    for (field, record) in f.occurrences(of: DNS.self) {
      defer { inBitmap = field == .nsecNextDomainName || (inBitmap && field == .respType) }
      switch field {
      case .respType:
        if !inBitmap { out.append(" " + DNSNames.type(record.value)) }
      case .respCacheFlush:
        if record.value == 1, !out.isEmpty { out[out.count - 1] += ", cache flush" }
      case .a, .aaaa, .ns, .cname, .ptr, .soaMName, .mxPreference, .mxExchange, .srvPriority, .srvWeight, .srvPort,
        .srvTarget, .dname, .nsecNextDomainName:
        if !out.isEmpty { out[out.count - 1] += " " + f.text(record) }
      default:
        break
      }
    }
    return out
  }
}
