/// NFSACL's procedures by version, as Wireshark names them.
enum NFSACLNames {
  static func procedureV1(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    default: nil
    }
  }

  static func procedureV2(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "GETACL"
    case 2: "SETACL"
    case 3: "GETATTR"
    case 4: "ACCESS"
    case 5: "GETXATTRDIR"
    default: nil
    }
  }

  static func procedureV3(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "GETACL"
    case 2: "SETACL"
    case 3: "GETXATTRDIR"
    default: nil
    }
  }
}

extension ValueNames {
  static let nfsaclProceduresV1 = ValueNames(NFSACLNames.procedureV1)
  static let nfsaclProceduresV2 = ValueNames(NFSACLNames.procedureV2)
  static let nfsaclProceduresV3 = ValueNames(NFSACLNames.procedureV3)
}
