/// GTP's versions, message types and extension header types, as
/// Wireshark names them.
enum GTPNames {
  static func messageName(_ code: UInt64) -> String? {
    switch code {
    case 1: "Echo request"
    case 2: "Echo response"
    case 3: "Version not supported"
    case 4: "Node alive request"
    case 5: "Node alive response"
    case 6: "Redirection request"
    case 7: "Redirection response"
    case 16: "Create PDP context request"
    case 17: "Create PDP context response"
    case 18: "Update PDP context request"
    case 19: "Update PDP context response"
    case 20: "Delete PDP context request"
    case 21: "Delete PDP context response"
    case 26: "Error indication"
    case 31: "Supported extension headers notification"
    case 240: "Data record transfer request"
    case 241: "Data record transfer response"
    case 254: "End marker"
    case 255: "T-PDU"
    default: nil
    }
  }

  static func versionName(_ code: UInt64) -> String? {
    switch code {
    case 0: "GTP release 97/98 version"
    case 1: "GTP release 99 version"
    case 2: "GTPv2"
    default: nil
    }
  }

  static func extensionName(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "No more extension headers"
    case 0x01: "MBMS support indication"
    case 0x02: "MS Info Change Reporting support indication"
    case 0x20: "Service Class Indicator"
    case 0x40: "UDP Port"
    case 0x81: "RAN Container"
    case 0x82: "Long PDCP PDU Number"
    case 0x83: "Xw RAN Container"
    case 0x84: "NR RAN Container"
    case 0x85: "PDU Session Container"
    case 0xc0: "PDCP PDU number"
    case 0xc1: "Suspend Request"
    case 0xc2: "Suspend Response"
    default: nil
    }
  }
}

extension ValueNames {
  static let gtpMessages = ValueNames(GTPNames.messageName)
  static let gtpVersions = ValueNames(GTPNames.versionName)
  static let gtpExtensionTypes = ValueNames(GTPNames.extensionName)
  static let gtpProtocolTypes = ValueNames { $0 == 1 ? "GTP" : "GTP'" }
  static let gtpYesNo = flagLabels(set: "Yes", notSet: "No")
}
