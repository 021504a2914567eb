/// Kerberos value names, as Wireshark gives them.
enum KerberosNames {
  static func messageType(_ code: Int64) -> String? {
    switch code {
    case 10: "krb-as-req"
    case 11: "krb-as-rep"
    case 12: "krb-tgs-req"
    case 13: "krb-tgs-rep"
    case 14: "krb-ap-req"
    case 15: "krb-ap-rep"
    case 16: "krb-tgt-req"
    case 17: "krb-tgt-rep"
    case 20: "krb-safe"
    case 21: "krb-priv"
    case 22: "krb-cred"
    case 30: "krb-error"
    default: nil
    }
  }

  static func paDataType(_ code: Int64) -> String? {
    switch code {
    case 0: "pA-NONE"
    case 1: "pA-TGS-REQ"
    case 2: "pA-ENC-TIMESTAMP"
    case 3: "pA-PW-SALT"
    case 5: "pA-ENC-UNIX-TIME"
    case 6: "pA-SANDIA-SECUREID"
    case 7: "pA-SESAME"
    case 8: "pA-OSF-DCE"
    case 9: "pA-CYBERSAFE-SECUREID"
    case 10: "pA-AFS3-SALT"
    case 11: "pA-ETYPE-INFO"
    case 12: "pA-SAM-CHALLENGE"
    case 13: "pA-SAM-RESPONSE"
    case 14: "pA-PK-AS-REQ-19"
    case 15: "pA-PK-AS-REP-19"
    case 16: "pA-PK-AS-REQ"
    case 17: "pA-PK-AS-REP"
    case 18: "pA-PK-OCSP-RESPONSE"
    case 19: "pA-ETYPE-INFO2"
    case 20: "pA-USE-SPECIFIED-KVNO"
    case 21: "pA-SAM-REDIRECT"
    case 22: "pA-GET-FROM-TYPED-DATA"
    case 23: "pA-SAM-ETYPE-INFO"
    case 24: "pA-ALT-PRINC"
    case 25: "pA-SERVER-REFERRAL"
    case 30: "pA-SAM-CHALLENGE2"
    case 31: "pA-SAM-RESPONSE2"
    case 41: "pA-EXTRA-TGT"
    case 101: "tD-PKINIT-CMS-CERTIFICATES"
    case 102: "tD-KRB-PRINCIPAL"
    case 103: "tD-KRB-REALM"
    case 104: "tD-TRUSTED-CERTIFIERS"
    case 105: "tD-CERTIFICATE-INDEX"
    case 106: "tD-APP-DEFINED-ERROR"
    case 107: "tD-REQ-NONCE"
    case 108: "tD-REQ-SEQ"
    case 109: "tD-DH-PARAMETERS"
    case 111: "tD-CMS-DIGEST-ALGORITHMS"
    case 112: "tD-CERT-DIGEST-ALGORITHMS"
    case 128: "pA-PAC-REQUEST"
    case 129: "pA-FOR-USER"
    case 130: "pA-FOR-X509-USER"
    case 131: "pA-FOR-CHECK-DUPS"
    case 132: "pA-PK-AS-09-BINDING"
    case 133: "pA-FX-COOKIE"
    case 134: "pA-AUTHENTICATION-SET"
    case 135: "pA-AUTH-SET-SELECTED"
    case 136: "pA-FX-FAST"
    case 137: "pA-FX-ERROR"
    case 138: "pA-ENCRYPTED-CHALLENGE"
    case 141: "pA-OTP-CHALLENGE"
    case 142: "pA-OTP-REQUEST"
    case 143: "pA-OTP-CONFIRM"
    case 144: "pA-OTP-PIN-CHANGE"
    case 145: "pA-EPAK-AS-REQ"
    case 146: "pA-EPAK-AS-REP"
    case 147: "pA-PKINIT-KX"
    case 148: "pA-PKU2U-NAME"
    case 149: "pA-REQ-ENC-PA-REP"
    case 150: "pA-AS-FRESHNESS"
    case 151: "pA-SPAKE"
    case 152: "pA-REDHAT-IDP-OAUTH2"
    case 153: "pA-REDHAT-PASSKEY"
    case 161: "pA-KERB-KEY-LIST-REQ"
    case 162: "pA-KERB-KEY-LIST-REP"
    case 165: "pA-SUPPORTED-ETYPES"
    case 166: "pA-EXTENDED-ERROR"
    case 167: "pA-PAC-OPTIONS"
    case 4294967295: "pA-PROV-SRV-LOCATION"
    default: nil
    }
  }

