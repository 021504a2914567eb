/// Network Lock Manager Protocol's procedures by version, as Wireshark names them.
enum NLMNames {
  /// Versions 1 and 2.
  static func procedure(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "TEST"
    case 2: "LOCK"
    case 3: "CANCEL"
    case 4: "UNLOCK"
    case 5: "GRANTED"
    case 6: "TEST_MSG"
    case 7: "LOCK_MSG"
    case 8: "CANCEL_MSG"
    case 9: "UNLOCK_MSG"
    case 10: "GRANTED_MSG"
    case 11: "TEST_RES"
    case 12: "LOCK_RES"
    case 13: "CANCEL_RES"
    case 14: "UNLOCK_RES"
    case 15: "GRANTED_RES"
    default: nil
    }
  }

  /// Versions 3 and 4: those of 1 and 2, and the DOS share procedures.
  static func shareProcedure(_ code: UInt64) -> String? {
    switch code {
    case 20: "SHARE"
    case 21: "UNSHARE"
    case 22: "NM_LOCK"
    case 23: "FREE_ALL"
    default: procedure(code)
    }
  }
}

extension ValueNames {
  static let nlmProcedures = ValueNames(NLMNames.procedure)
  static let nlmShareProcedures = ValueNames(NLMNames.shareProcedure)
}
