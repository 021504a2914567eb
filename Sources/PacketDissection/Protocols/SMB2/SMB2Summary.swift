/// How SMB2 shows: Info is each message's text (`SMB2Info`), chained
/// messages joined by `;`, or `Encrypted SMB3`.
extension SMB2 {
  static var hue: LayerHue? { .yellow }

  static var subtreeOpeners: [FieldID] { [protocolIdentifier.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    f.has(transformSignature) ? ["SMB2 Transform Header"] : ["SMB2 Header"]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(transformSignature) { return row.set("SMB2", info: "Encrypted SMB3") }
    let texts = f.all(protocolIdentifier).compactMap { header in
      SMB2Info(packet: f.dissection.packet, header: Int(header.offset), files: layer.memory.smb2Files).text()
    }
    row.set("SMB2", info: texts.isEmpty ? nil : texts.joined(separator: ";"))
  }
}
