/// The Mobile IPv6 mobility header (RFC 6275, IPv6 next header 135): a
/// 6-byte header (payload protocol, length in 8-byte units not counting
/// the first, message type, reserved byte, checksum), the message's own
/// fields, then mobility options. Wireshark names the protocol `mipv6`
/// and files its fields under `mip6.`.
enum MIPv6: UInt8, ProtocolModule {
  case item, proto, hlen, mhtype, reserved, csum, bindingRefreshRequest, hotiCookie, cotiCookie, hotNonceIndex,
    hotCookie, hotToken, cotNonceIndex, cotCookie, buSequence, buA, buH, buL, buK, buM, buR, buP, buF, buT, buB,
    buLifetime, baStatus, baK, baR, baP, baT, baB, baSequence, baLifetime, beStatus, beHomeAddress, optionPad1,
    optionPadN, optionLength, padN

  static var protocolID: ProtocolID { .mipv6 }
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.ipProto, 135)]
  static let headerBits = 48
  static let variablePart: String? = "Message data and mobility options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mipv6", "Mobile IPv6")
    case .proto: .uint("mip6.proto", "Payload protocol", at: 0, bytes: 1, values: .ipProtocols)
    case .hlen: .uint("mip6.hlen", "Header length", at: 1, bytes: 1)
    case .mhtype: .uint("mip6.mhtype", "Mobility Header Type", at: 2, bytes: 1, values: .mip6Types)
    case .reserved: .uint("mip6.reserved", "Reserved", at: 3, bytes: 1, base: .hex)
    case .csum: .uint("mip6.csum", "Checksum", at: 4, bytes: 2, base: .hex)
    case .bindingRefreshRequest: .loose("mip6.binding_refresh_request", "Binding Refresh Request", .bytes)
    case .hotiCookie: .loose("mip6.hoti.cookie", "Home Init Cookie", .uint(bytes: 8), base: .hex)
    case .cotiCookie: .loose("mip6.coti.cookie", "Care-of Init Cookie", .uint(bytes: 8), base: .hex)
    case .hotNonceIndex: .loose("mip6.hot.nindex", "Home Nonce Index", .uint(bytes: 2))
    case .hotCookie: .loose("mip6.hot.cookie", "Home Init Cookie", .uint(bytes: 8), base: .hex)
    case .hotToken: .loose("mip6.hot.token", "Home Keygen Token", .uint(bytes: 8), base: .hex)
    case .cotNonceIndex: .loose("mip6.cot.nindex", "Care-of Nonce Index", .uint(bytes: 2))
    case .cotCookie: .loose("mip6.cot.cookie", "Care-of Init Cookie", .uint(bytes: 8), base: .hex)
    case .buSequence: .loose("mip6.bu.seqnr", "Sequence number", .uint(bytes: 2))
    case .buA: Self.flag("mip6.bu.a_flag", "Acknowledge (A) flag", 0x8000, "Binding Acknowledgement requested", "Binding Acknowledgement not requested")
    case .buH: Self.flag("mip6.bu.h_flag", "Home Registration (H) flag", 0x4000, "Home Registration", "No Home Registration")
    case .buL: Self.flag("mip6.bu.l_flag", "Link-Local Compatibility (L) flag", 0x2000, "Link-Local Address Compatibility", "No Link-Local Address Compatibility")
    case .buK: Self.flag("mip6.bu.k_flag", "Key Management Compatibility (K) flag", 0x1000, "Key Management Mobility Compatibility", "No Key Management Mobility Compatibility")
    case .buM: Self.flag("mip6.bu.m_flag", "MAP Registration Compatibility (M) flag", 0x0800, "MAP Registration Compatibility", "No MAP Registration Compatibility")
    case .buR: Self.flag("mip6.nemo.bu.r_flag", "Mobile Router (R) flag", 0x0400, "Mobile Router Compatibility", "No Mobile Router Compatibility")
    case .buP: Self.flag("mip6.bu.p_flag", "Proxy Registration (P) flag", 0x0200, "Proxy Registration", "No Proxy Registration")
    case .buF: Self.flag("mip6.bu.f_flag", "Forcing UDP encapsulation (F) flag", 0x0100, "Forcing UDP encapsulation used", "No Forcing UDP encapsulation")
    case .buT: Self.flag("mip6.bu.t_flag", "TLV-header format (T) flag", 0x0080, "TLV-header format used", "No TLV-header format")
    case .buB: Self.flag("mip6.bu.b_flag", "Bulk-Binding-Update flag (B)", 0x0040, "Enable bulk binding update support", "Disable bulk binding update support")
    case .buLifetime: .loose("mip6.bu.lifetime", "Lifetime", .uint(bytes: 2))
    case .baStatus: .loose("mip6.ba.status", "Status", .uint(bytes: 1), values: .mip6AcknowledgementStatus)
    case .baK: Self.flag("mip6.ba.k_flag", "Key Management Compatibility (K) flag", 0x80, "Key Management Mobility Compatibility", "No Key Management Mobility Compatibility", bytes: 1)
    case .baR: Self.flag("mip6.nemo.ba.r_flag", "Mobile Router (R) flag", 0x40, "Mobile Router Compatibility", "No Mobile Router Compatibility", bytes: 1)
    case .baP: Self.flag("mip6.ba.p_flag", "Proxy Registration (P) flag", 0x20, "Proxy Registration", "No Proxy Registration", bytes: 1)
    case .baT: Self.flag("mip6.ba.t_flag", "TLV-header format (T) flag", 0x10, "TLV-header format used", "No TLV-header format", bytes: 1)
    case .baB: Self.flag("mip6.ba.b_flag", "Bulk-Binding-Update flag (B)", 0x08, "Enabled bulk binding update support", "Disabled bulk binding update support", bytes: 1)
    case .baSequence: .loose("mip6.ba.seqnr", "Sequence number", .uint(bytes: 2))
    case .baLifetime: .loose("mip6.ba.lifetime", "Lifetime", .uint(bytes: 2))
    case .beStatus: .loose("mip6.be.status", "Status", .uint(bytes: 1), values: .mip6ErrorStatus)
    case .beHomeAddress: .loose("mip6.be.haddr", "Home Address", .ipv6)
    case .optionPad1: .loose("mip6.options.pad1", "MIPv6 Option - Pad1", .bytes)
    case .optionPadN: .loose("mip6.options.padn", "MIPv6 Option - PadN", .bytes)
    case .optionLength: .loose("mip6.mobility_opt.len", "Length", .uint(bytes: 1))
    case .padN: .loose("mip6.padn", "PadN", .bytes)
    }
  }

  private static func flag(
    _ name: String, _ label: String, _ mask: UInt64, _ set: String, _ notSet: String, bytes: Int = 2
  ) -> FieldDecl {
    .loose(name, label, .boolean(bytes: bytes), mask: mask, values: .flagLabels(set: set, notSet: notSet))
  }

  static let headerLength = 6

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [proto, hlen, mhtype, reserved, csum] { try c.fixed(field) }
    let end = min(c.capturedLength, (Int(try c.uint8(1)) + 1) * 8)
    let optionsAt: Int
    switch try c.uint8(2) {
    case 0:
      try c.add(bindingRefreshRequest, at: 6, 2, depth: 2)
      optionsAt = 8
    case 1: optionsAt = try cookies(c, [hotiCookie])
    case 2: optionsAt = try cookies(c, [cotiCookie])
    case 3: optionsAt = try cookies(c, [hotCookie, hotToken], nonce: hotNonceIndex)
    case 4: optionsAt = try cookies(c, [cotCookie, hotToken], nonce: cotNonceIndex)
    case 5: optionsAt = try bindingUpdate(c)
    case 6: optionsAt = try bindingAcknowledgement(c)
    case 7:
      try c.add(beStatus, at: 6, 1, value: UInt64(try c.uint8(6)), depth: 2)
      try c.add(beHomeAddress, at: 8, 16, depth: 2)
      optionsAt = 24
    default: return .stop
    }
    try options(c, from: optionsAt, to: end)
    return .stop
  }

  /// The test messages: a nonce index (Home and Care-of Test), then 8-byte
  /// cookies and tokens. Answers where the options start.
  private static func cookies(_ c: LayerCursor, _ fields: [MIPv6], nonce: MIPv6? = nil) throws(DissectionStop) -> Int {
    var offset = 6
    if let nonce {
      try c.add(nonce, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 2)
      offset += 2
    } else {
      offset += 2  // reserved
    }
    for field in fields {
      try c.add(field, at: offset, 8, value: try c.uint(offset, 8), depth: 2)
      offset += 8
    }
    return offset
  }

  private static func bindingUpdate(_ c: LayerCursor) throws(DissectionStop) -> Int {
    try c.add(buSequence, at: 6, 2, value: UInt64(try c.uint16(6)), depth: 2)
    let bits = UInt64(try c.uint16(8))
    let flags: [(MIPv6, UInt64)] = [
      (buA, 0x8000), (buH, 0x4000), (buL, 0x2000), (buK, 0x1000), (buM, 0x0800), (buR, 0x0400), (buP, 0x0200),
      (buF, 0x0100), (buT, 0x0080), (buB, 0x0040),
    ]
    for (field, mask) in flags { try c.add(field, at: 8, 2, value: bits & mask == 0 ? 0 : 1, depth: 2) }
    try c.add(buLifetime, at: 10, 2, value: UInt64(try c.uint16(10)), depth: 2)
    return 12
  }

  private static func bindingAcknowledgement(_ c: LayerCursor) throws(DissectionStop) -> Int {
    try c.add(baStatus, at: 6, 1, value: UInt64(try c.uint8(6)), depth: 2)
    let bits = try c.uint8(7)
    for (field, mask) in [(baK, 0x80), (baR, 0x40), (baP, 0x20), (baT, 0x10), (baB, 0x08)] as [(MIPv6, UInt8)] {
      try c.add(field, at: 7, 1, value: bits & mask == 0 ? 0 : 1, depth: 2)
    }
    try c.add(baSequence, at: 8, 2, value: UInt64(try c.uint16(8)), depth: 2)
    try c.add(baLifetime, at: 10, 2, value: UInt64(try c.uint16(10)), depth: 2)
    return 12
  }

  /// Mobility options: Pad1 is one byte, every other option a type, a
  /// length and that many bytes. Options other than padding are not read.
  private static func options(_ c: LayerCursor, from start: Int, to end: Int) throws(DissectionStop) {
    var offset = start
    while offset < end {
      let type = try c.uint8(offset)
      if type == 0 {
        try c.add(optionPad1, at: offset, 1, depth: 2)
        offset += 1
        continue
      }
      guard type == 1, offset + 1 < end else { return }
      let length = Int(try c.uint8(offset + 1))
      try c.add(optionPadN, at: offset, 2 + length, depth: 2)
      try c.add(optionLength, at: offset + 1, 1, value: UInt64(length), depth: 3)
      if length > 0 { try c.add(padN, at: offset + 2, length, depth: 3) }
      offset += 2 + length
    }
  }
}

extension ValueNames {
  static let mip6Types = ValueNames(MIPv6Names.typeName)
  static let mip6AcknowledgementStatus = ValueNames(MIPv6Names.acknowledgementStatus)
  static let mip6ErrorStatus = ValueNames(MIPv6Names.errorStatus)
}
