/// How ESP and AH show: ESP's Info names the SPI (`ESP (SPI=0x12345678)`);
/// AH's the same, or after IPv6 the protocol after it, when nobody
/// dissects that.
extension ESP {
  static var hue: LayerHue? { .magenta }

  static var summaryFields: [FieldID] { [spi.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard let spi = layer.fields.uint(spi) else { return row.set("ESP", info: nil) }
    row.set("ESP", info: "ESP (SPI=0x\(hex8(spi)))")
  }
}

extension AH {
  static var hue: LayerHue? { .magenta }

  static var summaryFields: [FieldID] { [nextHeader, spi].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard layer.payloadUndissected, let next = f.uint(nextHeader), let spi = f.uint(spi) else {
      return row.set("AH", info: nil)
    }
    // After IPv6, Wireshark's IPv6 names the protocol it could not hand on.
    let afterIPv6 = f.layer > 0 && f.dissection.layers[f.layer - 1].protocolID == .ipv6
    row.set("AH", info: afterIPv6 ? "Unknown IP Protocol: \(ProtocolNumberNames.ipProtocol(next)) (\(next))" : "AH (SPI=0x\(hex8(spi)))")
  }
}

/// Eight lowercase hex digits.
private func hex8(_ value: UInt64) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
