/// How SCTP shows: Info names each chunk, a DATA chunk with its relative
/// TSN and a SACK with its acknowledgement and window:
/// `SACK (Ack=3, Arwnd=106496) DATA (TSN=4) `, cut at 4,095 bytes.
extension SCTP {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var info = ""
    var pending: String?
    var ack: UInt64?
    func close() {
      if let name = pending { info += name + " " }
      pending = nil
    }
    for (field, record) in f.occurrences(of: SCTP.self) {
      switch field {
      case .chunkType:
        close()
        pending = SCTPNames.chunkType(record.value) ?? "UNKNOWN"
      case .dataTSN: pending = "DATA (TSN=\(record.value))"
      case .sackCumulativeTSNAck: ack = record.value
      case .sackReceiverWindow: pending = "SACK (Ack=\(ack ?? 0), Arwnd=\(record.value))"
      default: break
      }
    }
    close()
    // Wireshark's column holds 4,095 bytes.
    row.set("SCTP", info: info.utf8.count > 4095 ? String(decoding: info.utf8.prefix(4095), as: UTF8.self) : info)
  }
}
