/// Portmap's procedures by version, as Wireshark names them.
enum PortmapNames {
  /// Versions 1 and 2.
  static func procedureV1And2(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "SET"
    case 2: "UNSET"
    case 3: "GETPORT"
    case 4: "DUMP"
    case 5: "CALLIT"
    default: nil
    }
  }

  static func procedureV3(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "SET"
    case 2: "UNSET"
    case 3: "GETADDR"
    case 4: "DUMP"
    case 5: "CALLIT"
    case 6: "GETTIME"
    case 7: "UADDR2TADDR"
    case 8: "TADDR2UADDR"
    default: nil
    }
  }

  static func procedureV4(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "SET"
    case 2: "UNSET"
    case 3: "GETADDR"
    case 4: "DUMP"
    case 5: "BCAST"
    case 6: "GETTIME"
    case 7: "UADDR2TADDR"
    case 8: "TADDR2UADDR"
    case 9: "GETVERSADDR"
    case 10: "INDIRECT"
    case 11: "GETADDRLIST"
    case 12: "GETSTAT"
    default: nil
    }
  }
}

extension ValueNames {
  static let portmapProceduresV1And2 = ValueNames(PortmapNames.procedureV1And2)
  static let portmapProceduresV3 = ValueNames(PortmapNames.procedureV3)
  static let portmapProceduresV4 = ValueNames(PortmapNames.procedureV4)
}
