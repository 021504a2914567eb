import PacketWire

/// How SNMP shows: Info is the PDU's type and its bindings' names
/// (`get-request 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.6.0`); a version 1
/// trap's enterprise comes first, named from its root (`iso.3.6.1…`).
extension SNMP {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    // The second listing of SNMP (sysName's text) writes no column.
    guard f.first(item) != nil else { return }
    var parts: [String] = []
    if f.first(encryptedPDU) != nil { parts.append("encryptedPDU: privKey Unknown") }
    for (field, record) in f.occurrences(of: SNMP.self) {
      switch field {
      case .data: parts.append(SNMPNames.pduType(record.value) ?? "")
      case .enterprise: parts.append(rooted(String(decoding: f.dissection.valueBytes(record).copyBytes(), as: UTF8.self)))
      case .name: parts.append(itutRooted(String(decoding: f.dissection.valueBytes(record).copyBytes(), as: UTF8.self)))
      default: break
      }
    }
    // A message cut before its PDU leaves Info as the layers before wrote it.
    row.set("SNMP", info: parts.isEmpty ? nil : parts.joined(separator: " "))
  }

  /// A binding's name: numeric, but for names under ITU-T's root, which
  /// Wireshark writes as it resolves them (`itu-t.1`).
  private static func itutRooted(_ oid: String) -> String {
    oid.hasPrefix("0.") ? "itu-t." + oid.dropFirst(2) : oid
  }

  /// An object identifier with its first arc named, as Wireshark resolves it without MIBs.
  private static func rooted(_ oid: String) -> String {
    for (arc, name) in [("0.", "itu-t."), ("1.", "iso."), ("2.", "joint-iso-itu-t.")] where oid.hasPrefix(arc) {
      return name + oid.dropFirst(2)
    }
    return oid
  }
}
