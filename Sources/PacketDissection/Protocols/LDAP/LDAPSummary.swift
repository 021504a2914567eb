/// How LDAP shows: Info gives each message of the packet, joined by ` | `:
/// the operation and message ID, then the entry it names in quotes
/// (`<ROOT>` when empty) or the result, as tshark writes them
/// (`bindRequest(1) "cn=admin" simple `, `searchResDone(2) success  [1 result]`).
/// A SASL buffer is one part of its own, its messages run together after
/// `SASL GSS-API Integrity: `, or `SASL GSS-API Privacy: payload (N bytes)`
/// when sealed.
extension LDAP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] {
    [
      messageID.fieldID, protocolOp.fieldID, name.fieldID, authentication.fieldID, resultCode.fieldID,
      errorMessage.fieldID, baseObject.fieldID, scope.fieldID, objectName.fieldID, entry.fieldID,
      delRequest.fieldID, message.fieldID, saslBufferLength.fieldID, gssapiEncryptedPayload.fieldID,
      GSSAPI.item.fieldID, TCP.stream.fieldID,
    ]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let stream = f.lastTopLayer(.tcp)?.uint(TCP.stream) ?? UInt64.max
    var messages: [String] = []
    var text: String?
    // Where the SASL buffer being read ends; messages before it are its.
    var bufferEnd = -1
    // A buffer's part is kept even when empty; a message's only with text.
    var inBuffer = false
    func flush() {
      if let text, inBuffer || !text.isEmpty { messages.append(text) }
    }
    var id: UInt64 = 0
    var operation: UInt64 = 0
    let packet = BERReader(view: f.dissection.packet)
    func quoted(_ record: FieldRecord) -> String {
      let name = f.text(record)
      return " \"" + (name.isEmpty ? "<ROOT>" : name) + "\""
    }
    let token = GSSAPI.item.fieldID
    for record in f.dissection.records[f.records] {
      if record.field == token, Int(record.offset) < bufferEnd {
        text = "SASL GSS-API Integrity: "
        continue
      }
      guard record.field.protocolID == LDAP.protocolID, let field = LDAP(rawValue: UInt8(record.field.raw & 0xff)) else {
        continue
      }
      switch field {
      case .saslBufferLength:
        flush()
        inBuffer = true
        bufferEnd = Int(record.offset) + 4 + Int(record.value)
        // A buffer the segment cuts ends the packet at its length.
        text = bufferEnd > f.span.end ? "[BoundErrorUnreassembled Packet]" : ""
      case .gssapiEncryptedPayload:
        text = "SASL GSS-API Privacy: payload (\(record.length) byte\(record.length == 1 ? "" : "s"))"
      case .messageID:
        if Int(record.offset) >= bufferEnd {
          flush()
          inBuffer = false
          text = ""
        }
        id = record.value
      case .protocolOp:
        operation = record.value
        text = (text ?? "") + (LDAPNames.operation(operation) ?? "Unknown") + "(\(id)) "
        // tshark counts an entry once its operation is read whole: one the
        // segment cuts ends in its exception first.
        if operation == 4, packet.element(at: Int(record.offset), end: packet.view.count, cut: true)?.isCut != true {
          layer.memory.ldapSearches.entryReturned(stream: stream)
        }
      case .name, .baseObject, .objectName, .entry, .delRequest:
        guard var current = text, !current.isEmpty else { break }
        current.removeLast()
        text = current + quoted(record) + " "
      case .authentication:
        // A SASL choice cut short is not named.
        if record.value == 3, packet.element(at: Int(record.offset), end: packet.view.count, cut: true)?.isCut == true {
          break
        }
        // A SASL bind's NTLMSSP token writes its text before the choice's name.
        if record.value == 3, let token = saslNTLMSSP(f) { text = (text ?? "") + token }
        text = (text ?? "") + (LDAPNames.authentication(record.value) ?? "") + " "
      case .scope: text = (text ?? "") + (LDAPNames.scope(record.value) ?? "") + " "
      case .resultCode: text = (text ?? "") + (LDAPNames.resultCode(record.value) ?? "") + " "
      case .errorMessage:
        let message = f.text(record)
        if !message.isEmpty { text = (text ?? "") + "(\(message)) " }
        if operation == 5 {
          let n = layer.memory.ldapSearches.searchDone(stream: stream)
          text = (text ?? "") + " [\(n) result\(n == 1 ? "" : "s")]"
        }
      default: break
      }
    }
    flush()
    // A message the segment cuts ends the text as tshark's exception does.
    if let last = f.all(message).last, packet.element(at: Int(last.offset), end: packet.view.count, cut: true)?.isCut == true {
      if messages.isEmpty { messages.append("") }
      messages[messages.count - 1] += "[BoundErrorUnreassembled Packet]"
    }
    row.set("LDAP", info: messages.isEmpty ? nil : messages.joined(separator: " | "))
  }

  /// The Info text of the NTLMSSP token that GSS-API carries after the
  /// layer, if any.
  private static func saslNTLMSSP(_ f: LayerFields) -> String? {
    let layers = f.dissection.layers
    let token = f.layer + 2
    guard token < layers.count, layers[f.layer + 1].protocolID == .gssapi, layers[token].protocolID == .ntlmssp else {
      return nil
    }
    return NTLMSSP.info(LayerFields(f.dissection, layer: token))
  }
}
