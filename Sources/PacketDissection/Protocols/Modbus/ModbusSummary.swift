/// How Modbus/TCP shows: the protocol column is `Modbus/TCP`, Info
/// `   Query: Trans:     1; Unit:   1, Func:  15: Write Multiple Coils`
/// (a query goes to port 502, a response comes from it), with
/// `. Exception returned ` after an exception response's function.
extension ModbusTCP {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let transaction = f.uint(transactionID), let unit = f.uint(unitID) else { return }
    var text = "\(kind(layer)): Trans: \(padded(transaction, 5)); Unit: \(padded(unit, 3))"
    if layer.next == .modbus { text += function(f) }
    row.set("Modbus/TCP", info: text)
  }

  /// `, Func:  15: Write Multiple Coils`, from the PDU after the header.
  private static func function(_ f: LayerFields) -> String {
    let packet = f.dissection.packet
    let pdu = f.span.start + 7
    guard packet.count > pdu else { return "" }
    let raw = packet.byte(pdu)
    let code = UInt64(raw & 0x7f)
    let exception = raw & Modbus.exceptionBit != 0
    var text = ", Func: \(padded(code, 3))"
    // A Read Device Identification names its read code.
    if code == 43, !exception, packet.count > pdu + 2, packet.byte(pdu + 1) == 14 {
      text += "/\(padded(UInt64(packet.byte(pdu + 2)), 3)): Read Device Identification"
    } else {
      text += ": " + (ModbusNames.functionName(code) ?? "Unknown function (\(code))")
    }
    return exception ? text + ". Exception returned " : text
  }

  /// `Query`, `Response` or `Unknown`, right-aligned in eight columns.
  private static func kind(_ layer: SummaryLayer) -> String {
    let d = layer.fields.dissection
    let index = layer.fields.layer
    guard index > 0, d.layers[index - 1].protocolID == .tcp,
      let source = d.packet.uint16(at: d.layers[index - 1].start),
      let destination = d.packet.uint16(at: d.layers[index - 1].start + 2)
    else { return " Unknown" }
    if destination == port { return "   Query" }
    return source == port ? "Response" : " Unknown"
  }

  private static func padded(_ value: UInt64, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: " ", count: max(0, width - text.count)) + text
  }
}

/// Modbus writes nothing of its own: Modbus/TCP's Info names the function.
extension Modbus {
  static var hue: LayerHue? { .yellow }
}
