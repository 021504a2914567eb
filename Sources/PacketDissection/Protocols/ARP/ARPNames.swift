/// Names of ARP's hardware types and opcodes (RFC 826 and IANA's ARP
/// parameters), as Wireshark's tree shows them.
enum ARPNames {
  static func hardwareType(_ value: UInt64) -> String? {
    switch value {
    case 1: "Ethernet"
    case 6: "IEEE 802"
    case 15: "Frame Relay"
    case 16: "ATM"
    case 20: "Serial Line"
    case 32: "InfiniBand"
    default: nil
    }
  }

  static func opcode(_ value: UInt64) -> String? {
    switch value {
    case 1: "request"
    case 2: "reply"
    case 3: "request-reverse"
    case 4: "reply-reverse"
    case 8: "inverse-request"
    case 9: "inverse-reply"
    default: nil
    }
  }
}

extension ValueNames {
  static let arpHardwareTypes = ValueNames(ARPNames.hardwareType)
  static let arpOpcodes = ValueNames(ARPNames.opcode)
}
