/// How QUIC shows: Info is the last packet of the datagram's, as tshark
/// writes it: `Initial, DCID=…, SCID=…, PKN: 0, CRYPTO, PADDING` (the
/// packet number and frames when the packet was opened), or
/// `Protected Payload (KP0), DCID=…` for a short header.
extension QUIC {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    var info = ""
    for (field, record) in layer.fields.occurrences(of: QUIC.self) {
      switch field {
      case .headerForm:
        info = record.value == 1 ? "" : "Protected Payload (KP0)"
      case .longPacketType:
        info = QUICNames.packetTypeName(record.value) ?? "Long Header"
      case .longPacketTypeV2:
        info = QUICNames.packetTypeV2Name(record.value) ?? "Long Header"
      case .version where record.value == 0:
        info = "Version Negotiation"
      case .dcid:
        info += ", DCID=" + layer.fields.text(record)
      case .scid:
        info += ", SCID=" + layer.fields.text(record)
      case .packetNumber:
        info += ", PKN: \(record.value)"
      case .frameType:
        info += ", " + QUICNames.frameInfoName(record.value)
      default:
        break
      }
    }
    row.set("QUIC", info: info)
  }
}

/// The tree's subtree headings, as Wireshark's: the connection's, and one
/// for each frame (`CRYPTO`, `PADDING Length: 928`).
extension QUIC {
  static var subtreeOpeners: [FieldID] { [connectionNumber.fieldID, frameType.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let opener = records[index]
    if opener.field == connectionNumber.fieldID { return ["QUIC Connection information"] }
    let name = QUICNames.frameTypeName(opener.value) ?? "Unknown"
    if opener.value == 0, index + 1 < f.records.upperBound, records[index + 1].field == paddingLength.fieldID {
      return ["\(name) Length: \(records[index + 1].value)"]
    }
    return [name]
  }
}
