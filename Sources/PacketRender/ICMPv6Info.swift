import PacketDissection

/// ICMPv6's Info text: the type name, the code's meaning in parentheses,
/// and the details Wireshark adds for echoes (`id=0x0001, seq=1, hop
/// limit=64`) and Neighbor Discovery (`for fe80::1 from 00:11:22:33:44:55`,
/// `fe80::1 (rtr, sol) is at 00:11:22:33:44:55`).
enum ICMPv6Info {
  static func text(_ f: LayerFields, hopLimit: UInt64?) -> String? {
    guard let type = f.uint("icmpv6.type") else { return nil }
    var out = ICMPv6Names.type(type)
    if let code = f.uint("icmpv6.code"), let name = ICMPv6Names.code(type: type, code: code) {
      out += " (\(name))"
    }
    switch type {
    case 128, 129:
      guard let id = f.uint("icmpv6.echo.identifier"), let seq = f.uint("icmpv6.echo.sequence_number")
      else { break }
      let hex = String(id, radix: 16)
      out += " id=0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ", seq=\(seq)"
      if let hopLimit { out += ", hop limit=\(hopLimit)" }
    case 133, 134:
      if let mac = f.text("icmpv6.opt.src_linkaddr") { out += " from \(mac)" }
    case 135:
      if let target = f.text("icmpv6.nd.ns.target_address") { out += " for \(target)" }
      if let mac = f.text("icmpv6.opt.src_linkaddr") { out += " from \(mac)" }
    case 136:
      if let target = f.text("icmpv6.nd.na.target_address") { out += " \(target)" }
      let flags = [("icmpv6.nd.na.flag.r", "rtr"), ("icmpv6.nd.na.flag.s", "sol"), ("icmpv6.nd.na.flag.o", "ovr")]
        .filter { f.uint($0.0) == 1 }.map(\.1)
      if !flags.isEmpty { out += " (" + flags.joined(separator: ", ") + ")" }
      if let mac = f.text("icmpv6.opt.target_linkaddr") { out += " is at \(mac)" }
    default:
      break
    }
    return out
  }
}
