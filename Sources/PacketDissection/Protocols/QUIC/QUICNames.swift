/// QUIC versions, long-header packet types and frame types, as Wireshark
/// names them (RFC 9000, RFC 9369).
enum QUICNames {
  static let version1: UInt32 = 0x0000_0001
  static let version2: UInt32 = 0x6b33_43cf

  /// A version's name: `1`, `2`, `draft-29`; nil for others.
  static func versionName(_ version: UInt64) -> String? {
    switch version {
    case UInt64(version1): "1"
    case UInt64(version2): "2"
    case 0xff00_0000...0xff00_00ff: "draft-\(version & 0xff)"
    case 0: "Version Negotiation"
    default: nil
    }
  }

  /// The long-header packet types, by their type bits in version 1 and the drafts.
  static func packetTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Initial"
    case 1: "0-RTT"
    case 2: "Handshake"
    case 3: "Retry"
    default: nil
    }
  }

  /// The same in version 2, whose type bits are rotated by one (RFC 9369 section 3.2).
  static func packetTypeV2Name(_ code: UInt64) -> String? {
    switch code {
    case 0: "Retry"
    case 1: "Initial"
    case 2: "0-RTT"
    case 3: "Handshake"
    default: nil
    }
  }

  static func frameTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "PADDING"
    case 0x01: "PING"
    case 0x02, 0x03: "ACK"
    case 0x04: "RESET_STREAM"
    case 0x05: "STOP_SENDING"
    case 0x06: "CRYPTO"
    case 0x07: "NEW_TOKEN"
    case 0x08...0x0f: "STREAM"
    case 0x10: "MAX_DATA"
    case 0x11: "MAX_STREAM_DATA"
    case 0x12: "MAX_STREAMS (BIDI)"
    case 0x13: "MAX_STREAMS (UNI)"
    case 0x14: "DATA_BLOCKED"
    case 0x15: "STREAM_DATA_BLOCKED"
    case 0x16: "STREAMS_BLOCKED (BIDI)"
    case 0x17: "STREAMS_BLOCKED (UNI)"
    case 0x18: "NEW_CONNECTION_ID"
    case 0x19: "RETIRE_CONNECTION_ID"
    case 0x1a: "PATH_CHALLENGE"
    case 0x1b: "PATH_RESPONSE"
    case 0x1c: "CONNECTION_CLOSE (Transport)"
    case 0x1d: "CONNECTION_CLOSE (Application)"
    case 0x1e: "HANDSHAKE_DONE"
    default: nil
    }
  }

  /// How the Info column names the frames an Initial packet may hold.
  static func frameInfoName(_ code: UInt64) -> String {
    switch code {
    case 0x00: "PADDING"
    case 0x01: "PING"
    case 0x02: "ACK"
    case 0x03: "ACK_ECN"
    case 0x06: "CRYPTO"
    case 0x07: "NT"
    case 0x1c, 0x1d: "CC"
    default: "Unknown"
    }
  }

  static func headerFormName(_ code: UInt64) -> String? {
    code == 1 ? "Long Header" : "Short Header"
  }

  static func packetNumberLengthName(_ code: UInt64) -> String? {
    code < 4 ? "\(code + 1) bytes" : nil
  }

  /// Wireshark's words for a flag without names of its own.
  static func trueFalse(_ code: UInt64) -> String? { code == 0 ? "False" : "True" }
}

extension ValueNames {
  static let quicVersions = ValueNames(QUICNames.versionName)
  static let quicPacketTypes = ValueNames(QUICNames.packetTypeName)
  static let quicPacketTypesV2 = ValueNames(QUICNames.packetTypeV2Name)
  static let quicFrameTypes = ValueNames(QUICNames.frameTypeName)
  static let quicHeaderForms = ValueNames(QUICNames.headerFormName)
  static let quicPacketNumberLengths = ValueNames(QUICNames.packetNumberLengthName)
  static let quicTrueFalse = ValueNames(QUICNames.trueFalse)
}
