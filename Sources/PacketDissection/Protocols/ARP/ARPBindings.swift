/// The IPv4-to-MAC bindings ARP packets have announced so far, to spot two
/// machines claiming one address, as Wireshark's ARP dissector does.
struct ARPBindings {
  private var table: [UInt64: (mac: String, frame: Int)] = [:]

  /// Records the packet's Ethernet/IPv4 bindings and answers the address
  /// found in use by another MAC, if any.
  mutating func check(_ f: LayerFields, opcode: UInt64) -> String? {
    guard opcode == 1 || opcode == 2, let senderMAC = f.first(ARP.srcMAC),
      let senderIP = f.first(ARP.srcIPv4), let targetMAC = f.first(ARP.dstMAC),
      let targetIP = f.first(ARP.dstIPv4)
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
