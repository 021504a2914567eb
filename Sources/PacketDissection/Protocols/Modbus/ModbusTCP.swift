/// Modbus/TCP's MBAP header (Modbus Messaging on TCP/IP Implementation
/// Guide, section 3.1.3) on TCP port 502. As tshark, a payload whose
/// protocol identifier is not 0, whose length is under 2, or that is
/// shorter than 8 bytes is not Modbus/TCP (it stays `data`). The segment's
/// first ADU is dissected.
enum ModbusTCP: UInt8, ProtocolModule {
  case item, transactionID, protocolIdentifier, length, unitID

  static var protocolID: ProtocolID { .mbtcp }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, UInt32(port))]
  static let headerBits = 7 * 8
  static var variablePart: String? { "Modbus PDU" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mbtcp", "Modbus/TCP")
    case .transactionID: .uint("mbtcp.trans_id", "Transaction Identifier", at: 0, bytes: 2)
    case .protocolIdentifier: .uint("mbtcp.prot_id", "Protocol Identifier", at: 2, bytes: 2)
    case .length: .uint("mbtcp.len", "Length", at: 4, bytes: 2)
    case .unitID: .uint("mbtcp.unit_id", "Unit Identifier", at: 6, bytes: 1)
    }
  }

  static let port: UInt16 = 502

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard c.capturedLength >= 8, try c.uint16(2) == 0, try c.uint16(4) >= 2 else {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    TCPSegment.dissectsPDU(c, at: 0, length: 6 + Int(try c.uint16(4)))
    try c.fixed(transactionID)
    try c.fixed(protocolIdentifier)
    let declared = Int(try c.fixed(length))
    try c.fixed(unitID)
    return .layer(.modbus, at: c.start + 7, end: c.start + 6 + declared)
  }
}
