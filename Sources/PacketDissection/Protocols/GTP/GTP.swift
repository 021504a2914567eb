/// GPRS Tunnelling Protocol version 1 (3GPP TS 29.060) on UDP ports 2123
/// (GTP-C) and 2152 (GTP-U): the header, its optional sequence number,
/// N-PDU number and extension headers, and a T-PDU's inner IPv4 or IPv6
/// packet. Control messages' information elements are not taken apart.
enum GTP: UInt8, ProtocolModule {
  case item, flags, version, protocolType, reserved, extensionFlag, sequenceFlag, npduFlag, messageType, length,
    teid, sequenceNumber, npduNumber, nextExtension, extensionLength

  static var protocolID: ProtocolID { .gtp }
  /// At the transport level, as a tunnel: a question about the T-PDU's
  /// inner layers (dissected down to the transport level) reaches them.
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.udpPort, 2123), Binding(.udpPort, 2152)]
  static let headerBits = 64
  static var variablePart: String? { "Sequence number, N-PDU number, extension headers; T-PDU" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("gtp", "GPRS Tunneling Protocol")
    case .flags: .uint("gtp.flags", "Flags", at: 0, bytes: 1, base: .hex, blurb: "Ver/PT/Spare/E/S/PN")
    case .version: .uint("gtp.flags.version", "Version", at: 0, bytes: 1, mask: 0xe0, values: .gtpVersions)
    case .protocolType:
      .uint("gtp.flags.payload", "Protocol type", at: 0, bytes: 1, mask: 0x10, abbreviation: "PT", values: .gtpProtocolTypes)
    case .reserved: .uint("gtp.flags.reserved", "Reserved", at: 0, bytes: 1, mask: 0x08, abbreviation: "*")
    case .extensionFlag:
      .flag("gtp.flags.e", "Is Next Extension Header present?", at: 0, bytes: 1, mask: 0x04, abbreviation: "E",
        values: .gtpYesNo)
    case .sequenceFlag:
      .flag("gtp.flags.s", "Is Sequence Number present?", at: 0, bytes: 1, mask: 0x02, abbreviation: "S", values: .gtpYesNo)
    case .npduFlag:
      .flag("gtp.flags.pn", "Is N-PDU number present?", at: 0, bytes: 1, mask: 0x01, abbreviation: "PN", values: .gtpYesNo)
    case .messageType: .uint("gtp.message", "Message Type", at: 1, bytes: 1, base: .hex, values: .gtpMessages)
    case .length: .uint("gtp.length", "Length", at: 2, bytes: 2, blurb: "Length (i.e. number of octets after TID or TEID)")
    case .teid: .uint("gtp.teid", "TEID", at: 4, bytes: 4, base: .hexDec, blurb: "Tunnel Endpoint Identifier")
    case .sequenceNumber: .loose("gtp.seq_number", "Sequence number", .uint(bytes: 2), base: .hexDec)
    case .npduNumber: .loose("gtp.npdu_number", "N-PDU Number", .uint(bytes: 1), base: .hex)
    case .nextExtension:
      .loose("gtp.ext_hdr.next", "Next extension header type", .uint(bytes: 1), base: .hex, values: .gtpExtensionTypes)
    case .extensionLength: .loose("gtp.ext_hdr.length", "Extension Header Length", .uint(bytes: 1))
    }
  }

  static let tpdu: UInt64 = 0xff

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Version 2 is GTPv2-C, and 0 GTP version 0: neither is read here.
    guard c.capturedLength >= 8, try c.uint8(0) >> 5 == 1 else {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    let flagBits = try c.fixed(flags)
    try c.fixed(version, depth: 2)
    try c.fixed(protocolType, depth: 2)
    try c.fixed(reserved, depth: 2)
    try c.fixed(extensionFlag, depth: 2)
    try c.fixed(sequenceFlag, depth: 2)
    try c.fixed(npduFlag, depth: 2)
    let message = try c.fixed(messageType)
    let declared = Int(try c.fixed(length))
    try c.fixed(teid)
    var offset = 8
    if flagBits & 0x07 != 0 {
      if flagBits & 0x02 != 0 { try c.add(sequenceNumber, at: 8, 2, value: UInt64(try c.uint16(8))) }
      if flagBits & 0x01 != 0 { try c.add(npduNumber, at: 10, 1, value: UInt64(try c.uint8(10))) }
      var next = try c.uint8(11)
      if flagBits & 0x04 != 0 { try c.add(nextExtension, at: 11, 1, value: UInt64(next)) }
      offset = 12
      // Each extension header: a length in 4-byte units, content, the next type.
      while flagBits & 0x04 != 0 && next != 0 {
        let units = Int(try c.uint8(offset))
        guard units > 0 else { throw .malformed }
        try c.add(extensionLength, at: offset, 1, value: UInt64(units), depth: 2)
        next = try c.uint8(offset + units * 4 - 1)
        try c.add(nextExtension, at: offset + units * 4 - 1, 1, value: UInt64(next), depth: 2)
        offset += units * 4
      }
    }
    let end = min(c.end, c.start + 8 + declared)
    guard message == tpdu, offset < end - c.start else { return .stop }
    switch try c.uint8(offset) >> 4 {
    case 4: return .layer(.ip, at: c.start + offset, end: end)
    case 6: return .layer(.ipv6, at: c.start + offset, end: end)
    default: return .data(at: c.start + offset, end: end)
    }
  }
}
