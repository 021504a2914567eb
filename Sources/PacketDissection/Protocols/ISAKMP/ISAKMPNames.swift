/// ISAKMP and IKEv2 exchange types, as Wireshark names them.
enum ISAKMPNames {
  static func exchangeTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "NONE"
    case 1: "Base"
    case 2: "Identity Protection (Main Mode)"
    case 3: "Authentication Only"
    case 4: "Aggressive"
    case 5: "Informational"
    case 6: "Transaction (Config Mode)"
    case 32: "Quick Mode"
    case 33: "New Group Mode"
    case 34: "IKE_SA_INIT"
    case 35: "IKE_AUTH"
    case 36: "CREATE_CHILD_SA"
    case 37: "INFORMATIONAL"
    case 38: "IKE_SESSION_RESUME"
    case 43: "IKE_INTERMEDIATE"
    default: nil
    }
  }
}

extension ValueNames {
  static let isakmpExchangeTypes = ValueNames(ISAKMPNames.exchangeTypeName)
}
