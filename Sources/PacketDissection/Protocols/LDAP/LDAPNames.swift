/// LDAP value names, as Wireshark gives them.
enum LDAPNames {
  static func operation(_ code: UInt64) -> String? {
    switch code {
    case 0: "bindRequest"
    case 1: "bindResponse"
    case 2: "unbindRequest"
    case 3: "searchRequest"
    case 4: "searchResEntry"
    case 5: "searchResDone"
    case 6: "modifyRequest"
    case 7: "modifyResponse"
    case 8: "addRequest"
    case 9: "addResponse"
    case 10: "delRequest"
    case 11: "delResponse"
    case 12: "modDNRequest"
    case 13: "modDNResponse"
    case 14: "compareRequest"
    case 15: "compareResponse"
    case 16: "abandonRequest"
    case 19: "searchResRef"
    case 23: "extendedReq"
    case 24: "extendedResp"
    case 25: "intermediateResponse"
    default: nil
    }
  }

  static func resultCode(_ code: UInt64) -> String? {
    switch code {
    case 0: "success"
    case 1: "operationsError"
    case 2: "protocolError"
    case 3: "timeLimitExceeded"
    case 4: "sizeLimitExceeded"
    case 5: "compareFalse"
    case 6: "compareTrue"
    case 7: "authMethodNotSupported"
    case 8: "strongAuthRequired"
    case 10: "referral"
    case 11: "adminLimitExceeded"
    case 12: "unavailableCriticalExtension"
    case 13: "confidentialityRequired"
    case 14: "saslBindInProgress"
    case 16: "noSuchAttribute"
    case 17: "undefinedAttributeType"
    case 18: "inappropriateMatching"
    case 19: "constraintViolation"
    case 20: "attributeOrValueExists"
    case 21: "invalidAttributeSyntax"
    case 32: "noSuchObject"
    case 33: "aliasProblem"
    case 34: "invalidDNSyntax"
    case 36: "aliasDereferencingProblem"
    case 48: "inappropriateAuthentication"
    case 49: "invalidCredentials"
    case 50: "insufficientAccessRights"
    case 51: "busy"
    case 52: "unavailable"
    case 53: "unwillingToPerform"
    case 54: "loopDetect"
    case 64: "namingViolation"
    case 65: "objectClassViolation"
    case 66: "notAllowedOnNonLeaf"
    case 67: "notAllowedOnRDN"
    case 68: "entryAlreadyExists"
    case 69: "objectClassModsProhibited"
    case 71: "affectsMultipleDSAs"
    case 80: "other"
    case 118: "canceled"
    case 119: "noSuchOperation"
    case 120: "tooLate"
    case 121: "cannotCancel"
    default: nil
    }
  }

  static func scope(_ code: UInt64) -> String? {
    switch code {
    case 0: "baseObject"
    case 1: "singleLevel"
    case 2: "wholeSubtree"
    default: nil
    }
  }

  static func derefAliases(_ code: UInt64) -> String? {
    switch code {
    case 0: "neverDerefAliases"
    case 1: "derefInSearching"
    case 2: "derefFindingBaseObj"
    case 3: "derefAlways"
    default: nil
    }
  }

  static func authentication(_ code: UInt64) -> String? {
    switch code {
    case 0: "simple"
    case 3: "sasl"
    case 10: "ntlmsspNegotiate"
    case 11: "ntlmsspAuth"
    default: nil
    }
  }

  static func filter(_ code: UInt64) -> String? {
    switch code {
    case 0: "and"
    case 1: "or"
    case 2: "not"
    case 3: "equalityMatch"
    case 4: "substrings"
    case 5: "greaterOrEqual"
    case 6: "lessOrEqual"
    case 7: "present"
    case 8: "approxMatch"
    case 9: "extensibleMatch"
    default: nil
    }
  }
}

extension ValueNames {
  static let ldapOperations = ValueNames(LDAPNames.operation)
  static let ldapResultCodes = ValueNames(LDAPNames.resultCode)
  static let ldapScopes = ValueNames(LDAPNames.scope)
  static let ldapDerefAliases = ValueNames(LDAPNames.derefAliases)
  static let ldapAuthentications = ValueNames(LDAPNames.authentication)
  static let ldapFilters = ValueNames(LDAPNames.filter)
  static let ldapTrueFalse = ValueNames({ $0 != 0 ? "True" : "False" }, nameAlone: true)
}
