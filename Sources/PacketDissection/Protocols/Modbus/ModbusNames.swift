/// Modbus function and exception codes (Modbus Application Protocol
/// Specification V1.1b3, sections 5.1 and 7), as Wireshark names them.
enum ModbusNames {
  static func functionName(_ code: UInt64) -> String? {
    switch code {
    case 1: "Read Coils"
    case 2: "Read Discrete Inputs"
    case 3: "Read Holding Registers"
    case 4: "Read Input Registers"
    case 5: "Write Single Coil"
    case 6: "Write Single Register"
    case 7: "Read Exception Status"
    case 8: "Diagnostics"
    case 11: "Get Comm Event Counter"
    case 12: "Get Comm Event Log"
    case 15: "Write Multiple Coils"
    case 16: "Write Multiple Registers"
    case 17: "Report Slave ID"
    case 20: "Read File Record"
    case 21: "Write File Record"
    case 22: "Mask Write Register"
    case 23: "Read Write Register"
    case 24: "Read FIFO Queue"
    case 43: "Encapsulated Interface Transport"
    default: nil
    }
  }

  static func exceptionName(_ code: UInt64) -> String? {
    switch code {
    case 1: "Illegal function"
    case 2: "Illegal data address"
    case 3: "Illegal data value"
    case 4: "Slave device failure"
    case 5: "Acknowledge"
    case 6: "Slave device busy"
    case 8: "Memory parity error"
    case 10: "Gateway path unavailable"
    case 11: "Gateway target device failed to respond"
    default: nil
    }
  }
}

extension ValueNames {
  static let modbusFunctions = ValueNames(ModbusNames.functionName)
  static let modbusExceptions = ValueNames(ModbusNames.exceptionName)
}
