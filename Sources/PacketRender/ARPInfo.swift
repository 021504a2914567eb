import PacketDissection

/// ARP's Info text: `Who has 10.0.0.1? Tell 10.0.0.2`, `10.0.0.1 is at
/// 00:11:22:33:44:55`, the gratuitous, probe and announcement forms, the
/// reverse and inverse forms, and Wireshark's duplicate-address warning.
enum ARPInfo {
  static func text(_ f: LayerFields, bindings: inout ARPBindings) -> String? {
    guard let opcode = f.uint("arp.opcode") else { return nil }
    // Wireshark clears the column first and fills it only once every
    // address was read; a short ARP shows no text.
    guard f.has("arp.dst.proto_ipv4") || f.has("arp.dst.proto") || f.uint("arp.proto.size") == 0
    else { return nil }
    let senderHW = address(f, "arp.src.hw_mac", "arp.src.hw")
    let senderIP = address(f, "arp.src.proto_ipv4", "arp.src.proto")
    let targetHW = address(f, "arp.dst.hw_mac", "arp.dst.hw")
    let targetIP = address(f, "arp.dst.proto_ipv4", "arp.dst.proto")
    let gratuitous = f.uint("arp.isgratuitous") == 1
    var out: String
    switch opcode {
    case 1:
      if f.uint("arp.isannouncement") == 1 {
        out = "ARP Announcement for \(targetIP)"
      } else if gratuitous {
        out = "Gratuitous ARP for \(targetIP) (Request)"
      } else if f.uint("arp.isprobe") == 1 {
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
    default:
      let hex = String(opcode, radix: 16)
      out = "Unknown ARP opcode 0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    if let duplicate = bindings.check(f, opcode: opcode) {
      out += " (duplicate use of \(duplicate) detected!)"
    }
    return out
  }

  /// The typed form of an address when the dissector gave one, else the
  /// raw bytes; `<No address>` for an address of length 0.
  private static func address(_ f: LayerFields, _ typed: String, _ raw: String) -> String {
    let text = f.text(typed) ?? f.text(raw) ?? ""
    return text.isEmpty ? "<No address>" : text
  }

  /// The protocol column: reverse, dynamic reverse and inverse ARP, MARS
  /// and MAPOS have their own names.
  static func column(_ f: LayerFields) -> String {
    switch f.uint("arp.opcode") ?? 1 {
    case 3, 4: "RARP"
    case 5, 6, 7: "DRARP"
    case 8, 9: "Inverse ARP"
    case 11...22: "MARS"
    case 23: "MAPOS"
    default: "ARP"
    }
  }
}

/// The IPv4-to-MAC bindings ARP packets have announced so far, to spot two
/// machines claiming one address, as Wireshark's ARP dissector does.
struct ARPBindings {
  private var table: [UInt64: (mac: String, frame: Int)] = [:]

  /// Records the packet's Ethernet/IPv4 bindings and answers the address
  /// found in use by another MAC, if any.
  mutating func check(_ f: LayerFields, opcode: UInt64) -> String? {
    guard opcode == 1 || opcode == 2, let senderMAC = f.first("arp.src.hw_mac"),
      let senderIP = f.first("arp.src.proto_ipv4"), let targetMAC = f.first("arp.dst.hw_mac"),
      let targetIP = f.first("arp.dst.proto_ipv4")
    else { return nil }
    let frame = f.dissection.frame.number
    var duplicate: UInt64?
    if usable(f, mac: senderMAC, ip: senderIP.value), seen(f.text(senderMAC), ip: senderIP.value, frame: frame) {
      duplicate = senderIP.value
    }
    if opcode != 1, duplicate != targetIP.value, usable(f, mac: targetMAC, ip: targetIP.value),
      seen(f.text(targetMAC), ip: targetIP.value, frame: frame)
    {
      duplicate = targetIP.value
    }
    return duplicate.map { f.text($0 == senderIP.value ? senderIP : targetIP) }
  }

  /// A binding counts when the MAC is unicast and not all zero and the
  /// address is not 0.0.0.0.
  private func usable(_ f: LayerFields, mac: FieldRecord, ip: UInt64) -> Bool {
    let bytes = f.dissection.valueBytes(mac)
    guard bytes.count == 6, ip != 0 else { return false }
    var zero = true
    for i in 0..<6 where bytes.byte(i) != 0 { zero = false }
    return bytes.byte(0) & 1 == 0 && !zero
  }

  /// Answers whether `ip` was bound to another MAC before this frame;
  /// otherwise records the binding.
  private mutating func seen(_ mac: String, ip: UInt64, frame: Int) -> Bool {
    guard let known = table[ip] else {
      table[ip] = (mac, frame)
      return false
    }
    guard frame > known.frame else { return false }
    if known.mac == mac {
      table[ip] = (mac, frame)
      return false
    }
    return true
  }
}
