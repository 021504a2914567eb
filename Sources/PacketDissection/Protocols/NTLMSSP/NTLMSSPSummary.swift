/// How NTLMSSP shows: it appends the message type to the Info the
/// protocols around it wrote (`Session Setup Request, NTLMSSP_NEGOTIATE`),
/// with the user of an AUTHENTICATE (`NTLMSSP_AUTH, User: DOMAIN\user`).
/// SMB1 writes an error status after it; LDAP writes a SASL bind's text
/// itself (`LDAP.summarize` calls `info`).
extension NTLMSSP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [messageType.fieldID, authDomain.fieldID, authUser.fieldID] }

  /// The message's Info text, `, ` first.
  static func info(_ f: LayerFields) -> String? {
    guard let type = f.uint(messageType) else { return nil }
    var text = ", " + (NTLMSSPNames.messageType(type) ?? "Unknown message type")
    if type == authenticate {
      func name(_ field: NTLMSSP) -> String {
        let value = f.text(field) ?? ""
        return value == "NULL" ? "" : value
      }
      text += ", User: " + name(authDomain) + "\\" + name(authUser)
    }
    return text
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let layers = f.dissection.layers
    // A SASL bind's token: LDAP wrote it inside its own text.
    if f.layer >= 2, layers[f.layer - 1].protocolID == .gssapi, layers[f.layer - 2].protocolID == .ldap { return }
    guard let text = info(f) else { return }
    if layers[..<f.layer].contains(where: { $0.protocolID == .smb }), let error = row.info.range(of: ", Error: ") {
      row.info.insert(contentsOf: text, at: error.lowerBound)
    } else {
      row.info += text
    }
  }
}