  static func nameType(_ code: Int64) -> String? {
    switch code {
    case 0: "kRB5-NT-UNKNOWN"
    case 1: "kRB5-NT-PRINCIPAL"
    case 2: "kRB5-NT-SRV-INST"
    case 3: "kRB5-NT-SRV-HST"
    case 4: "kRB5-NT-SRV-XHST"
    case 5: "kRB5-NT-UID"
    case 6: "kRB5-NT-X500-PRINCIPAL"
    case 7: "kRB5-NT-SMTP-NAME"
    case 10: "kRB5-NT-ENTERPRISE-PRINCIPAL"
    case 11: "kRB5-NT-WELLKNOWN"
    case 12: "kRB5-NT-SRV-HST-DOMAIN"
    case 4099072534: "kRB5-NT-SRV-HST-NEEDS-CANON"
    case 4294966093: "kRB5-NT-CACHE-UUID"
    case 4294966094: "kRB5-NT-GSS-HOSTBASED-SERVICE"
    case 4294966095: "kRB5-NT-X509-GENERAL-NAME"
    case 4294966096: "kRB5-NT-NTLM"
    case 4294967166: "kRB5-NT-ENT-PRINCIPAL-AND-ID"
    case 4294967167: "kRB5-NT-MS-PRINCIPAL-AND-ID"
    case 4294967168: "kRB5-NT-MS-PRINCIPAL"
    default: nil
    }
  }

  static func encryptionType(_ code: Int64) -> String? {
    switch code {
    case 0: "eTYPE-NULL"
    case 1: "eTYPE-DES-CBC-CRC"
    case 2: "eTYPE-DES-CBC-MD4"
    case 3: "eTYPE-DES-CBC-MD5"
    case 5: "eTYPE-DES3-CBC-MD5"
    case 7: "eTYPE-OLD-DES3-CBC-SHA1"
    case 8: "eTYPE-SIGN-DSA-GENERATE"
    case 9: "eTYPE-DSA-SHA1"
    case 10: "eTYPE-RSA-MD5"
    case 11: "eTYPE-RSA-SHA1"
    case 12: "eTYPE-RC2-CBC"
    case 13: "eTYPE-RSA"
    case 14: "eTYPE-RSAES-OAEP"
    case 15: "eTYPE-DES-EDE3-CBC"
    case 16: "eTYPE-DES3-CBC-SHA1"
    case 17: "eTYPE-AES128-CTS-HMAC-SHA1-96"
    case 18: "eTYPE-AES256-CTS-HMAC-SHA1-96"
    case 19: "eTYPE-AES128-CTS-HMAC-SHA256-128"
    case 20: "eTYPE-AES256-CTS-HMAC-SHA384-192"
    case 23: "eTYPE-ARCFOUR-HMAC-MD5"
    case 24: "eTYPE-ARCFOUR-HMAC-MD5-56"
    case 25: "eTYPE-CAMELLIA128-CTS-CMAC"
    case 26: "eTYPE-CAMELLIA256-CTS-CMAC"
    case 48: "eTYPE-ENCTYPE-PK-CROSS"
    case 4294963195: "eTYPE-CRAM-MD5-NONE"
    case 4294963196: "eTYPE-DIGEST-MD5-NONE"
    case 4294963197: "eTYPE-DES-PCBC-NONE"
    case 4294963198: "eTYPE-DES-CFB64-NONE"
    case 4294963199: "eTYPE-DES3-CBC-NONE"
    case 4294963200: "eTYPE-DES-CBC-NONE"
    case 4294967161: "eTYPE-ARCFOUR-HMAC-OLD-EXP"
    case 4294967163: "eTYPE-ARCFOUR-HMAC-OLD"
    case 4294967168: "eTYPE-ARCFOUR-MD4"
    default: nil
    }
  }

