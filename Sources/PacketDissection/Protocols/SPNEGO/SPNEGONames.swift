/// SPNEGO value names, as Wireshark gives them.
enum SPNEGONames {
  static func negResult(_ code: UInt64) -> String? {
    switch code {
    case 0: "accept-completed"
    case 1: "accept-incomplete"
    case 2: "reject"
    case 3: "request-mic"
    default: nil
    }
  }
}

extension SPNEGONames {
  static func kerberosToken(_ id: UInt64) -> String? {
    switch id {
    case 0x0001: "KRB5_AP_REQ"
    case 0x0002: "KRB5_AP_REP"
    case 0x0003: "KRB5_ERROR"
    case 0x0004: "KERB_TGT_REQUEST"
    case 0x0101: "KRB5_GSS_GetMIC"
    case 0x0102: "KRB5_GSS_Wrap"
    case 0x0104: "KERB_TGT_REPLY"
    case 0x0201: "KRB5_GSS_Delete_sec_context"
    case 0x0404: "KRB_TOKEN_CFX_GetMic"
    case 0x0405: "KRB_TOKEN_CFX_WRAP"
    default: nil
    }
  }
}

extension SPNEGONames {
  /// A Kerberos wrap or MIC token's signing algorithm (RFC 1964 and 4757).
  static func signingAlgorithm(_ id: UInt64) -> String? {
    switch id {
    case 0x0000: "DES MAC MD5"
    case 0x0001: "MD2.5"
    case 0x0002: "DES MAC"
    case 0x0011: "HMAC"
    default: nil
    }
  }

  /// A Kerberos wrap token's sealing algorithm.
  static func sealingAlgorithm(_ id: UInt64) -> String? {
    switch id {
    case 0x0000: "DES CBC"
    case 0x0010: "RC4"
    case 0xffff: "None"
    default: nil
    }
  }
}
