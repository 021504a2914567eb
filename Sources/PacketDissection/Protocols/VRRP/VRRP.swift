/// Virtual Router Redundancy Protocol, versions 2 (RFC 3768) and 3
/// (RFC 5798), IP protocol 112: the header and the virtual addresses,
/// IPv6 ones when version 3 runs over IPv6.
enum VRRP: UInt8, ProtocolModule {
  case item, typeAndVersion, version, type, virtualRouterID, priority, addressCount, authenticationType,
    advertisementInterval, reserved, shortAdvertisementInterval, checksum, ipv4Address, ipv6Address

  static var protocolID: ProtocolID { .vrrp }
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.ipProto, 112)]
  static let headerBits = 64
  static var variablePart: String? { "IPvX Addresses" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("vrrp", "Virtual Router Redundancy Protocol")
    case .typeAndVersion: .uint("vrrp.typever", "VRRP message version and type", at: 0, bytes: 1)
    case .version: .uint("vrrp.version", "VRRP protocol version", at: 0, bytes: 1, mask: 0xf0, abbreviation: "Version")
    case .type:
      .uint("vrrp.type", "VRRP packet type", at: 0, bytes: 1, mask: 0x0f, abbreviation: "Type", values: .vrrpTypes)
    case .virtualRouterID: .uint("vrrp.virt_rtr_id", "Virtual Rtr ID", at: 1, bytes: 1, blurb: "Virtual router this packet is reporting status for")
    case .priority: .uint("vrrp.prio", "Priority", at: 2, bytes: 1, values: .vrrpPriorities)
    case .addressCount: .uint("vrrp.addr_count", "Addr Count", at: 3, bytes: 1, blurb: "The number of addresses contained in this VRRP advertisement")
    case .authenticationType: .uint("vrrp.auth_type", "Auth Type", at: 4, bytes: 1, values: .vrrpAuthenticationTypes)
    case .advertisementInterval: .uint("vrrp.adver_int", "Adver Int", at: 5, bytes: 1, blurb: "Time interval (in seconds) between ADVERTISEMENTS")
    case .reserved: .uint("vrrp.reserved_mbz", "Reserved", at: 4, bytes: 1, mask: 0xf0, blurb: "Must be zero")
    case .shortAdvertisementInterval:
      .uint("vrrp.short_adver_int", "Adver Int", at: 4, bytes: 2, mask: 0x0fff, blurb: "Time interval (in centiseconds) between ADVERTISEMENTS")
    case .checksum: .uint("vrrp.checksum", "Checksum", at: 6, bytes: 2, base: .hex, blurb: "Used to detect data corruption in the VRRP message")
    case .ipv4Address: .loose("vrrp.ip_addr", "IP Address", .ipv4, blurb: "IP address associated with the virtual router")
    case .ipv6Address: .loose("vrrp.ipv6_addr", "IPv6 Address", .ipv6, blurb: "IPv6 address associated with the virtual router")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let typeVersion = try c.fixed(typeAndVersion)
    try c.fixed(version, depth: 2)
    try c.fixed(type, depth: 2)
    try c.fixed(virtualRouterID)
    try c.fixed(priority)
    let count = Int(try c.fixed(addressCount))
    if typeVersion >> 4 == 3 {
      try c.fixed(reserved)
      try c.fixed(shortAdvertisementInterval)
    } else {
      try c.fixed(authenticationType)
      try c.fixed(advertisementInterval)
    }
    try c.fixed(checksum)
    let overIPv6 = c.dissection.layers.last(where: { $0.protocolID == .ip || $0.protocolID == .ipv6 })?.protocolID == .ipv6
    let width = overIPv6 && typeVersion >> 4 == 3 ? 16 : 4
    for index in 0..<count {
      let at = 8 + index * width
      if width == 16 {
        try c.add(ipv6Address, at: at, 16)
      } else {
        try c.add(ipv4Address, at: at, 4, value: UInt64(try c.uint32(at)))
      }
    }
    return .stop
  }
}