  static func errorCode(_ code: Int64) -> String? {
    switch code {
    case 0: "eRR-NONE"
    case 1: "eRR-NAME-EXP"
    case 2: "eRR-SERVICE-EXP"
    case 3: "eRR-BAD-PVNO"
    case 4: "eRR-C-OLD-MAST-KVNO"
    case 5: "eRR-S-OLD-MAST-KVNO"
    case 6: "eRR-C-PRINCIPAL-UNKNOWN"
    case 7: "eRR-S-PRINCIPAL-UNKNOWN"
    case 8: "eRR-PRINCIPAL-NOT-UNIQUE"
    case 9: "eRR-NULL-KEY"
    case 10: "eRR-CANNOT-POSTDATE"
    case 11: "eRR-NEVER-VALID"
    case 12: "eRR-POLICY"
    case 13: "eRR-BADOPTION"
    case 14: "eRR-ETYPE-NOSUPP"
    case 15: "eRR-SUMTYPE-NOSUPP"
    case 16: "eRR-PADATA-TYPE-NOSUPP"
    case 17: "eRR-TRTYPE-NOSUPP"
    case 18: "eRR-CLIENT-REVOKED"
    case 19: "eRR-SERVICE-REVOKED"
    case 20: "eRR-TGT-REVOKED"
    case 21: "eRR-CLIENT-NOTYET"
    case 22: "eRR-SERVICE-NOTYET"
    case 23: "eRR-KEY-EXP"
    case 24: "eRR-PREAUTH-FAILED"
    case 25: "eRR-PREAUTH-REQUIRED"
    case 26: "eRR-SERVER-NOMATCH"
    case 27: "eRR-MUST-USE-USER2USER"
    case 28: "eRR-PATH-NOT-ACCEPTED"
    case 29: "eRR-SVC-UNAVAILABLE"
    case 31: "eRR-BAD-INTEGRITY"
    case 32: "eRR-TKT-EXPIRED"
    case 33: "eRR-TKT-NYV"
    case 34: "eRR-REPEAT"
    case 35: "eRR-NOT-US"
    case 36: "eRR-BADMATCH"
    case 37: "eRR-SKEW"
    case 38: "eRR-BADADDR"
    case 39: "eRR-BADVERSION"
    case 40: "eRR-MSG-TYPE"
    case 41: "eRR-MODIFIED"
    case 42: "eRR-BADORDER"
    case 43: "eRR-ILL-CR-TKT"
    case 44: "eRR-BADKEYVER"
    case 45: "eRR-NOKEY"
    case 46: "eRR-MUT-FAIL"
    case 47: "eRR-BADDIRECTION"
    case 48: "eRR-METHOD"
    case 49: "eRR-BADSEQ"
    case 50: "eRR-INAPP-CKSUM"
    case 51: "pATH-NOT-ACCEPTED"
    case 52: "eRR-RESPONSE-TOO-BIG"
    case 60: "eRR-GENERIC"
    case 61: "eRR-FIELD-TOOLONG"
    case 62: "eRROR-CLIENT-NOT-TRUSTED"
    case 63: "eRROR-KDC-NOT-TRUSTED"
    case 64: "eRROR-INVALID-SIG"
    case 65: "eRR-KEY-TOO-WEAK"
    case 66: "eRR-CERTIFICATE-MISMATCH"
    case 67: "eRR-NO-TGT"
    case 68: "eRR-WRONG-REALM"
    case 69: "eRR-USER-TO-USER-REQUIRED"
    case 70: "eRR-CANT-VERIFY-CERTIFICATE"
    case 71: "eRR-INVALID-CERTIFICATE"
    case 72: "eRR-REVOKED-CERTIFICATE"
    case 73: "eRR-REVOCATION-STATUS-UNKNOWN"
    case 74: "eRR-REVOCATION-STATUS-UNAVAILABLE"
    case 75: "eRR-CLIENT-NAME-MISMATCH"
    case 76: "eRR-KDC-NAME-MISMATCH"
    default: nil
    }
  }

  static func addressType(_ code: Int64) -> String? {
    switch code {
    case 2: "iPv4"
    case 5: "cHAOS"
    case 6: "xEROX"
    case 7: "iSO"
    case 12: "dECNET"
    case 16: "aPPLETALK"
    case 20: "nETBIOS"
    case 24: "iPv6"
    default: nil
    }
  }
}

