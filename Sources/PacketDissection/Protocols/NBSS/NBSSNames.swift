/// NBSS message types and negative-response error codes (RFC 1002
/// section 4.3), as Wireshark names them.
enum NBSSNames {
  static func messageTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "Session message"
    case 0x81: "Session request"
    case 0x82: "Positive session response"
    case 0x83: "Negative session response"
    case 0x84: "Retarget session response"
    case 0x85: "Session keep-alive"
    default: nil
    }
  }

  static func errorCodeName(_ code: UInt64) -> String? {
    switch code {
    case 0x80: "Not listening on called name"
    case 0x81: "Not listening for calling name"
    case 0x82: "Called name not present"
    case 0x83: "Called name present, but insufficient resources"
    case 0x8f: "Unspecified error"
    default: nil
    }
  }
}

extension ValueNames {
  static let nbssMessageTypes = ValueNames(NBSSNames.messageTypeName)
  static let nbssErrorCodes = ValueNames(NBSSNames.errorCodeName)
  static let nbssExtend = ValueNames { $0 != 0 ? "Add 65536 to length" : "Add 0 to length" }
}
