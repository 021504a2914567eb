/// Spanning tree protocol identifiers, versions, BPDU types and port roles,
/// as Wireshark names them.
enum STPNames {
  static func versionName(_ version: UInt64) -> String? {
    switch version {
    case 0: "Spanning Tree"
    case 2: "Rapid Spanning Tree"
    case 3: "Multiple Spanning Tree"
    case 4: "Shortest Path Tree"
    default: nil
    }
  }

  static func typeName(_ type: UInt64) -> String? {
    switch type {
    case 0x00: "Configuration"
    case 0x02: "Rapid/Multiple Spanning Tree"
    case 0x80: "Topology Change Notification"
    default: nil
    }
  }

  static func portRoleName(_ role: UInt64) -> String? {
    switch role {
    case 1: "Alternate or Backup"
    case 2: "Root"
    case 3: "Designated"
    default: nil
    }
  }
}

extension ValueNames {
  static let stpProtocols = ValueNames { $0 == 0 ? "Spanning Tree Protocol" : nil }
  static let stpVersions = ValueNames(STPNames.versionName)
  static let stpTypes = ValueNames(STPNames.typeName)
  static let stpPortRoles = ValueNames(STPNames.portRoleName)
}