extension KerberosNames {
  /// The message types as Info names them.
  static func infoName(_ code: Int64) -> String? {
    switch code {
    case 10: "AS-REQ"
    case 11: "AS-REP"
    case 12: "TGS-REQ"
    case 13: "TGS-REP"
    case 14: "AP-REQ"
    case 15: "AP-REP"
    case 16: "TGT-REQ"
    case 17: "TGT-REP"
    case 20: "KRB-SAFE"
    case 21: "KRB-PRIV"
    case 22: "KRB-CRED"
    case 25: "ENC-AS-REP-PART"
    case 26: "ENC-TGS-REP-PART"
    case 27: "ENC-AP-REP-PART"
    case 28: "ENC-KRB-PRIV-PART"
    case 29: "ENC-KRB-CRED-PART"
    case 30: "KRB-ERROR"
    default: nil
    }
  }

  /// The bits of KDCOptions (RFC 4120 section 5.4.1), as Wireshark names
  /// their fields (`kerberos.KDCOptions.NAME`) and labels them.
  static let kdcOptions: [(name: String, label: String)] = [
    "reserved", "forwardable", "forwarded", "proxiable", "proxy", "allow-postdate", "postdated", "unused7",
    "renewable", "unused9", "unused10", "opt-hardware-auth", "unused12", "unused13", "constrained-delegation",
    "canonicalize", "request-anonymous", "unused17", "unused18", "unused19", "unused20", "unused21", "unused22",
    "unused23", "unused24", "unused25", "disable-transited-check", "renewable-ok", "enc-tkt-in-skey", "unused29",
    "renew", "validate",
  ].map { (name: $0.split(separator: "-").joined(separator: "."), label: $0) }

  /// The bits of APOptions (RFC 4120 section 5.5.1).
  static let apOptions: [(name: String, label: String)] = [
    ("reserved", "reserved"), ("use.session.key", "use-session-key"), ("mutual.required", "mutual-required"),
  ]
}

extension ValueNames {
  static let kerberosMessageTypes = ValueNames { KerberosNames.messageType(Int64(bitPattern: $0)) }
  static let kerberosPADataTypes = ValueNames { KerberosNames.paDataType(Int64(bitPattern: $0)) }
  static let kerberosNameTypes = ValueNames { KerberosNames.nameType(Int64(bitPattern: $0)) }
  static let kerberosEncryptionTypes = ValueNames { KerberosNames.encryptionType(Int64(bitPattern: $0)) }
  static let kerberosErrorCodes = ValueNames { KerberosNames.errorCode(Int64(bitPattern: $0)) }
  static let kerberosAddressTypes = ValueNames { KerberosNames.addressType(Int64(bitPattern: $0)) }
  static let kerberosBit = ValueNames({ $0 != 0 ? "True" : "False" }, nameAlone: true)
}

