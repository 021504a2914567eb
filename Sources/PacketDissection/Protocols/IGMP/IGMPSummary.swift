/// How IGMP shows: the protocol column names the version (`IGMPv2`), Info
/// the message and its group (`Membership Report group 239.1.1.1`), and a
/// version 3 report each group record.
extension IGMP {
  static var hue: LayerHue? { .brightBlue }

  static var summaryFields: [FieldID] { [type, version, maddr, recordType, saddr].map(\.fieldID) }

  static var subtreeOpeners: [FieldID] { [recordType.fieldID] }

  /// `Group Record : 239.255.255.250  Change To Exclude Mode`.
  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let kind = records[index].value
    guard let group = records[index + 1..<f.records.upperBound].first(where: { $0.field == maddr.fieldID }) else {
      return []
    }
    return ["Group Record : \(f.text(group))  \(IGMPNames.recordTypeName(kind) ?? "Unknown")"]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    // The second listing of the protocol has no fields of its own.
    guard let type = f.uint(type) else { return }
    guard let version = f.uint(version) else {
      return row.set("IGMP", info: otherInfo(type, length: layer.fields.span.end - layer.fields.span.start))
    }
    row.set("IGMPv\(version)", info: info(f, version: version, type: type))
  }

  private static func info(_ f: LayerFields, version: UInt64, type: UInt64) -> String? {
    let group = f.text(maddr) ?? ""
    switch (version, UInt8(type)) {
    case (1, _): return IGMPNames.typeName(type)
    case (2, query), (3, query):
      return group == "0.0.0.0" ? "Membership Query, general" : "Membership Query, specific for group \(group)"
    case (2, reportV2): return "Membership Report group \(group)"
    case (2, leaveV2): return "Leave Group \(group)"
    case (3, reportV3): return "Membership Report" + groupRecords(f)
    default: return IGMPNames.typeName(type)
    }
  }

  /// A message of no IGMP version: multicast traceroute, or another protocol's.
  private static func otherInfo(_ type: UInt64, length: Int) -> String? {
    switch UInt8(type) {
    case traceResponse: "Traceroute Response"
    case traceQuery: length == traceHeaderLength ? "Traceroute Query" : "Traceroute Request"
    default: IGMPNames.typeName(type)
    }
  }

  /// Each group record as Info lists it (` / Join group 239.1.1.1 for any sources`).
  private static func groupRecords(_ f: LayerFields) -> String {
    var text = ""
    var kind: UInt64 = 0
    var group = ""
    var sources: [String] = []
    var inRecord = false
    func flush() {
      guard inRecord else { return }
      text += record(kind: kind, group: group, sources: sources)
    }
    for (field, record) in f.occurrences(of: IGMP.self) {
      switch field {
      case .recordType:
        flush()
        (kind, group, sources, inRecord) = (record.value, "", [], true)
      case .maddr where inRecord: group = f.text(record)
      case .saddr where inRecord: sources.append(f.text(record))
      default: break
      }
    }
    flush()
    return text
  }

  private static func record(kind: UInt64, group: String, sources: [String]) -> String {
    let plural = sources.count > 1 ? "s" : ""
    let list = " {" + sources.joined(separator: ", ") + "}"
    switch (kind, sources.isEmpty) {
    case (1, true), (3, true): return " / Leave group \(group)"
    case (2, true), (4, true): return " / Join group \(group) for any sources"
    case (5, true): return " / Group \(group), ALLOW_NEW_SOURCES but no source specified (?)"
    case (6, true): return " / Group \(group), BLOCK_OLD_SOURCES but no source specified (?)"
    case (1, false), (3, false): return " / Join group \(group) for source\(plural)" + list
    case (2, false), (4, false): return " / Join group \(group), for source\(plural) not in" + list
    case (5, false): return " / Group \(group), new source\(plural)" + list
    case (6, false): return " / Group \(group), block source\(plural)" + list
    default: return " / Group \(group), unknown record type (\(kind))"
    }
  }
}
