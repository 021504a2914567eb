/// How SMB2 shows: Info is the command and whether it is a request or a
/// response (`Negotiate Protocol Request`), an error response's status
/// (`, Error: STATUS_ACCESS_DENIED`), a Tree Connect's share and a
/// Create's file name; chained messages are joined by `;`.
extension SMB2 {
  static var hue: LayerHue? { .yellow }

  static var subtreeOpeners: [FieldID] { [protocolIdentifier.fieldID] }

    static func headings(_ f: LayerFields, before index: Int) -> [String] {
    f.has(transformSignature) ? ["SMB2 Transform Header"] : ["SMB2 Header"]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(transformSignature) { return row.set("SMB2", info: "Encrypted SMB3") }
    // One text a message, each starting at its command's record.
    var texts: [String] = []
    var status: UInt64 = 0
    for record in f.dissection.records[f.records] {
      switch record.field {
      case ntStatus.fieldID: status = record.value
      case channelSequence.fieldID: status = 0
      case command.fieldID:
        texts.append(SMB2Names.commandName(record.value) ?? "unknown-0x\(String(record.value, radix: 16))")
      case flags.fieldID where !texts.isEmpty:
        texts[texts.count - 1] += record.value & 1 != 0 ? " Response" : " Request"
        if status != 0 {
          texts[texts.count - 1] +=
            ", Error: " + (SMB2Names.ntStatusName(status) ?? "Unknown (\(FieldText.integer(status, base: .hex, bytes: 4)))")
        }
      case tree.fieldID where !texts.isEmpty: texts[texts.count - 1] += " Tree: " + f.text(record)
      case filename.fieldID where !texts.isEmpty: texts[texts.count - 1] += " File: " + f.text(record)
      default: break
      }
    }
    row.set("SMB2", info: texts.isEmpty ? nil : texts.joined(separator: ";"))
  }
}
