/// Address Resolution Protocol (RFC 826), and Reverse ARP (RFC 903), which
/// shares its format.
///
/// The header gives the sizes of the addresses that follow, so the packet
/// has a fixed length once those are read; Ethernet bytes after it are
/// padding or trailer.
enum ARP {
  static let decl = ProtocolDecl(
    .arp, name: "arp", label: "Address Resolution Protocol", level: .link,
    fields: [
      .uint("arp.hw.type", "Hardware type", at: 0, bytes: 2),
      .uint("arp.proto.type", "Protocol type", at: 2, bytes: 2, base: .hex),
      .uint("arp.hw.size", "Hardware size", at: 4, bytes: 1, blurb: "Length of a hardware address in bytes"),
      .uint("arp.proto.size", "Protocol size", at: 5, bytes: 1, blurb: "Length of a protocol address in bytes"),
      .uint("arp.opcode", "Opcode", at: 6, bytes: 2, blurb: "1: request, 2: reply"),
      .loose("arp.isgratuitous", "Is gratuitous", .boolean(bytes: 1), blurb: "Sender and target protocol addresses are equal"),
      .loose("arp.isprobe", "Is probe", .boolean(bytes: 1), blurb: "IPv4 request from 0.0.0.0 with a zero target hardware address"),
      .loose("arp.isannouncement", "Is announcement", .boolean(bytes: 1), blurb: "Gratuitous request with a zero target hardware address"),
      .loose("arp.src.hw", "Sender hardware address", .bytes),
      .loose("arp.src.hw_mac", "Sender MAC address", .ether),
      .loose("arp.src.proto", "Sender protocol address", .bytes),
      .loose("arp.src.proto_ipv4", "Sender IP address", .ipv4),
      .loose("arp.dst.hw", "Target hardware address", .bytes),
      .loose("arp.dst.hw_mac", "Target MAC address", .ether),
      .loose("arp.dst.proto", "Target protocol address", .bytes),
      .loose("arp.dst.proto_ipv4", "Target IP address", .ipv4),
    ],
    bindings: [Binding(.ethertype, 0x0806), Binding(.sllProtocol, 0x0806),
               Binding(.ethertype, 0x8035), Binding(.sllProtocol, 0x8035)],
    headerBits: 64, variablePart: "Addresses")

  static let hwType = FieldID(.arp, 1, "arp.hw.type")
  static let protoType = FieldID(.arp, 2, "arp.proto.type")
  static let hwSize = FieldID(.arp, 3, "arp.hw.size")
  static let protoSize = FieldID(.arp, 4, "arp.proto.size")
  static let opcode = FieldID(.arp, 5, "arp.opcode")
  static let isGratuitous = FieldID(.arp, 6, "arp.isgratuitous")
  static let isProbe = FieldID(.arp, 7, "arp.isprobe")
  static let isAnnouncement = FieldID(.arp, 8, "arp.isannouncement")
  static let srcHW = FieldID(.arp, 9, "arp.src.hw")
  static let srcMAC = FieldID(.arp, 10, "arp.src.hw_mac")
  static let srcProto = FieldID(.arp, 11, "arp.src.proto")
  static let srcIPv4 = FieldID(.arp, 12, "arp.src.proto_ipv4")
  static let dstHW = FieldID(.arp, 13, "arp.dst.hw")
  static let dstMAC = FieldID(.arp, 14, "arp.dst.hw_mac")
  static let dstProto = FieldID(.arp, 15, "arp.dst.proto")
  static let dstIPv4 = FieldID(.arp, 16, "arp.dst.proto_ipv4")

  /// Hardware type of ATM ARP (RFC 2225), which Wireshark hands to a
  /// separate dissector that pktsh does not have.
  static let hardwareATM: UInt64 = 19

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let hardware = try c.uint16(0)
    if hardware == hardwareATM { return .data(at: c.start, end: c.end) }
    try c.fixed(hwType)
    let proto = try c.fixed(protoType)
    let hln = Int(try c.fixed(hwSize))
    let pln = Int(try c.fixed(protoSize))
    let op = try c.fixed(opcode)
    let total = 8 + 2 * hln + 2 * pln
    guard total <= c.length else { throw .malformed }
    c.limit(to: total)
    c.dissection.claim(end: c.start + total)

    let sha = 8
    let spa = sha + hln
    let tha = spa + pln
    let tpa = tha + hln
    // Ethernet and IEEE 802 hardware with 6-byte addresses; IPv4 (also as
    // AX.25 protocol id 0xcc) with 4-byte addresses.
    let macs = (hardware == 1 || hardware == 6) && hln == 6
    let ipv4 = (proto == 0x0800 || proto == 0xcc) && pln == 4

    if op == 1 || op == 2 {
      try c.check(spa, pln)
      try c.check(tpa, pln)
      let gratuitous = c.bytes.slice(spa, pln).copyBytes() == c.bytes.slice(tpa, pln).copyBytes()
      let zeroTarget = try isZero(c, at: tha, hln)
      if gratuitous { c.generated(isGratuitous, value: 1) }
      let zeroSender = ipv4 ? try c.uint32(spa) == 0 : false
      if op == 1 && ipv4 && zeroTarget && zeroSender { c.generated(isProbe, value: 1) }
      if op == 1 && gratuitous && zeroTarget { c.generated(isAnnouncement, value: 1) }
    }
    try hardwareAddress(c, at: sha, hln, mac: macs, macField: srcMAC, bytesField: srcHW)
    try protocolAddress(c, at: spa, pln, ipv4: ipv4, ipv4Field: srcIPv4, bytesField: srcProto)
    try hardwareAddress(c, at: tha, hln, mac: macs, macField: dstMAC, bytesField: dstHW)
    try protocolAddress(c, at: tpa, pln, ipv4: ipv4, ipv4Field: dstIPv4, bytesField: dstProto)
    return .stop
  }

  private static func isZero(_ c: LayerCursor, at offset: Int, _ count: Int) throws(DissectionStop) -> Bool {
    try c.check(offset, count)
    for i in 0..<count where c.packet.byte(c.start + offset + i) != 0 { return false }
    return true
  }

  private static func hardwareAddress(
    _ c: LayerCursor, at offset: Int, _ count: Int, mac: Bool, macField: FieldID, bytesField: FieldID
  ) throws(DissectionStop) {
    guard count > 0 else { return }
    try c.add(mac ? macField : bytesField, at: offset, count)
  }

  private static func protocolAddress(
    _ c: LayerCursor, at offset: Int, _ count: Int, ipv4: Bool, ipv4Field: FieldID, bytesField: FieldID
  ) throws(DissectionStop) {
    guard count > 0 else { return }
    if ipv4 {
      try c.add(ipv4Field, at: offset, 4, value: UInt64(try c.uint32(offset)))
    } else {
      try c.add(bytesField, at: offset, count)
    }
  }
}
