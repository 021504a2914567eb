/// ISAKMP and IKE (RFC 2408, RFC 7296) on UDP port 500, and after the
/// non-ESP marker on port 4500 (`UDPEncap`): the 28-byte header. The
/// payloads after it are not taken apart, and no next payload field is
/// recorded, since Wireshark's name for it also covers every payload's.
enum ISAKMP: UInt8, ProtocolModule {
  case item, initiatorSPI, responderSPI, version, majorVersion, minorVersion, exchangeType, flags,
    encryption, commit, authentication, initiator, higherVersion, response, messageID, length

  static var protocolID: ProtocolID { .isakmp }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 500)]
  static let headerBits = 28 * 8
  static var variablePart: String? { "Payloads" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("isakmp", "Internet Security Association and Key Management Protocol")
    case .initiatorSPI: .fixed("isakmp.ispi", "Initiator SPI", .bytes, at: 0, bytes: 8)
    case .responderSPI: .fixed("isakmp.rspi", "Responder SPI", .bytes, at: 8, bytes: 8)
    case .version: .uint("isakmp.version", "Version", at: 17, bytes: 1, base: .hex)
    case .majorVersion: .uint("isakmp.mjver", "MjVer", at: 17, bytes: 1, mask: 0xf0, base: .hex, blurb: "Major version")
    case .minorVersion: .uint("isakmp.mnver", "MnVer", at: 17, bytes: 1, mask: 0x0f, base: .hex, blurb: "Minor version")
    case .exchangeType:
      .uint("isakmp.exchangetype", "Exchange type", at: 18, bytes: 1, values: .isakmpExchangeTypes)
    case .flags: .uint("isakmp.flags", "Flags", at: 19, bytes: 1, base: .hex, blurb: "ISAKMP Flags")
    case .encryption:
      .flag("isakmp.flag_e", "Encryption", at: 19, bytes: 1, mask: 0x01, abbreviation: "E",
        values: .flagLabels(set: "Encrypted", notSet: "Not encrypted"))
    case .commit:
      .flag("isakmp.flag_c", "Commit", at: 19, bytes: 1, mask: 0x02, abbreviation: "C",
        values: .flagLabels(set: "Commit", notSet: "No commit"))
    case .authentication:
      .flag("isakmp.flag_a", "Authentication", at: 19, bytes: 1, mask: 0x04, abbreviation: "A",
        values: .flagLabels(set: "Authentication", notSet: "No authentication"))
    case .initiator:
      .flag("isakmp.flag_i", "Initiator", at: 19, bytes: 1, mask: 0x08, abbreviation: "I",
        values: .flagLabels(set: "Initiator", notSet: "Responder"))
    case .higherVersion:
      .flag("isakmp.flag_v", "Version", at: 19, bytes: 1, mask: 0x10, abbreviation: "V",
        values: .flagLabels(set: "A higher version enabled", notSet: "No higher version"))
    case .response:
      .flag("isakmp.flag_r", "Response", at: 19, bytes: 1, mask: 0x20, abbreviation: "R",
        values: .flagLabels(set: "Response", notSet: "Request"))
    case .messageID: .uint("isakmp.messageid", "Message ID", at: 20, bytes: 4, base: .hex)
    case .length: .uint("isakmp.length", "Length", at: 24, bytes: 4, blurb: "ISAKMP Length")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(initiatorSPI)
    try c.fixed(responderSPI)
    let version = try c.fixed(version)
    try c.fixed(majorVersion, depth: 2)
    try c.fixed(minorVersion, depth: 2)
    try c.fixed(exchangeType)
    try c.fixed(flags)
    // IKEv2 (RFC 7296, section 3.1) has flags of its own.
    if version >> 4 == 2 {
      try c.fixed(initiator, depth: 2)
      try c.fixed(higherVersion, depth: 2)
      try c.fixed(response, depth: 2)
    } else {
      try c.fixed(encryption, depth: 2)
      try c.fixed(commit, depth: 2)
      try c.fixed(authentication, depth: 2)
    }
    try c.fixed(messageID)
    try c.fixed(length)
    return .stop
  }
}