extension KerberosNames {
  /// The error codes as Info names them (MIT Kerberos's names).
  static func errorName(_ code: Int64) -> String? {
    switch code {
    case 0: "KRB5KDC_ERR_NONE"
    case 1: "KRB5KDC_ERR_NAME_EXP"
    case 2: "KRB5KDC_ERR_SERVICE_EXP"
    case 3: "KRB5KDC_ERR_BAD_PVNO"
    case 4: "KRB5KDC_ERR_C_OLD_MAST_KVNO"
    case 5: "KRB5KDC_ERR_S_OLD_MAST_KVNO"
    case 6: "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN"
    case 7: "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN"
    case 8: "KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE"
    case 9: "KRB5KDC_ERR_NULL_KEY"
    case 10: "KRB5KDC_ERR_CANNOT_POSTDATE"
    case 11: "KRB5KDC_ERR_NEVER_VALID"
    case 12: "KRB5KDC_ERR_POLICY"
    case 13: "KRB5KDC_ERR_BADOPTION"
    case 14: "KRB5KDC_ERR_ETYPE_NOSUPP"
    case 15: "KRB5KDC_ERR_SUMTYPE_NOSUPP"
    case 16: "KRB5KDC_ERR_PADATA_TYPE_NOSUPP"
    case 17: "KRB5KDC_ERR_TRTYPE_NOSUPP"
    case 18: "KRB5KDC_ERR_CLIENT_REVOKED"
    case 19: "KRB5KDC_ERR_SERVICE_REVOKED"
    case 20: "KRB5KDC_ERR_TGT_REVOKED"
    case 21: "KRB5KDC_ERR_CLIENT_NOTYET"
    case 22: "KRB5KDC_ERR_SERVICE_NOTYET"
    case 23: "KRB5KDC_ERR_KEY_EXP"
    case 24: "KRB5KDC_ERR_PREAUTH_FAILED"
    case 25: "KRB5KDC_ERR_PREAUTH_REQUIRED"
    case 26: "KRB5KDC_ERR_SERVER_NOMATCH"
    case 27: "KRB5KDC_ERR_MUST_USE_USER2USER"
    case 28: "KRB5KDC_ERR_PATH_NOT_ACCEPTED"
    case 29: "KRB5KDC_ERR_SVC_UNAVAILABLE"
    case 31: "KRB5KRB_AP_ERR_BAD_INTEGRITY"
    case 32: "KRB5KRB_AP_ERR_TKT_EXPIRED"
    case 33: "KRB5KRB_AP_ERR_TKT_NYV"
    case 34: "KRB5KRB_AP_ERR_REPEAT"
    case 35: "KRB5KRB_AP_ERR_NOT_US"
    case 36: "KRB5KRB_AP_ERR_BADMATCH"
    case 37: "KRB5KRB_AP_ERR_SKEW"
    case 38: "KRB5KRB_AP_ERR_BADADDR"
    case 39: "KRB5KRB_AP_ERR_BADVERSION"
    case 40: "KRB5KRB_AP_ERR_MSG_TYPE"
    case 41: "KRB5KRB_AP_ERR_MODIFIED"
    case 42: "KRB5KRB_AP_ERR_BADORDER"
    case 43: "KRB5KRB_AP_ERR_ILL_CR_TKT"
    case 44: "KRB5KRB_AP_ERR_BADKEYVER"
    case 45: "KRB5KRB_AP_ERR_NOKEY"
    case 46: "KRB5KRB_AP_ERR_MUT_FAIL"
    case 47: "KRB5KRB_AP_ERR_BADDIRECTION"
    case 48: "KRB5KRB_AP_ERR_METHOD"
    case 49: "KRB5KRB_AP_ERR_BADSEQ"
    case 50: "KRB5KRB_AP_ERR_INAPP_CKSUM"
    case 51: "KRB5KRB_AP_ERR_PATH_NOT_ACCEPTED"
    case 52: "KRB5KRB_ERR_RESPONSE_TOO_BIG"
    case 60: "KRB5KRB_ERR_GENERIC"
    case 61: "KRB5KRB_ERR_FIELD_TOOLONG"
    case 62: "KRB5KDC_ERR_CLIENT_NOT_TRUSTED"
    case 63: "KRB5KDC_ERR_KDC_NOT_TRUSTED"
    case 64: "KRB5KDC_ERR_INVALID_SIG"
    case 65: "KRB5KDC_ERR_KEY_TOO_WEAK"
    case 66: "KRB5KDC_ERR_CERTIFICATE_MISMATCH"
    case 67: "KRB5KRB_AP_ERR_NO_TGT"
    case 68: "KRB5KDC_ERR_WRONG_REALM"
    case 69: "KRB5KRB_AP_ERR_USER_TO_USER_REQUIRED"
    case 70: "KRB5KDC_ERR_CANT_VERIFY_CERTIFICATE"
    case 71: "KRB5KDC_ERR_INVALID_CERTIFICATE"
    case 72: "KRB5KDC_ERR_REVOKED_CERTIFICATE"
    case 73: "KRB5KDC_ERR_REVOCATION_STATUS_UNKNOWN"
    case 74: "KRB5KDC_ERR_REVOCATION_STATUS_UNAVAILABLE"
    case 75: "KRB5KDC_ERR_CLIENT_NAME_MISMATCH"
    case 76: "KRB5KDC_ERR_KDC_NAME_MISMATCH"
    default: nil
    }
  }
}

extension ValueNames {
  static let kerberosSet = ValueNames({ $0 != 0 ? "Set" : "Not set" }, nameAlone: true)
}
