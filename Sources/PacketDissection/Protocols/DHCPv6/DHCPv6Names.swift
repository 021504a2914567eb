/// DHCPv6 message types, option codes, DUID types and status codes
/// (RFC 8415 and the IANA registry), as Wireshark 4.0 names them.
enum DHCPv6Names {
  static func messageType(_ code: UInt64) -> String? {
    switch code {
    case 1: "Solicit"
    case 2: "Advertise"
    case 3: "Request"
    case 4: "Confirm"
    case 5: "Renew"
    case 6: "Rebind"
    case 7: "Reply"
    case 8: "Release"
    case 9: "Decline"
    case 10: "Reconfigure"
    case 11: "Information-request"
    case 12: "Relay-forw"
    case 13: "Relay-reply"
    case 14: "Leasequery"
    case 15: "Leasequery-reply"
    case 16: "Leasequery-done"
    case 17: "Leasequery-data"
    default: nil
    }
  }

  static func option(_ code: UInt64) -> String? {
    switch code {
    case 1: "Client Identifier"
    case 2: "Server Identifier"
    case 3: "Identity Association for Non-temporary Address"
    case 4: "Identity Association for Temporary Address"
    case 5: "IA Address"
    case 6: "Option Request"
    case 7: "Preference"
    case 8: "Elapsed time"
    case 9: "Relay Message"
    case 11: "Authentication"
    case 12: "Server unicast"
    case 13: "Status code"
    case 14: "Rapid Commit"
    case 15: "User Class"
    case 16: "Vendor Class"
    case 17: "Vendor-specific Information"
    case 18: "Interface-Id"
    case 19: "Reconfigure Message"
    case 20: "Reconfigure Accept"
    case 21: "SIP Server Domain Name List"
    case 22: "SIP Servers IPv6 Address List"
    case 23: "DNS recursive name server"
    case 24: "Domain Search List"
    case 25: "Identity Association for Prefix Delegation"
    case 26: "IA Prefix"
    case 27: "NIS Servers"
    case 28: "NISP Servers"
    case 29: "NIS Domain Name"
    case 30: "NISP Domain Name"
    case 31: "Simple Network Time Protocol Server"
    case 32: "Lifetime"
    case 39: "Fully Qualified Domain Name"
    case 56: "NTP Server"
    case 64: "Dual-Stack Lite AFTR Name"
    case 82: "SOL_MAX_RT"
    case 83: "INF_MAX_RT"
    default: nil
    }
  }

  static func duidType(_ code: UInt64) -> String? {
    switch code {
    case 1: "link-layer address plus time"
    case 2: "assigned by vendor based on Enterprise number"
    case 3: "link-layer address"
    case 4: "Universally Unique IDentifier (UUID)"
    default: nil
    }
  }

  static func statusCode(_ code: UInt64) -> String? {
    switch code {
    case 0: "Success"
    case 1: "UnspecFail"
    case 2: "NoAddrAvail"
    case 3: "NoBinding"
    case 4: "NotOnLink"
    case 5: "UseMulticast"
    case 6: "NoPrefixAvail"
    default: nil
    }
  }
}

extension ValueNames {
  static let dhcpv6MessageTypes = ValueNames(DHCPv6Names.messageType)
  static let dhcpv6Options = ValueNames(DHCPv6Names.option)
  static let dhcpv6DUIDTypes = ValueNames(DHCPv6Names.duidType)
  static let dhcpv6StatusCodes = ValueNames(DHCPv6Names.statusCode)
}
