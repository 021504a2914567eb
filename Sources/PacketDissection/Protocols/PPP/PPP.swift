/// The Point-to-Point Protocol (link types 9 and 50, and in PPTP's GRE, RFC 1661): in HDLC-like
/// framing (RFC 1662) when the frame starts with the all-stations address
/// 0xFF, then the protocol number, one byte when compressed (RFC 1661's
/// protocol-field compression: an odd first byte).
enum PPP: UInt8, ProtocolModule {
  case item, address, control, protocolNumber

  static var protocolID: ProtocolID { .ppp }
  static var level: LayerLevel { .link }
  static let bindings = [Binding(.linkType, 9), Binding(.linkType, 50), Binding(.greProto, 0x880b)]
  static let headerBits = 32
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ppp", "Point-to-Point Protocol")
    case .address: .uint("ppp.address", "Address", at: 0, bytes: 1, base: .hex)
    case .control: .uint("ppp.control", "Control", at: 1, bytes: 1, base: .hex)
    case .protocolNumber: .uint("ppp.protocol", "Protocol", at: 2, bytes: 2, base: .hex, values: .pppProtocols)
    }
  }

  static let allStations: UInt8 = 0xff

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    if try c.uint8(0) == allStations {
      try c.fixed(address)
      try c.fixed(control)
      offset = 2
    }
    let first = try c.uint8(offset)
    let number: UInt16, size: Int
    if first & 1 != 0 {
      (number, size) = (UInt16(first), 1)
    } else {
      (number, size) = (try c.uint16(offset), 2)
    }
    try c.add(protocolNumber, at: offset, size, value: UInt64(number))
    return .dispatch(.pppProtocol, key: UInt32(number), at: c.start + offset + size, end: c.end)
  }
}

extension ValueNames {
  static let pppProtocols = ValueNames(PPPNames.protocolName)
}
