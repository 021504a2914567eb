/// PIM's message types, designated forwarder election subtypes and
/// register flags, as Wireshark names them.
enum PIMNames {
  static func typeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Hello"
    case 1: "Register"
    case 2: "Register-stop"
    case 3: "Join/Prune"
    case 4: "Bootstrap"
    case 5: "Assert"
    case 6: "Graft"
    case 7: "Graft-Ack"
    case 8: "Candidate-RP-Advertisement"
    case 9: "State-Refresh"
    case 10: "DF election"
    case 11: "ECMP redirect"
    case 12: "PFM source discovery"
    default: nil
    }
  }

  /// PIM version 1's message codes (IGMP type 0x14).
  static func version1CodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Query"
    case 1: "Register"
    case 2: "Register-stop"
    case 3: "Join/Prune"
    case 4: "RP-Reachable"
    case 5: "Assert"
    case 6: "Graft"
    case 7: "Graft-Ack"
    case 8: "Mode"
    default: nil
    }
  }

  static func modeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Dense"
    case 1: "Sparse"
    case 2: "Sparse-Dense"
    default: nil
    }
  }

  static func dfSubtypeName(_ code: UInt64) -> String? {
    switch code {
    case 1: "offer"
    case 2: "DF Winner"
    case 3: "DF Backoff"
    case 4: "DF Pass"
    default: nil
    }
  }

  /// An encoded address's family (IANA address family numbers, as far as
  /// PIM reads them).
  static func addressFamilyName(_ code: UInt64) -> String? {
    switch code {
    case 1: "IPv4"
    case 2: "IPv6"
    default: nil
    }
  }

  static func encodingTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Native"
    case 1: "Native with Join Attribute"
    default: nil
    }
  }

  static func ipVersionName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Dummy Header"
    case 4: "IPv4"
    case 6: "IPv6"
    default: nil
    }
  }
}

extension ValueNames {
  static let pimTypes = ValueNames(PIMNames.typeName)
  static let pimDFSubtypes = ValueNames(PIMNames.dfSubtypeName)
  static let pimVersion1Codes = ValueNames(PIMNames.version1CodeName)
  static let pimModes = ValueNames(PIMNames.modeName)
  static let pimIPVersions = ValueNames(PIMNames.ipVersionName)
  static let pimAddressFamilies = ValueNames(PIMNames.addressFamilyName)
  static let pimEncodingTypes = ValueNames(PIMNames.encodingTypeName)
  static let pimYesNo = ValueNames { $0 != 0 ? "Yes" : "No" }
}
