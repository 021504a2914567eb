/// IP Encapsulating Security Payload (RFC 4303): the SPI and sequence
/// number before the encrypted payload, which is not decrypted.
enum ESP: UInt8, ProtocolModule {
  case item, spi, sequence

  static var protocolID: ProtocolID { .esp }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 50)]
  static let headerBits = 64
  static let variablePart: String? = "Encrypted payload, padding, next header, ICV"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("esp", "Encapsulating Security Payload")
    case .spi: .uint("esp.spi", "ESP SPI", at: 0, bytes: 4, base: .hexDec, abbreviation: "Security Parameters Index")
    case .sequence: .uint("esp.sequence", "ESP Sequence", at: 4, bytes: 4, abbreviation: "Sequence Number")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(spi)
    try c.fixed(sequence)
    // What follows is ciphertext: Wireshark shows it as part of ESP, not as data.
    return .stop
  }
}

/// IP Authentication Header (RFC 4302): its length, SPI, sequence number
/// and integrity check value, then the protocol it protects.
enum AH: UInt8, ProtocolModule {
  case item, nextHeader, length, reserved, spi, sequence, icv

  static var protocolID: ProtocolID { .ah }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 51)]
  static let headerBits = 96
  static let variablePart: String? = "Integrity Check Value"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ah", "Authentication Header")
    case .nextHeader: .uint("ah.next_header", "Next header", at: 0, bytes: 1, abbreviation: "Next Header", values: .ipProtocols)
    case .length: .uint("ah.length", "Length", at: 1, bytes: 1, blurb: "In 32-bit words, less 2", abbreviation: "Payload Len", values: .ahLength)
    case .reserved: .fixed("ah.reserved", "Reserved", .bytes, at: 2, bytes: 2)
    case .spi: .uint("ah.spi", "AH SPI", at: 4, bytes: 4, base: .hex, abbreviation: "Security Parameters Index")
    case .sequence: .uint("ah.sequence", "AH Sequence", at: 8, bytes: 4, abbreviation: "Sequence Number")
    case .icv: .loose("ah.icv", "AH ICV", .bytes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let next = try c.fixed(nextHeader)
    let words = try c.fixed(length)
    let headerLength = (Int(words) + 2) * 4
    try c.add(reserved, at: 2, 2)
    try c.fixed(spi)
    try c.fixed(sequence)
    if headerLength > 12 { try c.add(icv, at: 12, headerLength - 12) }
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + headerLength, end: c.end)
  }
}

extension ValueNames {
  /// AH's length as Wireshark shows it: `4 (24 bytes)`.
  static let ahLength = ValueNames({ "\($0) (\(($0 + 2) * 4) bytes)" }, nameAlone: true)
}
