/// DHCP for IPv6 (RFC 8415) on UDP ports 546 and 547, as Wireshark 4.0
/// shows it: the message type and transaction ID (or a relay's hop count
/// and addresses), then each option's code and length and the fields of
/// the common options: DUIDs, identity associations and their addresses
/// and prefixes, the option request, preference, elapsed time, status,
/// DNS servers. A relay message option holds a whole message, read the
/// same way.
enum DHCPv6: UInt8, ProtocolModule {
  case item, msgType, hopCount, linkAddress, peerAddress, transactionID, optionType, optionLength, duid, duidType,
    duidLLTHardwareType, duidLLTTime, duidLLTLinkLayerAddress, duidLLHardwareType, duidLLLinkLayerAddress,
    duidENEnterprise, duidENIdentifier, iaid, iata, iaT1, iaT2, iaAddress, iaPreferredLifetime, iaValidLifetime,
    requestedOption, preference, elapsedTime, serverUnicast, statusCode, statusMessage, interfaceID,
    reconfigureMessage, dnsServer, prefixPreferredLifetime, prefixValidLifetime, prefixLength, prefixAddress

  static var protocolID: ProtocolID { .dhcpv6 }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 546), Binding(.udpPort, 547)]
  static let headerBits = 4 * 8
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dhcpv6", "DHCPv6")
    case .msgType: .uint("dhcpv6.msgtype", "Message type", at: 0, bytes: 1, values: .dhcpv6MessageTypes)
    case .hopCount: .loose("dhcpv6.hopcount", "Hopcount", .uint(bytes: 1))
    case .linkAddress: .loose("dhcpv6.linkaddr", "Link address", .ipv6)
    case .peerAddress: .loose("dhcpv6.peeraddr", "Peer address", .ipv6)
    case .transactionID: .uint("dhcpv6.xid", "Transaction ID", at: 1, bytes: 3, base: .hex)
    case .optionType: .loose("dhcpv6.option.type", "Option", .uint(bytes: 2), values: .dhcpv6Options)
    case .optionLength: .loose("dhcpv6.option.length", "Length", .uint(bytes: 2))
    case .duid: .loose("dhcpv6.duid.bytes", "DUID", .bytes)
    case .duidType: .loose("dhcpv6.duid.type", "DUID Type", .uint(bytes: 2), values: .dhcpv6DUIDTypes)
    case .duidLLTHardwareType: .loose("dhcpv6.duidllt.hwtype", "Hardware type", .uint(bytes: 2), values: .arpHardwareTypes)
    case .duidLLTTime: .loose("dhcpv6.duidllt.time", "DUID Time", .absoluteTime)
    case .duidLLTLinkLayerAddress: .loose("dhcpv6.duidllt.link_layer_addr", "Link-layer address", .string)
    case .duidLLHardwareType: .loose("dhcpv6.duidll.hwtype", "Hardware type", .uint(bytes: 2), values: .arpHardwareTypes)
    case .duidLLLinkLayerAddress: .loose("dhcpv6.duidll.link_layer_addr", "Link-layer address", .string)
    case .duidENEnterprise: .loose("dhcpv6.duiden.enterprise", "Enterprise ID", .uint(bytes: 4))
    case .duidENIdentifier: .loose("dhcpv6.duiden.identifier", "Identifier", .bytes)
    case .iaid: .loose("dhcpv6.iaid", "IAID", .string)
    case .iata: .loose("dhcpv6.iata", "IATA", .string)
    case .iaT1: .loose("dhcpv6.iaid.t1", "T1", .uint(bytes: 4))
    case .iaT2: .loose("dhcpv6.iaid.t2", "T2", .uint(bytes: 4))
    case .iaAddress: .loose("dhcpv6.iaaddr.ip", "IPv6 address", .ipv6)
    case .iaPreferredLifetime: .loose("dhcpv6.iaaddr.pref_lifetime", "Preferred lifetime", .uint(bytes: 4))
    case .iaValidLifetime: .loose("dhcpv6.iaaddr.valid_lifetime", "Valid lifetime", .uint(bytes: 4))
    case .requestedOption:
      .loose("dhcpv6.requested_option_code", "Requested Option code", .uint(bytes: 2), values: .dhcpv6Options)
    case .preference: .loose("dhcpv6.option_preference", "Pref-value", .uint(bytes: 1))
    case .elapsedTime:
      .loose("dhcpv6.elapsed_time", "Elapsed time", .uint(bytes: 2), blurb: "Milliseconds (the option counts hundredths of a second)")
    case .serverUnicast: .loose("dhcpv6.unicast", "IPv6 address", .ipv6)
    case .statusCode: .loose("dhcpv6.status_code", "Status Code", .uint(bytes: 2), values: .dhcpv6StatusCodes)
    case .statusMessage: .loose("dhcpv6.status_msg", "Status Message", .string)
    case .interfaceID: .loose("dhcpv6.interface_id", "Interface-ID", .bytes)
    case .reconfigureMessage: .loose("dhcpv6.reconf_msg", "Reconfigure message type", .uint(bytes: 1), values: .dhcpv6MessageTypes)
    case .dnsServer: .loose("dhcpv6.dns_server", "DNS server address", .ipv6)
    case .prefixPreferredLifetime: .loose("dhcpv6.iaprefix.pref_lifetime", "Preferred lifetime", .uint(bytes: 4))
    case .prefixValidLifetime: .loose("dhcpv6.iaprefix.valid_lifetime", "Valid lifetime", .uint(bytes: 4))
    case .prefixLength: .loose("dhcpv6.iaprefix.pref_len", "Prefix length", .uint(bytes: 1))
    case .prefixAddress: .loose("dhcpv6.iaprefix.pref_addr", "Prefix address", .ipv6)
    }
  }

  static let relayForward: UInt8 = 12
  static let relayReply: UInt8 = 13
  /// Relay messages nest; deeper ones are left undissected.
  static let maximumNesting = 8

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try message(c, at: 0, end: c.length, depth: 1, nesting: 0)
    return .stop
  }

  /// One message from `start` to `end`: its header, then its options.
  static func message(_ c: LayerCursor, at start: Int, end: Int, depth: UInt8, nesting: Int) throws(DissectionStop) {
    let type = try c.uint8(start)
    try c.add(msgType, at: start, 1, value: UInt64(type), depth: depth)
    var offset = start + 1
    if type == relayForward || type == relayReply {
      try c.add(hopCount, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: depth)
      try c.add(linkAddress, at: offset + 1, 16, depth: depth)
      try c.add(peerAddress, at: offset + 17, 16, depth: depth)
      offset += 33
    } else {
      try c.add(transactionID, at: offset, 3, value: try c.uint(offset, 3), depth: depth)
      offset += 3
    }
    try DHCPv6Options(c: c, nesting: nesting).walk(from: offset, to: end, depth: depth)
  }
}
