/// How GTPv2 shows: Info is the message type (`Create Session Request`);
/// in the tree each element is headed by its type's name and, for the
/// types whose summary Wireshark writes from fields read here, that
/// summary (`Cause : Request accepted (16)`).
extension GTPv2 {
  static var hue: LayerHue? { .cyan }
  static var summaryFields: [FieldID] { [messageType.fieldID] }
  static var subtreeOpeners: [FieldID] { [elementType.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard let message = layer.fields.uint(messageType) else { return row.set("GTPv2", info: nil) }
    row.set("GTPv2", info: GTPv2Names.messageName(message) ?? "Unknown")
  }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let head = records[index]
    let type = head.value
    let name = GTPv2Names.elementName(type) ?? "Unknown"
    // The element's own records: up to the next element at its depth or above.
    var own: [GTPv2: FieldRecord] = [:]
    var imsi: String?
    var i = index + 1
    while i < f.records.upperBound {
      let record = records[i]
      if record.field == elementType.fieldID && record.depth <= head.depth { break }
      if record.field == GTP.imsi.fieldID { imsi = f.text(record) }
      if record.depth == head.depth, record.field.protocolID == .gtpv2,
        let field = GTPv2(rawValue: UInt8(record.field.raw & 0xff)), own[field] == nil
      {
        own[field] = record
      }
      i += 1
    }
    return ["\(name) : \(type == 1 ? imsi ?? "" : summary(type, own, f))"]
  }

  /// What Wireshark appends to an element's heading, for the types read here.
  private static func summary(_ type: UInt64, _ own: [GTPv2: FieldRecord], _ f: LayerFields) -> String {
    func named(_ field: GTPv2, _ names: (UInt64) -> String?) -> String {
      guard let value = own[field]?.value else { return "" }
      return "\(names(value) ?? "Unknown") (\(value))"
    }
    switch type {
    case 2: return named(.cause, GTPv2Names.causeName)
    case 71: return own[.apn].map { f.text($0) } ?? ""
    case 73: return own[.ebi].map { "\($0.value)" } ?? ""
    case 75: return own[.mei].map { f.text($0) } ?? ""
    case 82: return named(.ratType, GTPv2Names.ratTypeName)
    case 87:
      guard let interface = own[.fteidInterface]?.value, let key = own[.fteidKey]?.value else { return "" }
      var text = "\(GTPv2Names.interfaceTypeName(interface) ?? "Unknown"), TEID/GRE Key: 0x\(hex(key, 8))"
      if let v4 = own[.fteidIPv4] { text += ", IPv4 \(f.text(v4))" }
      if let v6 = own[.fteidIPv6] { text += ", IPv6 \(f.text(v6))" }
      return text
    case 79:  // PDN address allocation: the IPv6 address first
      return [own[.paaIPv6].map { "IPv6 \(f.text($0))" }, own[.paaIPv4].map { "IPv4 \(f.text($0))" }]
        .compactMap { $0 }.joined(separator: ", ")
    case 93, 109, 180, 181, 191, 195: return "[Grouped IE]"
    case 99: return own[.pdnType].flatMap { GTPv2Names.pdnTypeName($0.value) } ?? ""
    case 127: return named(.apnRestriction, GTPv2Names.apnRestrictionName)
    case 128: return own[.selectionMode].flatMap { GTPv2Names.selectionModeName($0.value) } ?? ""
    case 135: return own[.nodeType].flatMap { GTPv2Names.nodeTypeName($0.value) } ?? ""
    default: return ""
    }
  }

  private static func hex(_ value: UInt64, _ digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
