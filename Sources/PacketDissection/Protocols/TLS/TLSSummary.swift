import PacketWire

/// How TLS shows: the Protocol column is the connection's version
/// (`TLSv1.2`), or the record's while the connection's is unknown, `SSL`
/// when neither is known; Info lists each record's content, comma
/// separated: handshake message names (`Server Hello, Certificate, Server
/// Hello Done`), `Change Cipher Spec`, `Application Data`, `Alert (Level:
/// Fatal, Description: Handshake Failure)` or `Encrypted Alert`,
/// `Encrypted Handshake Message`, and last `Ignored Unknown Record` or
/// `Continuation Data` when the segment went on with bytes that were not
/// a record.
extension TLS {
  static var hue: LayerHue? { .brightBlue }

  /// SHA-256 of "HelloRetryRequest" (RFC 8446 section 4.1.3): a
  /// ServerHello with this random is a HelloRetryRequest.
  static let helloRetryRandom: [UInt8] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
  ]

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let value = ItemValue(raw: f.first(item)?.value ?? 0)
    row.set(TLSNames.shortVersion(value.columnVersion) ?? "SSL", info: info(f, ending: value.ending))
  }

  private static func info(_ f: LayerFields, ending: ItemValue.Ending) -> String {
    var parts: [String] = []
    var content: UInt64?
    var messages = 0
    var alert: (level: UInt64?, description: UInt64?) = (nil, nil)
    var lastType: UInt64?
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
      case UInt64(contentHandshake): if messages == 0 { parts.append("Encrypted Handshake Message") }
      case UInt64(contentApplicationData): parts.append("Application Data")
      case UInt64(contentHeartbeat): parts.append("Encrypted Heartbeat")
      default: break
      }
      (content, messages, alert) = (nil, 0, (nil, nil))
    }
    for (field, record) in f.occurrences(of: TLS.self) {
      switch field {
      case .recordContentType, .recordOpaqueType:
        close()
        content = record.value
      case .alertLevel: alert.level = record.value
      case .alertDescription: alert.description = record.value
      case .handshakeType:
        messages += 1
        lastType = record.value
        parts.append(TLSValueNames.handshakeType(record.value) ?? "Encrypted Handshake Message")
      case .random:
        if lastType == UInt64(TLSHandshakeType.serverHello), f.dissection.valueBytes(record).copyBytes() == helloRetryRandom {
          parts[parts.count - 1] = "Hello Retry Request"
        }
      default: break
      }
    }
    close()
    switch ending {
    case .ignoredUnknownRecord: parts.append("Ignored Unknown Record")
    case .continuation: parts.append("Continuation Data")
    case .none: break
    }
    return parts.joined(separator: ", ")
  }
}

/// Each record, handshake message and extension heads its subtree, as in
/// Wireshark's tree: `TLSv1.2 Record Layer: Handshake Protocol: Client
/// Hello`, `Handshake Protocol: Client Hello`, `Extension: server_name
/// (len=16)`.
extension TLS {
  static var subtreeOpeners: [FieldID] {
    [recordContentType.fieldID, recordOpaqueType.fieldID, handshakeType.fieldID, extensionType.fieldID]
  }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let opener = records[index]
    let name = { (table: (UInt64) -> String?, value: UInt64) in table(value) ?? "Unknown (\(value))" }
    switch opener.field {
    case handshakeType.fieldID:
      return ["Handshake Protocol: " + name(TLSValueNames.handshakeType, opener.value)]
    case extensionType.fieldID:
      let length = index + 1 < records.count ? records[index + 1].value : 0
      let type = TLSValueNames.extensionType(opener.value) ?? "Unknown type \(opener.value)"
      return ["Extension: \(type) (len=\(length))"]
    default:
      let value = ItemValue(raw: f.first(item)?.value ?? 0)
      let version = TLSNames.shortVersion(value.columnVersion) ?? "TLS"
      let content = name(TLSValueNames.contentType, opener.value)
      var label = "\(version) Record Layer: \(content) Protocol"
      if opener.value == UInt64(contentHandshake) {
        let types = records[(index + 1)..<f.records.upperBound].prefix {
          $0.field != recordContentType.fieldID && $0.field != recordOpaqueType.fieldID
        }.filter { $0.field == handshakeType.fieldID }
        label += ": " + (types.count > 1 ? "Multiple Handshake Messages" : types.first.map { name(TLSValueNames.handshakeType, $0.value) } ?? "Encrypted Handshake Message")
      } else if opener.value == UInt64(contentApplicationData) {
        label += ": Application Data"
      }
      return [label]
    }
  }
}
