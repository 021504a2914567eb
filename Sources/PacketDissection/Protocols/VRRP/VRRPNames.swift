/// VRRP's packet types, priorities and authentication types, as
/// Wireshark names them.
enum VRRPNames {
  static func priorityName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Current Master has stopped participating in VRRP"
    case 100: "Default priority for a backup VRRP router"
    case 255: "This VRRP router owns the virtual router's IP address(es)"
    default: "Non-default backup priority"
    }
  }

  static func authenticationName(_ value: UInt64) -> String? {
    switch value {
    case 0: "No Authentication"
    case 1: "Simple Text Authentication [RFC 2338] / Reserved [RFC 3768]"
    case 2: "IP Authentication Header [RFC 2338] / Reserved [RFC 3768]"
    default: nil
    }
  }
}

extension ValueNames {
  static let vrrpTypes = ValueNames { $0 == 1 ? "Advertisement" : nil }
  static let vrrpPriorities = ValueNames(VRRPNames.priorityName)
  static let vrrpAuthenticationTypes = ValueNames(VRRPNames.authenticationName)
}
