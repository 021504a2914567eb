/// How LLC shows: the protocol column says `LLC`, and Info the control
/// field and the SAPs (`U, func=UI; DSAP NetBIOS Individual, SSAP NetBIOS
/// Command`), then the SNAP header, as Wireshark writes them.
extension LLC {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [dsap, ssap, control, oui, type, ciscoPID, nortelPID, pid].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let d = f.uint(dsap), let s = f.uint(ssap), let controlValue = f.uint(control) else { return }
    var info = controlText(f, control: controlValue, response: s & 1 != 0)
    if let code = f.uint(oui) {
      let protocolID = f.uint(type) ?? f.uint(ciscoPID) ?? f.uint(nortelPID) ?? f.uint(pid) ?? 0
      let name = LLCNames.organisationName(code).map { " (\($0))" } ?? ""
      info += "; SNAP, OUI 0x\(hex(code, digits: 6))\(name), PID 0x\(hex(protocolID, digits: 4))"
    } else {
      info += "; DSAP \(sapText(d)) \(d & 1 == 0 ? "Individual" : "Group")"
      info += ", SSAP \(sapText(s)) \(s & 1 == 0 ? "Command" : "Response")"
    }
    row.set("LLC", info: info)
  }

  /// `U, func=UI` (a poll or final bit adds ` P` or ` F` after the letter);
  /// `I, N(R)=…, N(S)=…`; `S, func=RR, N(R)=…`.
  private static func controlText(_ f: LayerFields, control value: UInt64, response: Bool) -> String {
    if value & 0x03 == 0x03 {
      let modifier = (value & 0xec) >> 2
      let bit = value & 0x10 != 0 ? (response ? " F" : " P") : ""
      return "U\(bit), func=" + (LLCNames.commandAbbreviation(modifier) ?? "Unknown")
    }
    let nr = value >> 9
    let bit = value & 0x0100 != 0 ? (response ? " F" : " P") : ""
    if value & 0x01 == 0 { return "I\(bit), N(R)=\(nr), N(S)=\(value >> 1 & 0x7f)" }
    let function = ["RR", "RNR", "REJ", "SREJ"][Int(value >> 2 & 3)]
    return "S\(bit), func=\(function), N(R)=\(nr)"
  }

  private static func sapText(_ sap: UInt64) -> String {
    LLCNames.sapName(sap & 0xfe) ?? "0x" + hex(sap & 0xfe, digits: 2)
  }

  private static func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
