/// RIP's commands, versions, address families and authentication types,
/// as Wireshark names them.
enum RIPNames {
  static func commandName(_ command: UInt64) -> String? {
    switch command {
    case 1: "Request"
    case 2: "Response"
    case 3: "Traceon"
    case 4: "Traceoff"
    case 5: "Vendor specific (Sun)"
    default: nil
    }
  }

  static func versionName(_ version: UInt64) -> String? {
    switch version {
    case 1: "RIPv1"
    case 2: "RIPv2"
    default: nil
    }
  }

  static func familyName(_ family: UInt64) -> String? {
    switch family {
    case 0: "Unspecified"
    case 2: "IP"
    case 0xffff: "Authentication"
    default: nil
    }
  }

  static func authTypeName(_ type: UInt64) -> String? {
    switch type {
    case 2: "Simple Password"
    case 3: "Keyed Message Digest"
    default: nil
    }
  }
}

extension ValueNames {
  static let ripCommands = ValueNames(RIPNames.commandName)
  static let ripVersions = ValueNames(RIPNames.versionName)
  static let ripFamilies = ValueNames(RIPNames.familyName)
  static let ripAuthTypes = ValueNames(RIPNames.authTypeName)
}
