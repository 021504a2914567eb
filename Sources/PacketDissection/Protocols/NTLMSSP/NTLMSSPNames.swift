/// NTLMSSP value names, as Wireshark gives them.
enum NTLMSSPNames {
  static func messageType(_ type: UInt64) -> String? {
    switch type {
    case 1: "NTLMSSP_NEGOTIATE"
    case 2: "NTLMSSP_CHALLENGE"
    case 3: "NTLMSSP_AUTH"
    case 4: "NTLMSSP_UNKNOWN"
    default: nil
    }
  }
}
