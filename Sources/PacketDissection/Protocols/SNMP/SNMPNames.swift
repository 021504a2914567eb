/// SNMP's value names, as Wireshark gives them.
enum SNMPNames {
  static func version(_ code: UInt64) -> String? {
    switch code {
    case 0: "version-1"
    case 1: "v2c"
    case 2: "v2u"
    case 3: "snmpv3"
    default: nil
    }
  }

  /// The PDU types, as the tree and Info name them.
  static func pduType(_ code: UInt64) -> String? {
    switch code {
    case 0: "get-request"
    case 1: "get-next-request"
    case 2: "get-response"
    case 3: "set-request"
    case 4: "trap"
    case 5: "getBulkRequest"
    case 6: "informRequest"
    case 7: "snmpV2-trap"
    case 8: "report"
    default: nil
    }
  }

  static func errorStatus(_ code: UInt64) -> String? {
    let names = [
      "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength",
      "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed",
      "undoFailed", "authorizationError", "notWritable", "inconsistentName",
    ]
    return code < UInt64(names.count) ? names[Int(code)] : nil
  }

  static func genericTrap(_ code: UInt64) -> String? {
    let names = ["coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure", "egpNeighborLoss", "enterpriseSpecific"]
    return code < UInt64(names.count) ? names[Int(code)] : nil
  }

  static func securityModel(_ code: UInt64) -> String? {
    switch code {
    case 0: "any"
    case 1: "SNMPv1"
    case 2: "SNMPv2c"
    case 3: "USM"
    default: nil
    }
  }

  static func scopedPDUData(_ code: UInt64) -> String? {
    switch code {
    case 0: "plaintext"
    case 1: "encryptedPDU"
    default: nil
    }
  }
}

extension ValueNames {
  static let snmpVersions = ValueNames(SNMPNames.version)
  static let snmpPDUTypes = ValueNames(SNMPNames.pduType)
  static let snmpErrorStatuses = ValueNames(SNMPNames.errorStatus)
  static let snmpGenericTraps = ValueNames(SNMPNames.genericTrap)
  static let snmpSecurityModels = ValueNames(SNMPNames.securityModel)
  static let snmpScopedPDUData = ValueNames(SNMPNames.scopedPDUData)
}
