/// BOOTP operations and DHCP message types (RFC 2132 section 9.6), as
/// Wireshark names them.
enum DHCPNames {
  static func opName(_ code: UInt64) -> String? {
    switch code {
    case 1: "Boot Request"
    case 2: "Boot Reply"
    default: nil
    }
  }

  static func messageTypeName(_ code: UInt64) -> String? {
    switch code {
    case 1: "Discover"
    case 2: "Offer"
    case 3: "Request"
    case 4: "Decline"
    case 5: "ACK"
    case 6: "NAK"
    case 7: "Release"
    case 8: "Inform"
    case 9: "Force Renew"
    case 10: "Lease query"
    case 11: "Lease Unassigned"
    case 12: "Lease Unknown"
    case 13: "Lease Active"
    case 14: "Bulk Lease Query"
    case 15: "Lease Query Done"
    case 16: "Active LeaseQuery"
    case 17: "Lease Query Status"
    case 18: "TLS"
    default: nil
    }
  }
}

extension ValueNames {
  static let dhcpOps = ValueNames(DHCPNames.opName)
  static let dhcpMessageTypes = ValueNames(DHCPNames.messageTypeName)
}
