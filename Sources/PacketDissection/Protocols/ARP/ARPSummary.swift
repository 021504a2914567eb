/// How ARP shows: its headline names the operation; Info is `Who has
/// 10.0.0.1? Tell 10.0.0.2`, `10.0.0.1 is at 00:11:22:33:44:55`, the
/// gratuitous, probe and announcement forms, the reverse and inverse
/// forms, and Wireshark's duplicate-address warning.
extension ARP {
  static var hue: LayerHue? { .yellow }

  static func headline(_ f: LayerFields) -> String {
    let gratuitous = f.uint(isGratuitous) == 1
    switch f.uint(opcode) {
    case 1: return f.label + (gratuitous ? " (request/gratuitous ARP)" : " (request)")
    case 2: return f.label + (gratuitous ? " (reply/gratuitous ARP)" : " (reply)")
    default: return f.label
    }
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    // ARP clears the Info column before reading anything.
    row.protocolName = column(layer.fields)
    row.info = layer.complete ? info(layer.fields, bindings: &layer.memory.arpBindings) ?? "" : ""
  }

  private static func info(_ f: LayerFields, bindings: inout ARPBindings) -> String? {
    guard let opcode = f.uint(ARP.opcode) else { return nil }
    // Wireshark clears the column first and fills it only once every
    // address was read; a short ARP shows no text.
    guard f.has(dstIPv4) || f.has(dstProto) || f.uint(protoSize) == 0 else { return nil }
    let senderHW = address(f, srcMAC, srcHW)
    let senderIP = address(f, srcIPv4, srcProto)
    let targetHW = address(f, dstMAC, dstHW)
    let targetIP = address(f, dstIPv4, dstProto)
    let gratuitous = f.uint(isGratuitous) == 1
    var out: String
    switch opcode {
    case 1:
      if f.uint(isAnnouncement) == 1 {
        out = "ARP Announcement for \(targetIP)"
      } else if gratuitous {
        out = "Gratuitous ARP for \(targetIP) (Request)"
      } else if f.uint(isProbe) == 1 {
        out = "Who has \(targetIP)? (ARP Probe)"
      } else {
        out = "Who has \(targetIP)? Tell \(senderIP)"
      }
    case 2: out = gratuitous ? "Gratuitous ARP for \(senderIP) (Reply)" : "\(senderIP) is at \(senderHW)"
    case 3, 5, 8: out = "Who is \(targetHW)? Tell \(senderHW)"
    case 4, 6: out = "\(targetHW) is at \(targetIP)"
    case 7: out = "DRARP Error"
    case 9: out = "\(senderHW) is at \(senderIP)"
    case 10: out = "ARP NAK"
    case 24: out = "Experimental 1 ( opcode 24 )"
    case 25: out = "Experimental 2 ( opcode 25 )"
    case 0, 65535: out = "Reserved opcode \(opcode)"
    default: out = "Unknown ARP opcode 0x" + hex4(opcode)
    }
    if let duplicate = bindings.check(f, opcode: opcode) {
      out += " (duplicate use of \(duplicate) detected!)"
    }
    return out
  }

  /// The typed form of an address when the dissector gave one, else the
  /// raw bytes; `<No address>` for an address of length 0.
  private static func address(_ f: LayerFields, _ typed: ARP, _ raw: ARP) -> String {
    let text = f.text(typed) ?? f.text(raw) ?? ""
    return text.isEmpty ? "<No address>" : text
  }

  /// The protocol column: reverse, dynamic reverse and inverse ARP, MARS
  /// and MAPOS have their own names.
  private static func column(_ f: LayerFields) -> String {
    switch f.uint(opcode) ?? 1 {
    case 3, 4: "RARP"
    case 5, 6, 7: "DRARP"
    case 8, 9: "Inverse ARP"
    case 11...22: "MARS"
    case 23: "MAPOS"
    default: "ARP"
    }
  }
}
