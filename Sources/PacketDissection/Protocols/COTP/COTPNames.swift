/// COTP's TPDU types, disconnect reasons and parameter codes (ISO 8073),
/// as Wireshark names them.
enum COTPNames {
  static func typeName(_ kind: UInt64) -> String? {
    switch kind {
    case 0x1: "ED Expedited Data"
    case 0x2: "EA Expedited Data Acknowledgement"
    case 0x5: "RJ Reject"
    case 0x6: "AK Data Acknowledgement"
    case 0x7: "ER TPDU Error"
    case 0x8: "DR Disconnect Request"
    case 0xc: "DC Disconnect Confirm"
    case 0xd: "CC Connect Confirm"
    case 0xe: "CR Connect Request"
    case 0xf: "DT Data"
    default: nil
    }
  }

  /// The two-letter form Info starts a TPDU with.
  static func abbreviation(_ kind: UInt64) -> String {
    String(typeName(kind)?.prefix(2) ?? "??")
  }

  static func disconnectReason(_ reason: UInt64) -> String? {
    switch reason {
    case 0: "Reason not specified"
    case 1: "Congestion at TSAP"
    case 2: "Session entity not attached to TSAP"
    case 3: "Address unknown"
    case 128: "Normal Disconnect"
    case 129: "Remote transport entity congestion"
    case 130: "Connection negotiation failed"
    case 131: "Duplicate source reference"
    case 132: "Mismatched references"
    case 133: "Protocol error"
    case 135: "Reference overflow"
    case 136: "Connection request refused"
    case 138: "Header or parameter length invalid"
    default: nil
    }
  }

  static func parameterName(_ code: UInt64) -> String? {
    switch code {
    case 0xc0: "tpdu-size"
    case 0xc1: "src-tsap"
    case 0xc2: "dst-tsap"
    default: nil
    }
  }
}

extension ValueNames {
  static let cotpTypes = ValueNames(COTPNames.typeName)
  static let cotpDisconnectReasons = ValueNames(COTPNames.disconnectReason)
  static let cotpParameters = ValueNames(COTPNames.parameterName)
}
