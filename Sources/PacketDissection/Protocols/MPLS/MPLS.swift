/// MPLS label stack (RFC 3032; EtherTypes 0x8847 and 0x8848): 4-byte
/// entries down to the one with the bottom-of-stack bit. What the stack
/// carries has no type field: Wireshark guesses it from the first nibble
/// (RFC 4928), IPv4 for 4 and IPv6 for 6; anything else stays data here.
enum MPLS: UInt8, ProtocolModule {
  case item, label, exp, bottom, ttl

  static var protocolID: ProtocolID { .mpls }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [
    Binding(.ethertype, 0x8847), Binding(.ethertype, 0x8848), Binding(.chdlcProtocol, 0x8847),
    Binding(.chdlcProtocol, 0x8848), Binding(.pppProtocol, 0x0281), Binding(.pppProtocol, 0x0283),
    Binding(.greProto, 0x8847), Binding(.ipProto, 137),
    // MPLS in UDP (RFC 7510).
    Binding(.udpPort, 6635),
  ]
  static let headerBits = 32
  static let variablePart: String? = "Further label stack entries and the payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mpls", "MultiProtocol Label Switching Header")
    case .label: .uint("mpls.label", "MPLS Label", at: 0, bytes: 4, mask: 0xffff_f000, base: .decHex, values: .mplsSpecialLabels)
    case .exp: .uint("mpls.exp", "MPLS Experimental Bits", at: 0, bytes: 4, mask: 0x0e00)
    case .bottom: .uint("mpls.bottom", "MPLS Bottom Of Label Stack", at: 0, bytes: 4, mask: 0x0100)
    case .ttl: .uint("mpls.ttl", "MPLS TTL", at: 0, bytes: 4, mask: 0x00ff)
    }
  }

  static let entryLength = 4

  /// Entries up to the bottom one; a stack with none runs to the end of the
  /// packet, or stops where the capture does, as Wireshark's does.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    while offset < c.length {
      let entry = try c.uint32(offset)
      try c.add(label, at: offset, 4, value: UInt64(entry >> 12))
      try c.add(exp, at: offset, 4, value: UInt64(entry >> 9 & 7))
      try c.add(bottom, at: offset, 4, value: UInt64(entry >> 8 & 1))
      try c.add(ttl, at: offset, 4, value: UInt64(entry & 0xff))
      offset += entryLength
      if entry & 0x100 != 0 { return try payload(c, at: offset) }
    }
    return .stop
  }

  /// The payload after the bottom entry, by its first nibble.
  private static func payload(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Next {
    // No payload: nothing follows; a payload the capture cut off is truncated.
    guard offset < c.length else { return .stop }
    switch try c.uint8(offset) >> 4 {
    case 4: return .layer(.ip, at: c.start + offset, end: c.end)
    case 6: return .layer(.ipv6, at: c.start + offset, end: c.end)
    default: return .data(at: c.start + offset, end: c.end)
    }
  }
}

extension ValueNames {
  static let mplsSpecialLabels = ValueNames(MPLSNames.specialLabel)
}
