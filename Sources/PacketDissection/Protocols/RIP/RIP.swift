/// Routing Information Protocol versions 1 and 2 (RFC 1058, RFC 2453) on
/// UDP port 520: the command and version, then 20-byte route entries,
/// RIPv2's authentication entry (RFC 2453 section 4.1, a simple password)
/// among them. An entry of another address family, or a keyed
/// authentication, is skipped; an entry cut short ends the dissection.
enum RIP: UInt8, ProtocolModule {
  case item, command, version, authType, password, family, routeTag, ip, netmask, nextHop, metric

  static var protocolID: ProtocolID { .rip }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 520)]
  static let headerBits = 32
  static var variablePart: String? { "Route entries (20 bytes each)" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("rip", "Routing Information Protocol")
    case .command: .uint("rip.command", "Command", at: 0, bytes: 1, values: .ripCommands)
    case .version: .uint("rip.version", "Version", at: 1, bytes: 1, values: .ripVersions)
    case .authType: .loose("rip.auth.type", "Authentication type", .uint(bytes: 2), values: .ripAuthTypes)
    case .password: .loose("rip.auth.passwd", "Password", .string)
    case .family: .loose("rip.family", "Address Family", .uint(bytes: 2), values: .ripFamilies)
    case .routeTag: .loose("rip.route_tag", "Route Tag", .uint(bytes: 2))
    case .ip: .loose("rip.ip", "IP Address", .ipv4)
    case .netmask: .loose("rip.netmask", "Netmask", .ipv4)
    case .nextHop: .loose("rip.next_hop", "Next Hop", .ipv4)
    case .metric: .loose("rip.metric", "Metric", .uint(bytes: 4))
    }
  }

  static let unspecifiedFamily: UInt16 = 0
  static let ipFamily: UInt16 = 2
  static let authenticationFamily: UInt16 = 0xffff
  static let simplePassword: UInt16 = 2
  static let entryLength = 20

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(command)
    let v2 = try c.fixed(version) == 2
    var offset = 4
    while offset < c.length {
      let kind = try c.uint16(offset)
      if kind == authenticationFamily && v2 {
        let scheme = try c.uint16(offset + 2)
        // Type 1 is the keyed digest's trailing data, which tshark does not
        // type: the digest, of the length the authentication entry gave, ends the message.
        if scheme == 1 { break }
        try c.add(authType, at: offset + 2, 2, value: UInt64(scheme), depth: 2)
        if scheme == simplePassword { try c.add(password, at: offset + 4, 16, depth: 2) }
        try c.check(offset, entryLength)
      } else if kind == unspecifiedFamily || kind == ipFamily {
        try entry(&c, at: offset, family: kind, v2: v2)
      } else {
        try c.check(offset, entryLength)
      }
      offset += entryLength
    }
    return .stop
  }

  /// A route: the address is shown for the IP family only; route tag,
  /// netmask and next hop in RIPv2 only.
  private static func entry(_ c: inout LayerCursor, at offset: Int, family kind: UInt16, v2: Bool)
    throws(DissectionStop)
  {
    try c.check(offset, entryLength)
    try c.add(family, at: offset, 2, value: UInt64(kind), depth: 2)
    if v2 { try c.add(routeTag, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)), depth: 2) }
    if kind == ipFamily { try c.add(ip, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 2) }
    if v2 {
      try c.add(netmask, at: offset + 8, 4, value: UInt64(try c.uint32(offset + 8)), depth: 2)
      try c.add(nextHop, at: offset + 12, 4, value: UInt64(try c.uint32(offset + 12)), depth: 2)
    }
    // Four bytes, as tshark reads them (RFC 2453 says 1 to 16).
    try c.add(metric, at: offset + 16, 4, value: UInt64(try c.uint32(offset + 16)), depth: 2)
  }
}
