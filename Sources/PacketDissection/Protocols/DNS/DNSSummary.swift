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
    summarize(layer, as: "DNS", .dns, into: &row)
  }

  /// The row of a DNS message read as `dialect`, under `protocolName`.
  static func summarize(_ layer: SummaryLayer, as protocolName: String, _ dialect: Dialect, into row: inout SummaryRow) {
    row.set(protocolName, info: info(layer.fields, dialect))
    if layer.fields.setAsideQuietly { row.endsQuietly = true }
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
  /// A record cut short, kept for Info alone, comes last.
  private static func resourceRecords(_ f: LayerFields) -> [String] {
    var out: [String] = []
    for (field, record) in f.occurrences(of: DNS.self).map({ $0 }) + f.setAside(of: DNS.self) {
      switch field {
      // The types of an NSEC or NSEC3 bitmap, each over its byte of the
      // bitmap, are left out of Info.
      case .respType:
        if record.length == 2 { out.append(" " + DNSNames.type(record.value)) }
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

/// Each question and resource record heads its subtree, and each section
/// is headed by its name, as in Wireshark's tree:
/// `Queries`, then `example.com: type A, class IN`.
extension DNS {
  static var subtreeOpeners: [FieldID] { [qryName.fieldID, respName.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let opener = records[index]
    let isQuestion = opener.field == qryName.fieldID
    // Which of its kind the record is decides the section.
    var earlier = 0
    for k in f.records.lowerBound..<index where records[k].field == opener.field { earlier += 1 }
    var headings: [String] = []
    if let section = section(f, question: isQuestion, ordinal: earlier) { headings.append(section) }
    // The entry's records: up to the next entry or the end of the subtree.
    // The first of each field, by the field's case (an array, not a
    // dictionary: this runs for every question and record).
    var firsts = [FieldRecord?](repeating: nil, count: caseCount)
    var i = index + 1
    while i < f.records.upperBound, records[i].depth >= opener.depth,
      records[i].field != qryName.fieldID, records[i].field != respName.fieldID
    {
      if let field = DNS(rawValue: UInt8(records[i].field.raw & 0xff)), firsts[Int(field.rawValue)] == nil {
        firsts[Int(field.rawValue)] = records[i]
      }
      i += 1
    }
    let entry = DNSEntry(firsts: firsts)
    let name = f.text(opener)
    guard let type = entry[isQuestion ? qryType : respType]?.value else { return headings + [name.isEmpty ? "<Root>" : name] }
    var text = "\(name.isEmpty ? "<Root>" : name): type \(DNSNames.type(type))"
    if let dnsClass = entry[isQuestion ? qryClass : respClass]?.value { text += ", class " + DNSNames.className(dnsClass) }
    if let a = entry[a] ?? entry[aaaa] { text += ", addr " + f.text(a) }
    if let cname = entry[cname] { text += ", cname " + f.text(cname) }
    if let ns = entry[ns] { text += ", ns " + f.text(ns) }
    if let ptr = entry[ptr] { text += ", " + f.text(ptr) }
    if let mname = entry[soaMName] { text += ", mname " + f.text(mname) }
    if let preference = entry[mxPreference], let exchange = entry[mxExchange] {
      text += ", preference \(preference.value), mx " + f.text(exchange)
    }
    return headings + [text]
  }

  private static let caseCount = DNS.allCases.count

  /// The first record of each field of a question or resource record.
  private struct DNSEntry {
    var firsts: [FieldRecord?]
    subscript(field: DNS) -> FieldRecord? { firsts[Int(field.rawValue)] }
  }

  /// The section heading due before the `ordinal`th question or record
  /// (from 0), if it is the section's first.
  private static func section(_ f: LayerFields, question: Bool, ordinal: Int) -> String? {
    if question { return ordinal == 0 ? "Queries" : nil }
    let answers = Int(f.uint(countAnswers) ?? 0)
    let authority = Int(f.uint(countAuth) ?? 0)
    switch ordinal {
    case 0 where answers > 0: return "Answers"
    case answers where authority > 0: return "Authoritative nameservers"
    case answers + authority: return "Additional records"
    default: return nil
    }
  }
}
