/// The Modbus PDU (Modbus Application Protocol Specification V1.1b3,
/// sections 4.1 and 7): the function code, and an exception response's
/// code. The function's data is not taken apart.
enum Modbus: UInt8, ProtocolModule {
  case item, functionCode, exceptionCode

  static var protocolID: ProtocolID { .modbus }
  static var level: LayerLevel { .application }
  static let headerBits = 8
  static var variablePart: String? { "Data" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("modbus", "Modbus")
    case .functionCode:
      .uint("modbus.func_code", "Function Code", at: 0, bytes: 1, mask: 0x7f, values: .modbusFunctions)
    case .exceptionCode: .loose("modbus.exception_code", "Exception Code", .uint(bytes: 1), values: .modbusExceptions)
    }
  }

  static let exceptionBit: UInt8 = 0x80

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let code = try c.uint8(0)
    try c.fixed(functionCode)
    if code & exceptionBit != 0 { try c.add(exceptionCode, at: 1, 1, value: UInt64(try c.uint8(1))) }
    // The ADU runs on past the segment: tshark's reading of it fails there.
    if c.capturedLength < c.length { throw .truncated }
    return .stop
  }
}
