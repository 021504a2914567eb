/// Cisco HDLC (link type 104): an address byte (unicast 0x0f, multicast
/// 0x8f), a control byte, then a protocol number, mostly an EtherType,
/// looked up in the `chdlc.protocol` table. OSI payloads (0xfefe) start
/// with a padding byte.
enum CHDLC: UInt8, ProtocolModule {
  case item, address, control, protocolNumber, clnsPadding

  static var protocolID: ProtocolID { .chdlc }
  static var level: LayerLevel { .link }
  static let bindings = [Binding(.linkType, 104)]
  static let headerBits = 32
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("chdlc", "Cisco HDLC")
    case .address: .uint("chdlc.address", "Address", at: 0, bytes: 1, base: .hex, values: .chdlcAddresses)
    case .control: .uint("chdlc.control", "Control", at: 1, bytes: 1, base: .hex)
    case .protocolNumber: .uint("chdlc.protocol", "Protocol", at: 2, bytes: 2, base: .hex, values: .chdlcProtocols)
    case .clnsPadding: .loose("chdlc.clns_padding", "CLNS Padding", .uint(bytes: 1), base: .hex)
    }
  }

  static let osi: UInt16 = 0xfefe

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(address)
    try c.fixed(control)
    let number = UInt16(try c.fixed(protocolNumber))
    var payload = 4
    if number == osi, c.length > 4 {
      try c.add(clnsPadding, at: 4, 1, value: UInt64(try c.uint8(4)))
      payload = 5
    }
    // A payload the capture cut off entirely: Wireshark's next dissector
    // finds no bytes where the frame says there are some.
    if c.capturedLength <= payload && c.length > payload { throw .truncated }
    return .dispatch(.chdlcProtocol, key: UInt32(number), at: c.start + payload, end: c.end)
  }
}

extension ValueNames {
  static let chdlcAddresses = ValueNames(CHDLCNames.addressName)
  static let chdlcProtocols = ValueNames(CHDLCNames.protocolName)
}
