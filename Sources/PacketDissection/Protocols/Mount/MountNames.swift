/// Mount Service's procedures by version, as Wireshark names them.
enum MountNames {
  static func procedureV1(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "MNT"
    case 2: "DUMP"
    case 3: "UMNT"
    case 4: "UMNTALL"
    case 5: "EXPORT"
    case 6: "EXPORTALL"
    default: nil
    }
  }

  static func procedureV2(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "MNT"
    case 2: "DUMP"
    case 3: "UMNT"
    case 4: "UMNTALL"
    case 5: "EXPORT"
    case 6: "EXPORTALL"
    case 7: "PATHCONF"
    default: nil
    }
  }

  static func procedureV3(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "MNT"
    case 2: "DUMP"
    case 3: "UMNT"
    case 4: "UMNTALL"
    case 5: "EXPORT"
    default: nil
    }
  }
}

extension ValueNames {
  static let mountProceduresV1 = ValueNames(MountNames.procedureV1)
  static let mountProceduresV2 = ValueNames(MountNames.procedureV2)
  static let mountProceduresV3 = ValueNames(MountNames.procedureV3)
}
