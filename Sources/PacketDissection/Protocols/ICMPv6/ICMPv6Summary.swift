/// How ICMPv6 shows: magenta; Info is the type name, the code's meaning
/// in parentheses, and the details Wireshark adds for echoes (`id=0x0001,
/// seq=1, hop limit=64`) and Neighbor Discovery (`for fe80::1 from
/// 00:11:22:33:44:55`, `fe80::1 (rtr, sol) is at 00:11:22:33:44:55`).
extension ICMPv6 {
  static var hue: LayerHue? { .magenta }

  static var summaryFields: [FieldID] {
    [
      type, code, echoIdentifier, echoSequence, optSourceLinkAddr, nsTarget, naTarget, naFlagR, naFlagS, naFlagO,
      optTargetLinkAddr,
    ].map(\.fieldID) + [IPv6.hlim.fieldID, UDP.dstport.fieldID]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let hopLimit = layer.fields.lastTopLayer(.ipv6)?.uint(IPv6.hlim)
    // An echo request to Teredo's port is its Direct IPv6 Connectivity
    // Test (RFC 4380, 5.2.9), as Wireshark names it.
    if layer.fields.uint(type) == 128, layer.fields.lastTopLayer(.udp)?.uint(UDP.dstport) == UInt64(Teredo.port),
      let id = layer.fields.uint(echoIdentifier), let seq = layer.fields.uint(echoSequence)
    {
      var info = "Direct IPv6 Connectivity Test id=0x" + hex4(id) + ", seq=\(seq)"
      if let hopLimit { info += ", hop limit=\(hopLimit)" }
      return row.set("Teredo", info: info)
    }
    row.set("ICMPv6", info: info(layer.fields, hopLimit: hopLimit))
  }

  private static func info(_ f: LayerFields, hopLimit: UInt64?) -> String? {
    guard let type = f.uint(type) else { return nil }
    var out = ICMPv6Names.type(type)
    if let code = f.uint(code), let name = ICMPv6Names.code(type: type, code: code) {
      out += " (\(name))"
    }
    switch type {
    case 128, 129:
      guard let id = f.uint(echoIdentifier), let seq = f.uint(echoSequence) else { break }
      out += " id=0x" + hex4(id) + ", seq=\(seq)"
      if let hopLimit { out += ", hop limit=\(hopLimit)" }
    case 133, 134:
      if let mac = f.text(optSourceLinkAddr) { out += " from \(mac)" }
    case 135:
      if let target = f.text(nsTarget) { out += " for \(target)" }
      if let mac = f.text(optSourceLinkAddr) { out += " from \(mac)" }
    case 136:
      if let target = f.text(naTarget) { out += " \(target)" }
      let flags = [(naFlagR, "rtr"), (naFlagS, "sol"), (naFlagO, "ovr")].filter { f.uint($0.0) == 1 }.map(\.1)
      if !flags.isEmpty { out += " (" + flags.joined(separator: ", ") + ")" }
      if let mac = f.text(optTargetLinkAddr) { out += " is at \(mac)" }
    default:
      break
    }
    return out
  }
}
