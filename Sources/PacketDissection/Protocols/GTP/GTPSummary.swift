/// How GTP shows: Info is the message type (`Echo request`); a T-PDU's
/// inner packet writes its own, and the protocol column names the inner
/// protocol inside GTP's (`GTP <TCP>`). In the tree, the information
/// elements Wireshark gives a subtree are headed as it heads them
/// (`Access Point Name: internet`, `GSN address : 127.0.0.1`).
extension GTP {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let message = f.uint(messageType) else { return row.set("GTP", info: nil) }
    row.set("GTP", info: GTPNames.messageName(message) ?? "Unknown (0x\(String(message, radix: 16)))")
    if message == tpdu, layer.next != nil { row.wrapLaterProtocols("GTP <", ">") }
  }

  static var subtreeOpeners: [FieldID] {
    [routingAreaMCC, selectionMode, nsapi, length, apnLength, gsnLength, qosLength, elementLength].map(\.fieldID)
  }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let record = records[index]
    let next = index + 1 < f.records.upperBound ? records[index + 1] : nil
    /// The text of the record after this one, when it is `field`.
    func following(_ field: GTP) -> String? { next.flatMap { $0.field == field.fieldID ? f.text($0) : nil } }
    // A length's element type is the byte before it.
    let type = f.dissection.packet[Int(record.offset) - 1]
    switch GTP(rawValue: UInt8(record.field.raw & 0xff)) {
    case .routingAreaMCC: return ["Routing Area Identity"]
    case .selectionMode: return ["Selection mode: \(GTPElementNames.selectionModeName(record.value) ?? "Unknown")"]
    case .nsapi: return ["NSAPI: \(record.value)"]
    case .apnLength: return ["Access Point Name: \(following(.apn) ?? "")"]
    case .gsnLength: return ["GSN address : \(following(.gsnIPv4) ?? following(.gsnIPv6) ?? "")"]
    case .qosLength: return ["Quality of Service"]
    case .length where Int(record.offset) != f.span.start + 2:
      switch type {
      case 128: return [endUserAddress(f, from: index)]
      case 132: return ["Protocol configuration options"]
      case 134: return ["MS international PSTN/ISDN number"]
      default: return []
      }
    case .elementLength:
      switch type {
      case 151: return ["RAT Type: \(next.flatMap { GTPElementNames.ratTypeName($0.value) } ?? "Unknown")"]
      case 153: return ["MS Time Zone: \(next.map { timezoneText($0.value, f, $0) } ?? "")"]
      default: return []
      }
    default: return []
    }
  }

  /// `End user address (IETF/IPv4)`, with ` : ADDRESS` when it holds one.
  private static func endUserAddress(_ f: LayerFields, from index: Int) -> String {
    let records = f.dissection.records
    var organization: UInt64?, kind: UInt64?, address: String?
    for record in records[(index + 1)..<min(index + 5, f.records.upperBound)] {
      switch record.field {
      case pdpOrganization.fieldID: organization = record.value
      case pdpType.fieldID: kind = record.value
      case userIPv4.fieldID, userIPv6.fieldID: address = address ?? f.text(record)
      default: break
      }
    }
    guard let organization, let kind else { return "End user address" }
    let names = "\(GTPElementNames.pdpOrganizationName(organization) ?? "Unknown")/\(GTPElementNames.pdpTypeName(kind) ?? "Unknown")"
    return "End user address (\(names))" + (address.map { " : \($0)" } ?? "")
  }

  /// `GMT + 8 hours 0 minutes`: the zone in quarter hours, its sign bit
  /// (bit 3 of the byte) read again from the packet.
  private static func timezoneText(_ quarters: UInt64, _ f: LayerFields, _ record: FieldRecord) -> String {
    let negative = (f.dissection.packet[Int(record.offset)] ?? 0) & 0x08 != 0
    return "GMT \(negative ? "-" : "+") \(quarters / 4) hours \(quarters % 4 * 15) minutes"
  }
}
