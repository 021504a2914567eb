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

  static var summaryFields: [FieldID] {
    [item, recordContentType, recordOpaqueType, alertLevel, alertDescription, handshakeType, random].map(\.fieldID)
  }

  /// SHA-256 of "HelloRetryRequest" (RFC 8446 section 4.1.3): a
  /// ServerHello with this random is a HelloRetryRequest.
  static let helloRetryRandom: [UInt8] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
  ]

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    // A certificate's timestamps list TLS again, with no item: that writes no column.
    guard f.first(item) != nil else { return }
    // Handshake messages carried in QUIC's CRYPTO frames leave QUIC's columns as they are, as in tshark.
    if f.dissection.layers.contains(where: { $0.protocolID == .quic && $0.start <= f.span.start }) { return }
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

/// Each record, handshake message, extension and list heads its subtree,
/// as in Wireshark's tree: `TLSv1.2 Record Layer: Handshake Protocol:
/// Client Hello`, `Handshake Protocol: Client Hello`, `Extension:
/// server_name (len=16)`, `Cipher Suites (17 suites)`.
extension TLS {
  static var subtreeOpeners: [FieldID] {
    [
      recordContentType, recordOpaqueType, handshakeType, extensionType, cipherSuite, compressionMethod,
      supportedGroup, ecPointFormat, signatureAlgorithm, serverNameListLength, alpnStringLength,
      keyShareClientLength, keyShareGroup, keyShareSelectedGroup, renegotiationInfoLength, certificateLength,
    ].map(\.fieldID)
  }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let opener = records[index]
    guard let field = TLS(rawValue: UInt8(opener.field.raw & 0xff)) else { return [] }
    let previous = index > f.records.lowerBound ? TLS(rawValue: UInt8(records[index - 1].field.raw & 0xff)) : nil
    let previousValue = index > f.records.lowerBound ? records[index - 1].value : 0
    let next = index + 1 < f.records.upperBound ? records[index + 1].value : 0
    func counted(_ n: UInt64, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    switch field {
    case .handshakeType:
      return ["Handshake Protocol: " + (TLSValueNames.handshakeType(opener.value) ?? "Unknown (\(opener.value))")]
    case .extensionType:
      var out = ByteWriter(capacity: 64)
      out.append("Extension: ")
      if let name = TLSValueNames.extensionType(opener.value) {
        out.append(name)
      } else {
        out.append("Unknown type ")
        FieldText.appendDecimal(opener.value, to: &out)
      }
      out.append(" (len=")
      FieldText.appendDecimal(next, to: &out)
      out.append(UInt8(ascii: ")"))
      return [out.text]
    case .recordContentType, .recordOpaqueType:
      return [recordHeading(f, at: index)]
    case .cipherSuite where previous == .cipherSuitesLength:
      return ["Cipher Suites (\(counted(previousValue / 2, "suite", "suites")))"]
    case .compressionMethod where previous == .compressionMethodsLength:
      return ["Compression Methods (\(counted(previousValue, "method", "methods")))"]
    case .supportedGroup where previous == .supportedGroupsLength:
      return ["Supported Groups (\(counted(previousValue / 2, "group", "groups")))"]
    case .ecPointFormat where previous == .ecPointFormatsLength:
      return ["Elliptic curves point formats (\(previousValue))"]
    case .signatureAlgorithm where previous == .signatureAlgorithmsLength:
      return ["Signature Hash Algorithms (\(counted(previousValue / 2, "algorithm", "algorithms")))"]
    case .serverNameListLength: return ["Server Name Indication extension"]
    case .alpnStringLength where previous == .alpnLength: return ["ALPN Protocol"]
    case .keyShareClientLength, .keyShareSelectedGroup: return ["Key Share extension"]
    case .keyShareGroup:
      let entry = "Key Share Entry: Group: \(TLSValueNames.group(opener.value) ?? "Unknown (\(opener.value))"), Key Exchange length: \(next)"
      return previous == .extensionLength ? ["Key Share extension", entry] : [entry]
    case .renegotiationInfoLength: return ["Renegotiation Info extension"]
    case .certificateLength where previous == .certificatesLength:
      return ["Certificates (\(counted(previousValue, "byte", "bytes")))"]
    default:
      return []
    }
  }

  /// `TLSv1.2 Record Layer: Handshake Protocol: Client Hello`.
  private static func recordHeading(_ f: LayerFields, at index: Int) -> String {
    let records = f.dissection.records
    let opener = records[index]
    let value = ItemValue(raw: f.first(item)?.value ?? 0)
    var out = ByteWriter(capacity: 96)
    out.append(TLSNames.shortVersion(value.columnVersion) ?? "TLS")
    out.append(" Record Layer: ")
    if let content = TLSValueNames.contentType(opener.value) {
      out.append(content)
    } else {
      out.append("Unknown (")
      FieldText.appendDecimal(opener.value, to: &out)
      out.append(UInt8(ascii: ")"))
    }
    out.append(" Protocol")
    if opener.value == UInt64(contentHandshake) {
      // The handshake messages up to the next record.
      var messages = 0
      var firstType: UInt64 = 0
      var i = index + 1
      while i < f.records.upperBound, records[i].field != recordContentType.fieldID, records[i].field != recordOpaqueType.fieldID {
        if records[i].field == handshakeType.fieldID {
          if messages == 0 { firstType = records[i].value }
          messages += 1
        }
        i += 1
      }
      out.append(": ")
      switch messages {
      case 0: out.append("Encrypted Handshake Message")
      case 1: out.append(TLSValueNames.handshakeType(firstType) ?? "Unknown")
      default: out.append("Multiple Handshake Messages")
      }
    } else if opener.value == UInt64(contentApplicationData) {
      out.append(": Application Data")
    }
    return out.text
  }

}
