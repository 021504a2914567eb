/// IGMP message and group record types, as Wireshark names them.
enum IGMPNames {
  static func typeName(_ type: UInt64) -> String? {
    switch type {
    case 0x01: "Create Group Request"
    case 0x02: "Create Group Reply"
    case 0x03: "Join Group Request"
    case 0x04: "Join Group Reply"
    case 0x05: "Leave Group Request"
    case 0x06: "Leave Group Reply"
    case 0x07: "Confirm Group Request"
    case 0x08: "Confirm Group Reply"
    case 0x11: "Membership Query"
    case 0x12, 0x16, 0x22: "Membership Report"
    case 0x13: "DVMRP Protocol"
    case 0x14: "PIM Routing Message"
    case 0x17: "Leave Group"
    case 0x1e: "Traceroute Response"
    case 0x1f: "Traceroute Query or Request"
    default: nil
    }
  }

  static func recordTypeName(_ type: UInt64) -> String? {
    switch type {
    case 1: "Mode Is Include"
    case 2: "Mode Is Exclude"
    case 3: "Change To Include Mode"
    case 4: "Change To Exclude Mode"
    case 5: "Allow New Sources"
    case 6: "Block Old Sources"
    default: nil
    }
  }
}

extension ValueNames {
  static let igmpTypes = ValueNames(IGMPNames.typeName)
  static let igmpRecordTypes = ValueNames(IGMPNames.recordTypeName)
  static let igmpSuppress = ValueNames {
    $0 != 0 ? "SUPPRESS router side processing" : "Do not suppress router side processing"
  }
}
