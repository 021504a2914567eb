/// Network File System's procedures by version, as Wireshark names them.
enum NFSNames {
  static func procedureV2(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "GETATTR"
    case 2: "SETATTR"
    case 3: "ROOT"
    case 4: "LOOKUP"
    case 5: "READLINK"
    case 6: "READ"
    case 7: "WRITECACHE"
    case 8: "WRITE"
    case 9: "CREATE"
    case 10: "REMOVE"
    case 11: "RENAME"
    case 12: "LINK"
    case 13: "SYMLINK"
    case 14: "MKDIR"
    case 15: "RMDIR"
    case 16: "READDIR"
    case 17: "STATFS"
    default: nil
    }
  }

  static func procedureV3(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "GETATTR"
    case 2: "SETATTR"
    case 3: "LOOKUP"
    case 4: "ACCESS"
    case 5: "READLINK"
    case 6: "READ"
    case 7: "WRITE"
    case 8: "CREATE"
    case 9: "MKDIR"
    case 10: "SYMLINK"
    case 11: "MKNOD"
    case 12: "REMOVE"
    case 13: "RMDIR"
    case 14: "RENAME"
    case 15: "LINK"
    case 16: "READDIR"
    case 17: "READDIRPLUS"
    case 18: "FSSTAT"
    case 19: "FSINFO"
    case 20: "PATHCONF"
    case 21: "COMMIT"
    default: nil
    }
  }

  static func procedureV4(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "COMPOUND"
    default: nil
    }
  }

  static func callbackProcedure(_ code: UInt64) -> String? {
    switch code {
    case 0: "CB_NULL"
    case 1: "CB_COMPOUND"
    default: nil
    }
  }
}

extension ValueNames {
  static let nfsCallbackProcedures = ValueNames(NFSNames.callbackProcedure)
  static let nfsProceduresV2 = ValueNames(NFSNames.procedureV2)
  static let nfsProceduresV3 = ValueNames(NFSNames.procedureV3)
  static let nfsProceduresV4 = ValueNames(NFSNames.procedureV4)
}
