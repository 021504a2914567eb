/// NFLOG's families, TLV types and netfilter hooks, as Wireshark 4.0 names them.
enum NFLOGNames {
  static func familyName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Unspecified"
    case 1: "IPv4/IPv6"
    case 2: "IPv4"
    case 3: "ARP"
    case 5: "Netdev"
    case 7: "Bridge"
    case 10: "IPv6"
    case 12: "DECNET"
    default: nil
    }
  }

  static func tlvTypeName(_ value: UInt64) -> String? {
    let names = [
      "NFULA_UNSPEC", "NFULA_PACKET_HDR", "NFULA_MARK", "NFULA_TIMESTAMP", "NFULA_IFINDEX_INDEV",
      "NFULA_IFINDEX_OUTDEV", "NFULA_IFINDEX_PHYSINDEV", "NFULA_IFINDEX_PHYSOUTDEV", "NFULA_HWADDR",
      "NFULA_PAYLOAD", "NFULA_PREFIX", "NFULA_UID", "NFULA_SEQ", "NFULA_SEQ_GLOBAL", "NFULA_GID", "NFULA_HWTYPE",
      "NFULA_HWHEADER", "NFULA_HWLEN",
    ]
    return value < names.count ? names[Int(value)] : nil
  }

  static func hookName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Pre-routing"
    case 1: "Local in"
    case 2: "Forward"
    case 3: "Local out"
    case 4: "Post-routing"
    case 5: "Number of hooks"
    default: nil
    }
  }
}
