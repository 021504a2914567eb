/// SCTP chunk types (RFC 9260 and the IANA registry), as Wireshark 4.0
/// names them.
enum SCTPNames {
  static func chunkType(_ code: UInt64) -> String? {
    switch code {
    case 0: "DATA"
    case 1: "INIT"
    case 2: "INIT_ACK"
    case 3: "SACK"
    case 4: "HEARTBEAT"
    case 5: "HEARTBEAT_ACK"
    case 6: "ABORT"
    case 7: "SHUTDOWN"
    case 8: "SHUTDOWN_ACK"
    case 9: "ERROR"
    case 10: "COOKIE_ECHO"
    case 11: "COOKIE_ACK"
    case 12: "ECNE"
    case 13: "CWR"
    case 14: "SHUTDOWN_COMPLETE"
    case 15: "AUTH"
    case 16: "NR-SACK"
    case 64: "I_DATA"
    case 128: "ASCONF_ACK"
    case 130: "RE_CONFIG"
    case 132: "PAD"
    case 192: "FORWARD_TSN"
    case 193: "ASCONF"
    case 194: "I_FORWARD_TSN"
    default: nil
    }
  }
}

extension ValueNames {
  static let sctpChunkTypes = ValueNames(SCTPNames.chunkType)
}
