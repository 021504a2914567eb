/// How STUN shows: Info is the method and class (`Binding Request`), and
/// what some attributes add as Wireshark appends it (` user: NAME`,
/// ` XOR-MAPPED-ADDRESS: 192.0.2.1:3478`, ` error-code: 401
/// (Unauthenticated)`, ` realm: …`, ` with nonce`, ` lifetime: 600`).
extension STUN {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(channel) { return row.set("STUN", info: "ChannelData TURN Message") }
    guard let messageType = f.uint(type).map(UInt16.init(truncatingIfNeeded:)) else { return row.set("STUN", info: nil) }
    var info =
      (STUNNames.methodName(UInt64(method(messageType))) ?? "Unknown") + " "
      + (STUNNames.className(UInt64(messageClass(messageType))) ?? "Unknown")
    var code: UInt64 = 0
    var attributeCount: UInt64 = 0
    var clearPort: UInt64 = 0
    let packet = f.dissection.packet
    for (field, record) in f.occurrences(of: STUN.self) {
      switch field {
      case .attribute: code = record.value
      case .attributeLength: attributeCount = record.value
      case .port: clearPort = record.value
      case .ipv4, .ipv6:
        // RFC 3489's deprecated addresses add nothing.
        guard ![0x0002, 0x0004, 0x0005, 0x000b, 0x0011].contains(code) else { break }
        info += " \(STUNNames.attributeName(code) ?? "Unknown"): \(f.text(record)):\(clearPort)"
      case .username: info += " user: \(f.text(record))"
      case .errorNumber:
        let number = UInt64(packet.byte(Int(record.offset) - 1)) * 100 + record.value
        info += " error-code: \(number) (\(STUNNames.errorName(number) ?? "*Unknown error code*"))"
      case .errorReason: info += " \(f.text(record))"
      case .realm: info += " realm: \(f.text(record))"
      case .nonce: info += " with nonce"
      case .transport where attributeCount >= 4:
        let name = STUNNames.transportName(record.value) ?? "Unknown (0x" + hexPadded(record.value) + ")"
        info += " \(name)"
      case .channelNumber: info += " ChannelNumber=0x\(String(record.value, radix: 16))"
      case .bandwidth: info += " bandwidth: \(Int32(truncatingIfNeeded: record.value))"
      case .lifetime: info += " lifetime: \(Int32(truncatingIfNeeded: record.value))"
      default: break
      }
    }
    row.set("STUN", info: info)
  }

  /// `%8x`: hexadecimal, right-aligned in eight characters.
  private static func hexPadded(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: " ", count: max(0, 8 - digits.count)) + digits
  }
}
