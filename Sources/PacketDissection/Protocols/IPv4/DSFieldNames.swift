/// Names of the Differentiated Services Codepoints (RFC 2474, 2597,
/// 3246, 5865, 8622) and ECN codepoints (RFC 3168), as Wireshark's IPv4
/// and IPv6 trees show them.
enum DSFieldNames {
  static func dscp(_ value: UInt64) -> String? {
    switch value {
    case 0: "Default"
    case 1: "Lower Effort"
    case 8: "Class Selector 1"
    case 10: "Assured Forwarding 11"
    case 12: "Assured Forwarding 12"
    case 14: "Assured Forwarding 13"
    case 16: "Class Selector 2"
    case 18: "Assured Forwarding 21"
    case 20: "Assured Forwarding 22"
    case 22: "Assured Forwarding 23"
    case 24: "Class Selector 3"
    case 26: "Assured Forwarding 31"
    case 28: "Assured Forwarding 32"
    case 30: "Assured Forwarding 33"
    case 32: "Class Selector 4"
    case 34: "Assured Forwarding 41"
    case 36: "Assured Forwarding 42"
    case 38: "Assured Forwarding 43"
    case 40: "Class Selector 5"
    case 44: "Voice-Admit"
    case 46: "Expedited Forwarding"
    case 48: "Class Selector 6"
    case 56: "Class Selector 7"
    default: nil
    }
  }

  static func ecn(_ value: UInt64) -> String? {
    switch value {
    case 0: "Not ECN-Capable Transport"
    case 1: "ECN-Capable Transport codepoint '01'"
    case 2: "ECN-Capable Transport codepoint '10'"
    case 3: "Congestion Experienced"
    default: nil
    }
  }
}

extension ValueNames {
  static let dscpNames = ValueNames(DSFieldNames.dscp)
  static let ecnNames = ValueNames(DSFieldNames.ecn)
}
