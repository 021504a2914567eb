/// AYIYA's identity types, hash and authentication methods and operation
/// codes, as Wireshark names them.
enum AYIYANames {
  static func identityTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "None"
    case 1: "Integer"
    case 2: "ASCII string"
    default: nil
    }
  }

  static func hashMethodName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No hash"
    case 1: "MD5"
    case 2: "SHA1"
    default: nil
    }
  }

  static func authenticationMethodName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No authentication"
    case 1: "Hash using a Shared Secret"
    case 2: "Hash using a public/private key method"
    default: nil
    }
  }

  static func opcodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No Operation / Heartbeat"
    case 1: "Forward"
    case 2: "Echo Request"
    case 3: "Echo Request and Forward"
    case 4: "Echo Response"
    case 5: "MOTD"
    case 6: "Query Request"
    case 7: "Query Response"
    default: nil
    }
  }
}

extension ValueNames {
  static let ayiyaIdentityTypes = ValueNames(AYIYANames.identityTypeName)
  static let ayiyaHashMethods = ValueNames(AYIYANames.hashMethodName)
  static let ayiyaAuthenticationMethods = ValueNames(AYIYANames.authenticationMethodName)
  static let ayiyaOpcodes = ValueNames(AYIYANames.opcodeName)
}
