/// How DTLS shows: the Protocol column is the connection's version
/// (`DTLSv1.2`, once a Hello Verify Request or Server Hello set it) or
/// `DTLS`; Info lists each record's content, comma separated: handshake
/// messages (`Client Hello (Fragment)`, `Server Hello Done`), `Encrypted
/// Handshake Message`, `Change Cipher Spec`, `Application Data`, alerts.
extension DTLS {
  static var hue: LayerHue? { .brightBlue }

  static var summaryFields: [FieldID] {
    [item, recordContentType, recordEpoch, alertLevel, alertDescription, handshakeType, handshakeLength,
      fragmentOffset, fragmentLength].map(\.fieldID)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let item = f.first(item) else { return }
    let version = UInt16(truncatingIfNeeded: item.value)
    row.set(TLSNames.shortVersion(version) ?? "DTLS", info: info(f))
  }

  private static func info(_ f: LayerFields) -> String {
    var parts: [String] = []
    var content: UInt64?
    var epoch: UInt64 = 0
    var messages = 0
    var alert: (level: UInt64?, description: UInt64?) = (nil, nil)
    var message: (type: UInt64, length: UInt64, offset: UInt64) = (0, 0, 0)
    func close() {
      switch content {
      case UInt64(contentChangeCipherSpec): parts.append("Change Cipher Spec")
      case UInt64(contentAlert):
        if let level = alert.level, let description = alert.description {
          parts.append(
            "Alert (Level: \(TLSValueNames.alertLevel(level) ?? "Unknown"), Description: \(TLSValueNames.alertDescription(description) ?? "Unknown"))")
        } else {
          parts.append("Encrypted Alert")
        }
      case UInt64(contentHandshake): if messages == 0 || epoch != 0 { parts.append("Encrypted Handshake Message") }
      case UInt64(contentApplicationData): parts.append("Application Data")
      case 24: parts.append("Heartbeat")
      default: break
      }
      (content, messages, alert) = (nil, 0, (nil, nil))
    }
    for (field, record) in f.occurrences(of: DTLS.self) {
      switch field {
      case .recordContentType:
        close()
        content = record.value
      case .recordEpoch: epoch = record.value
      case .alertLevel: alert.level = record.value
      case .alertDescription: alert.description = record.value
      case .handshakeType:
        messages += 1
        message.type = record.value
      case .handshakeLength: message.length = record.value
      case .fragmentOffset: message.offset = record.value
      case .fragmentLength:
        var name = TLSValueNames.handshakeType(message.type) ?? "Encrypted Handshake Message"
        if message.offset + record.value < message.length {
          name += " (Fragment)"
        } else if message.offset > 0 {
          name += " (Reassembled)"
        }
        parts.append(name)
      default: break
      }
    }
    close()
    return parts.joined(separator: ", ")
  }
}
