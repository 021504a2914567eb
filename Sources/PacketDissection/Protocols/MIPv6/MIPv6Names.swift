/// Mobility header types and status codes, as Wireshark 4.0 names them.
enum MIPv6Names {
  static func typeName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Binding Refresh Request"
    case 1: "Home Test Init"
    case 2: "Care-of Test Init"
    case 3: "Home Test"
    case 4: "Care-of Test"
    case 5: "Binding Update"
    case 6: "Binding Acknowledgement"
    case 7: "Binding Error"
    case 8: "Fast Binding Update"
    case 9: "Fast Binding Acknowledgment"
    case 10: "Fast Neighbor Advertisement"
    case 11: "Experimental Mobility Header"
    case 12: "Home Agent Switch"
    case 13: "Heartbeat"
    case 14: "Handover Initiate"
    case 15: "Handover Acknowledge"
    case 16: "Binding Revocation"
    case 17: "Localized Routing Initiation"
    case 18: "Localized Routing Acknowledgment"
    default: nil
    }
  }

  static func errorStatus(_ value: UInt64) -> String? {
    switch value {
    case 1: "Unknown binding for Home Address destination option"
    case 2: "Unrecognized MH type value"
    default: nil
    }
  }

  static func acknowledgementStatus(_ value: UInt64) -> String? {
    switch value {
    case 0: "Binding Update accepted"
    case 1: "Accepted but prefix discovery necessary"
    case 2: "GRE_KEY_OPTION_NOT_REQUIRED"
    case 3: "GRE_TUNNELING_BUT_TLV_HEADER_NOT_SUPPORTED"
    case 4: "MCOA NOTCOMPLETE"
    case 5: "MCOA RETURNHOME WO/NDP"
    case 6: "PBU_ACCEPTED_TB_IGNORED_SETTINGSMISMATCH"
    case 128: "Reason unspecified"
    case 129: "Administratively prohibited"
    case 130: "Insufficient resources"
    case 131: "Home registration not supported"
    case 132: "Not home subnet"
    case 133: "Not home agent for this mobile node"
    case 134: "Duplicate Address Detection failed"
    case 135: "Sequence number out of window"
    case 136: "Expired home nonce index"
    case 137: "Expired care-of nonce index"
    case 138: "Expired nonces"
    case 139: "Registration type change disallowed"
    case 140: "Mobile Router Operation not permitted"
    case 141: "Invalid Prefix"
    case 142: "Not Authorized for Prefix"
    case 143: "Mobile Network Prefix information unavailable"
    case 145: "Proxy Registration not supported by the LMA"
    case 146: "Proxy Registrations from this MAG not allowed"
    case 147: "No home address for this NAI"
    case 148: "Invalid Time Stamp Option"
    case 149: "Permanent home keygen token exists"
    case 150: "Non-null home nonce index expected"
    case 151: "SERVICE_AUTHORIZATION_FAILED"
    case 152: "PROXY_REG_NOT_ENABLED"
    case 153: "NOT_LMA_FOR_THIS_MOBILE_NODE"
    case 154: "MAG_NOT_AUTHORIZED_FOR_PROXY_REG"
    case 155: "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX"
    case 156: "TIMESTAMP_MISMATCH"
    case 157: "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED"
    case 158: "MISSING_HOME_NETWORK_PREFIX_OPTION"
    case 159: "BCE_PBU_PREFIX_SET_DO_NOT_MATCH"
    case 160: "MISSING_MN_IDENTIFIER_OPTION"
    default: nil
    }
  }
}
