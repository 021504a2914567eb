/// NBNS opcodes, reply codes, record types and owner node types, as
/// Wireshark names them (RFC 1002 section 4.2.1).
enum NBNSNames {
  static func opcodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Name query"
    case 5: "Registration"
    case 6: "Release"
    case 7: "Wait for acknowledgment"
    case 8: "Refresh"
    case 9: "Refresh (alternate opcode)"
    case 15: "Multi-homed registration"
    default: nil
    }
  }

  static func rcodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No error"
    case 1: "Request was invalidly formatted"
    case 2: "Server failure"
    case 3: "Requested name does not exist"
    case 4: "Request is not supported"
    case 5: "Request was refused"
    case 6: "Name is owned by another node"
    case 7: "Name is in conflict"
    default: nil
    }
  }

  static func typeName(_ code: UInt64) -> String? {
    switch code {
    case 1: "A"
    case 2: "NS"
    case 10: "NULL"
    case 32: "NB"
    case 33: "NBSTAT"
    default: nil
    }
  }

  static func nodeTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "B-node"
    case 1: "P-node"
    case 2: "M-node"
    case 3: "H-node"
    default: nil
    }
  }
}

extension ValueNames {
  static let nbnsOpcodes = ValueNames(NBNSNames.opcodeName)
  static let nbnsReplyCodes = ValueNames(NBNSNames.rcodeName)
  static let nbnsTypes = ValueNames(NBNSNames.typeName)
  static let nbnsNodeTypes = ValueNames(NBNSNames.nodeTypeName)
}
