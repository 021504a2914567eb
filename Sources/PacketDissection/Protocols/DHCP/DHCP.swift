/// Dynamic Host Configuration Protocol (RFC 2131) and BOOTP (RFC 951):
/// the fixed 236-byte header, the magic cookie, then options (RFC 2132).
/// Options not named below show only their code and length. Option
/// overload (52) moves options into the file and server name fields, which
/// are then read as options where the overload option is, as Wireshark
/// does.
enum DHCP: UInt8, ProtocolModule {
  case item, type, hwType, hwLen, hops, id, secs, flags, flagsBC, flagsReserved, ipClient, ipYour, ipServer,
    ipRelay, hwMacAddr, hwAddr, hwAddrPadding, server, file, cookie, optionType, optionLength, optionPadding,
    optionEnd, optionDHCP, optionSubnetMask, optionRouter, optionTimeServer, optionDomainNameServer,
    optionHostname, optionDomainName, optionBroadcastAddress, optionNTPServer, optionNetBIOSNameServer,
    optionNetBIOSNodeType, optionRequestedIPAddress, optionLeaseTime, optionServerID, optionRequestListItem,
    optionMessage, optionRenewalTime, optionRebindingTime, optionVendorClassID

  static var protocolID: ProtocolID { .dhcp }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 67), Binding(.udpPort, 68)]
  static let headerBits = 240 * 8
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dhcp", "Dynamic Host Configuration Protocol")
    case .type: .uint("dhcp.type", "Message type", at: 0, bytes: 1, abbreviation: "op", values: .dhcpOps)
    case .hwType: .uint("dhcp.hw.type", "Hardware type", at: 1, bytes: 1, base: .hex, abbreviation: "htype")
    case .hwLen: .uint("dhcp.hw.len", "Hardware address length", at: 2, bytes: 1, abbreviation: "hlen")
    case .hops: .uint("dhcp.hops", "Hops", at: 3, bytes: 1)
    case .id: .uint("dhcp.id", "Transaction ID", at: 4, bytes: 4, base: .hex)
    case .secs: .uint("dhcp.secs", "Seconds elapsed", at: 8, bytes: 2)
    case .flags: .uint("dhcp.flags", "Bootp flags", at: 10, bytes: 2, base: .hex)
    case .flagsBC: .flag("dhcp.flags.bc", "Broadcast flag", at: 10, bytes: 2, mask: 0x8000, abbreviation: "B",
      values: .flagLabels(set: "Broadcast", notSet: "Unicast"))
    case .flagsReserved: .uint("dhcp.flags.reserved", "Reserved flags", at: 10, bytes: 2, mask: 0x7fff, base: .hex)
    case .ipClient: .fixed("dhcp.ip.client", "Client IP address", .ipv4, at: 12, bytes: 4)
    case .ipYour: .fixed("dhcp.ip.your", "Your (client) IP address", .ipv4, at: 16, bytes: 4)
    case .ipServer: .fixed("dhcp.ip.server", "Next server IP address", .ipv4, at: 20, bytes: 4)
    case .ipRelay: .fixed("dhcp.ip.relay", "Relay agent IP address", .ipv4, at: 24, bytes: 4)
    case .hwMacAddr: .loose("dhcp.hw.mac_addr", "Client MAC address", .ether)
    // Drawn over the whole 16-byte field; recorded over the bytes the length gives.
    case .hwAddr: .fixed("dhcp.hw.addr", "Client hardware address", .bytes, at: 28, bytes: 16)
    case .hwAddrPadding: .loose("dhcp.hw.addr_padding", "Client hardware address padding", .bytes)
    case .server: .fixed("dhcp.server", "Server host name", .string, at: 44, bytes: 64)
    case .file: .fixed("dhcp.file", "Boot file name", .string, at: 108, bytes: 128)
    case .cookie: .fixed("dhcp.cookie", "Magic cookie", .ipv4, at: 236, bytes: 4)
    case .optionType: .loose("dhcp.option.type", "Option", .uint(bytes: 1), blurb: "0 for the End option, as Wireshark")
    case .optionLength: .loose("dhcp.option.length", "Length", .uint(bytes: 1))
    case .optionPadding: .loose("dhcp.option.padding", "Padding", .bytes)
    case .optionEnd: .loose("dhcp.option.end", "Option End", .uint(bytes: 1))
    case .optionDHCP: .loose("dhcp.option.dhcp", "DHCP", .uint(bytes: 1), values: .dhcpMessageTypes)
    case .optionSubnetMask: .loose("dhcp.option.subnet_mask", "Subnet Mask", .ipv4)
    case .optionRouter: .loose("dhcp.option.router", "Router", .ipv4)
    case .optionTimeServer: .loose("dhcp.option.time_server", "Time Server", .ipv4)
    case .optionDomainNameServer: .loose("dhcp.option.domain_name_server", "Domain Name Server", .ipv4)
    case .optionHostname: .loose("dhcp.option.hostname", "Host Name", .string)
    case .optionDomainName: .loose("dhcp.option.domain_name", "Domain Name", .string)
    case .optionBroadcastAddress: .loose("dhcp.option.broadcast_address", "Broadcast Address", .ipv4)
    case .optionNTPServer: .loose("dhcp.option.ntp_server", "Network Time Protocol Server", .ipv4)
    case .optionNetBIOSNameServer: .loose("dhcp.option.netbios_over_tcpip_name_server", "NetBIOS over TCP/IP Name Server", .ipv4)
    case .optionNetBIOSNodeType: .loose("dhcp.option.netbios_over_tcpip_node_type", "NetBIOS over TCP/IP Node Type", .uint(bytes: 1))
    case .optionRequestedIPAddress: .loose("dhcp.option.requested_ip_address", "Requested IP Address", .ipv4)
    case .optionLeaseTime: .loose("dhcp.option.ip_address_lease_time", "IP Address Lease Time", .uint(bytes: 4), blurb: "Seconds")
    case .optionServerID: .loose("dhcp.option.dhcp_server_id", "DHCP Server Identifier", .ipv4)
    case .optionRequestListItem: .loose("dhcp.option.request_list_item", "Parameter Request List Item", .uint(bytes: 1))
    case .optionMessage: .loose("dhcp.option.message", "Message", .string)
    case .optionRenewalTime: .loose("dhcp.option.renewal_time_value", "Renewal Time Value", .uint(bytes: 4), blurb: "Seconds")
    case .optionRebindingTime: .loose("dhcp.option.rebinding_time_value", "Rebinding Time Value", .uint(bytes: 4), blurb: "Seconds")
    case .optionVendorClassID: .loose("dhcp.option.vendor_class_id", "Vendor class identifier", .string)
    }
  }

  static let magicCookie: UInt32 = 0x6382_5363
  static let optionPad: UInt8 = 0
  static let optionEndCode: UInt8 = 255

  /// Options whose data is a list of IPv4 addresses, by code.
  static func addressList(_ code: UInt8) -> DHCP? {
    switch code {
    case 1: .optionSubnetMask
    case 3: .optionRouter
    case 4: .optionTimeServer
    case 6: .optionDomainNameServer
    case 28: .optionBroadcastAddress
    case 42: .optionNTPServer
    case 44: .optionNetBIOSNameServer
    case 50: .optionRequestedIPAddress
    case 54: .optionServerID
    default: nil
    }
  }

  /// Options whose data is text (up to a NUL), by code.
  static func text(_ code: UInt8) -> DHCP? {
    switch code {
    case 12: .optionHostname
    case 15: .optionDomainName
    case 56: .optionMessage
    case 60: .optionVendorClassID
    default: nil
    }
  }

  /// Options whose data is one 32-bit number, by code.
  static func number(_ code: UInt8) -> DHCP? {
    switch code {
    case 51: .optionLeaseTime
    case 58: .optionRenewalTime
    case 59: .optionRebindingTime
    default: nil
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [type, hwType, hwLen, hops, id, secs, flags] { try c.fixed(field) }
    try c.fixed(flagsBC, depth: 2)
    try c.fixed(flagsReserved, depth: 2)
    for field in [ipClient, ipYour, ipServer, ipRelay] { try c.fixed(field) }
    try hardwareAddress(c)
    // The cookie decides how the fields before it show; a capture cut
    // before it shows what it has.
    let cookieValue = c.capturedLength >= 240 ? try c.uint32(236) : 0
    let overload = cookieValue == magicCookie ? try overloadValue(c) : 0
    if overload & overloadServer == 0 { try text(c, server, at: 44, 64) }
    if overload & overloadFile == 0 { try text(c, file, at: 108, 128) }
    // Without the cookie the rest is BOOTP's vendor area, not shown.
    guard cookieValue == magicCookie else { return .stop }
    try c.add(cookie, at: 236, 4, value: UInt64(cookieValue))
    try options(c, from: 240, to: c.capturedLength, main: true)
    return .stop
  }

  static let overloadFile: UInt8 = 1
  static let overloadServer: UInt8 = 2

  /// The value of the option overload option (52), or 0: found before the
  /// options are shown, since it decides how the fields before them show.
  private static func overloadValue(_ c: LayerCursor) throws(DissectionStop) -> UInt8 {
    var offset = 240
    while offset + 1 < c.capturedLength {
      let code = try c.uint8(offset)
      if code == optionEndCode { return 0 }
      if code == optionPad {
        offset += 1
        continue
      }
      let length = Int(try c.uint8(offset + 1))
      if code == 52 && length == 1 && offset + 2 < c.capturedLength { return try c.uint8(offset + 2) }
      offset += 2 + length
    }
    return 0
  }

  /// The client hardware address: a MAC address and padding for Ethernet,
  /// otherwise the bytes the length gives.
  private static func hardwareAddress(_ c: LayerCursor) throws(DissectionStop) {
    let kind = try c.uint8(1)
    let length = Int(try c.uint8(2))
    if kind == 1 && length == 6 {
      try c.add(hwMacAddr, at: 28, 6)
      try c.add(hwAddrPadding, at: 34, 10)
    } else if length > 0 && length <= 16 {
      try c.add(hwAddr, at: 28, length)
      if length < 16 { try c.add(hwAddrPadding, at: 28 + length, 16 - length) }
    } else {
      try c.add(hwAddr, at: 28, 16)
    }
  }

  /// A fixed-size text field: empty when its first byte is NUL.
  private static func text(_ c: LayerCursor, _ field: DHCP, at offset: Int, _ size: Int) throws(DissectionStop) {
    try c.check(offset, size)
    var bytes: [UInt8] = []
    for i in 0..<size {
      let byte = try c.uint8(offset + i)
      if byte == 0 { break }
      bytes.append(byte)
    }
    c.computed(field, at: offset, size, bytes: bytes)
  }

  /// The options from `start` up to End. In the `main` options (after the
  /// cookie) bytes after End, up to `end`, are padding, and an overload
  /// option is followed into the fields it names; in those fields it is
  /// not (it would loop).
  private static func options(_ c: LayerCursor, from start: Int, to end: Int, main: Bool) throws(DissectionStop) {
    var offset = start
    while offset < end {
      let code = try c.uint8(offset)
      if code == optionEndCode {
        try c.add(optionType, at: offset, 1, value: 0)
        try c.add(optionEnd, at: offset, 1, value: UInt64(code), depth: 2)
        let rest = end - offset - 1
        if main && rest > 0 { try c.add(optionPadding, at: offset + 1, rest) }
        return
      }
      if code == optionPad {
        try c.add(optionType, at: offset, 1, value: 0)
        offset += 1
        continue
      }
      let length = Int(try c.uint8(offset + 1))
      try c.check(offset + 2, length)
      try c.add(optionType, at: offset, 2 + length, value: UInt64(code))
      try c.add(optionLength, at: offset + 1, 1, value: UInt64(length), depth: 2)
      try optionData(c, code: code, at: offset + 2, length, main: main)
      offset += 2 + length
    }
  }

  private static func optionData(
    _ c: LayerCursor, code: UInt8, at offset: Int, _ length: Int, main: Bool
  ) throws(DissectionStop) {
    if let field = addressList(code) {
      var at = offset
      while at + 4 <= offset + length {
        try c.add(field, at: at, 4, value: UInt64(try c.uint32(at)), depth: 2)
        at += 4
      }
    } else if let field = text(code) {
      var bytes: [UInt8] = []
      for i in 0..<length {
        let byte = try c.uint8(offset + i)
        if byte == 0 { break }
        bytes.append(byte)
      }
      c.computed(field, at: offset, length, bytes: bytes, depth: 2)
    } else if let field = number(code), length == 4 {
      try c.add(field, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: 2)
    } else {
      switch code {
      case 53 where length == 1:
        try c.add(optionDHCP, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 2)
      case 52 where length == 1 && main:
        let overload = try c.uint8(offset)
        if overload & overloadFile != 0 { try options(c, from: 108, to: 236, main: false) }
        if overload & overloadServer != 0 { try options(c, from: 44, to: 108, main: false) }
      case 46 where length == 1:
        try c.add(optionNetBIOSNodeType, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 2)
      case 55:
        for i in 0..<length {
          try c.add(optionRequestListItem, at: offset + i, 1, value: UInt64(try c.uint8(offset + i)), depth: 2)
        }
      case 61 where length == 7:
        // A hardware type and address (RFC 2132 section 9.14), shown
        // with the header's fields.
        let kind = try c.uint8(offset)
        guard kind > 0 && kind < 48 else { return }
        try c.add(hwType, at: offset, 1, value: UInt64(kind), depth: 2)
        try c.add(kind == 1 ? hwMacAddr : hwAddr, at: offset + 1, 6, depth: 2)
      default:
        break
      }
    }
  }
}
