/// SSH's message names (RFC 4250 section 4.1), as Wireshark 4.0 gives them.
enum SSHNames {
  /// The families of key exchange methods, whose messages 30 to 34 Wireshark
  /// names differently.
  enum KeyExchangeMethod {
    case diffieHellman, groupExchange, ellipticCurve

    /// The family of a negotiated method's name; nil for a method Wireshark
    /// does not know (it then keeps the Diffie-Hellman names).
    init?(name: String) {
      switch name {
      case "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256":
        self = .groupExchange
      case "curve25519-sha256@libssh.org", "curve25519-sha256", "curve448-sha512":
        self = .ellipticCurve
      case _ where name.hasPrefix("ecdh-sha2-"):
        self = .ellipticCurve
      case "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512":
        self = .diffieHellman
      default:
        return nil
      }
    }
  }

  /// The Info column's name of message `code`.
  static func messageName(_ code: UInt8, method: KeyExchangeMethod) -> String {
    if code >= 30 && code < 40 {
      return methodMessageName(code, method: method) ?? "Unknown (\(code))"
    }
    return transportName(code) ?? "Unknown (\(code))"
  }

  /// The name of a message of the key exchange method's own (30 to 39).
  static func methodMessageName(_ code: UInt8, method: KeyExchangeMethod) -> String? {
      switch (method, code) {
      case (.diffieHellman, 30): "Diffie-Hellman Key Exchange Init"
      case (.diffieHellman, 31): "Diffie-Hellman Key Exchange Reply"
      case (.groupExchange, 30): "Diffie-Hellman Group Exchange Request (Old)"
      case (.groupExchange, 31): "Diffie-Hellman Group Exchange Group"
      case (.groupExchange, 32): "Diffie-Hellman Group Exchange Init"
      case (.groupExchange, 33): "Diffie-Hellman Group Exchange Reply"
      case (.groupExchange, 34): "Diffie-Hellman Group Exchange Request"
      case (.ellipticCurve, 30): "Elliptic Curve Diffie-Hellman Key Exchange Init"
      case (.ellipticCurve, 31): "Elliptic Curve Diffie-Hellman Key Exchange Reply"
      default: nil
      }
  }

  /// The Info column's name of a protocol version 1 message: Wireshark
  /// names only the first few.
  static func version1Name(_ code: UInt8) -> String {
    switch code {
    case 0: "No Message"
    case 1: "Disconnect"
    case 2: "Public Key"
    case 3: "Session Key"
    case 4: "User"
    default: "Unknown (\(code))"
    }
  }

  /// Names of the messages outside the key exchange method's range.
  static func transportName(_ code: UInt8) -> String? {
    switch code {
    case 1: "Disconnect"
    case 2: "Ignore"
    case 3: "Unimplemented"
    case 4: "Debug"
    case 5: "Service Request"
    case 6: "Service Accept"
    case 20: "Key Exchange Init"
    case 21: "New Keys"
    case 50: "User Authentication Request"
    case 51: "User Authentication Failure"
    case 52: "User Authentication Success"
    case 53: "User Authentication Banner"
    case 80: "Global Request"
    case 81: "Request Success"
    case 82: "Request Failure"
    case 90: "Channel Open"
    case 91: "Channel Open Confirmation"
    case 92: "Channel Open Failure"
    case 93: "Window Adjust"
    case 94: "Channel Data"
    case 95: "Channel Extended Data"
    case 96: "Channel EOF"
    case 97: "Channel Close"
    case 98: "Channel Request"
    case 99: "Channel Success"
    case 100: "Channel Failure"
    default: nil
    }
  }
}

extension ValueNames {
  /// `ssh.message_code` in the tree; codes 30 to 39 by the Diffie-Hellman
  /// names, Wireshark's default before a method is agreed.
  static let sshMessageCodes = ValueNames { code in
    guard code <= 0xff else { return nil }
    let name = SSHNames.messageName(UInt8(code), method: .diffieHellman)
    return name.hasPrefix("Unknown") ? nil : name
  }

  /// `ssh.direction`.
  static let sshDirection = ValueNames({ $0 == 0 ? "client-to-server" : "server-to-client" }, nameAlone: true)
}
