/// Address Resolution Protocol (RFC 826), and Reverse ARP (RFC 903), which
/// shares its format.
///
/// The header gives the sizes of the addresses that follow, so the packet
/// has a fixed length once those are read; Ethernet bytes after it are
/// padding or trailer.
enum ARP: UInt8, ProtocolModule {
  case item, hwType, protoType, hwSize, protoSize, opcode, isGratuitous, isProbe, isAnnouncement, srcHW, srcMAC,
    srcProto, srcIPv4, dstHW, dstMAC, dstProto, dstIPv4

  static var protocolID: ProtocolID { .arp }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x0806), Binding(.sllProtocol, 0x0806),
               Binding(.ethertype, 0x8035), Binding(.sllProtocol, 0x8035), Binding(.greProto, 0x0806)]
  static let headerBits = 64
  static let variablePart: String? = "Addresses"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("arp", "Address Resolution Protocol")
    case .hwType: .uint("arp.hw.type", "Hardware type", at: 0, bytes: 2, values: .arpHardwareTypes)
    case .protoType: .uint("arp.proto.type", "Protocol type", at: 2, bytes: 2, base: .hex)
    case .hwSize: .uint("arp.hw.size", "Hardware size", at: 4, bytes: 1, blurb: "Length of a hardware address in bytes")
    case .protoSize: .uint("arp.proto.size", "Protocol size", at: 5, bytes: 1, blurb: "Length of a protocol address in bytes")
    case .opcode: .uint("arp.opcode", "Opcode", at: 6, bytes: 2, blurb: "1: request, 2: reply", values: .arpOpcodes)
    case .isGratuitous: .loose("arp.isgratuitous", "Is gratuitous", .boolean(bytes: 1), blurb: "Sender and target protocol addresses are equal")
    case .isProbe: .loose("arp.isprobe", "Is probe", .boolean(bytes: 1), blurb: "IPv4 request from 0.0.0.0 with a zero target hardware address")
    case .isAnnouncement: .loose("arp.isannouncement", "Is announcement", .boolean(bytes: 1), blurb: "Gratuitous request with a zero target hardware address")
    case .srcHW: .loose("arp.src.hw", "Sender hardware address", .bytes)
    case .srcMAC: .loose("arp.src.hw_mac", "Sender MAC address", .ether)
    case .srcProto: .loose("arp.src.proto", "Sender protocol address", .bytes)
    case .srcIPv4: .loose("arp.src.proto_ipv4", "Sender IP address", .ipv4)
    case .dstHW: .loose("arp.dst.hw", "Target hardware address", .bytes)
    case .dstMAC: .loose("arp.dst.hw_mac", "Target MAC address", .ether)
    case .dstProto: .loose("arp.dst.proto", "Target protocol address", .bytes)
    case .dstIPv4: .loose("arp.dst.proto_ipv4", "Target IP address", .ipv4)
    }
  }

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
    _ c: LayerCursor, at offset: Int, _ count: Int, mac: Bool, macField: ARP, bytesField: ARP
  ) throws(DissectionStop) {
    guard count > 0 else { return }
    try c.add(mac ? macField : bytesField, at: offset, count)
  }

  private static func protocolAddress(
    _ c: LayerCursor, at offset: Int, _ count: Int, ipv4: Bool, ipv4Field: ARP, bytesField: ARP
  ) throws(DissectionStop) {
    guard count > 0 else { return }
    if ipv4 {
      try c.add(ipv4Field, at: offset, 4, value: UInt64(try c.uint32(offset)))
    } else {
      try c.add(bytesField, at: offset, count)
    }
  }
}
