import PacketWire

/// Internet Control Message Protocol for IPv6 (RFC 4443), with Neighbor
/// Discovery (RFC 4861) and Multicast Listener Discovery (RFC 2710, RFC 3810).
enum ICMPv6 {
  static let decl = ProtocolDecl(
    .icmpv6, name: "icmpv6", label: "Internet Control Message Protocol v6", level: .transport,
    fields: [
      .uint("icmpv6.type", "Type", at: 0, bytes: 1),
      .uint("icmpv6.code", "Code", at: 1, bytes: 1),
      .uint("icmpv6.checksum", "Checksum", at: 2, bytes: 2, base: .hex),
      .loose("icmpv6.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified"),
      .loose("icmpv6.reserved", "Reserved", .bytes),
      .loose("icmpv6.mtu", "MTU", .uint(bytes: 4)),
      .loose("icmpv6.pointer", "Pointer", .uint(bytes: 4), blurb: "Offset of the erroneous octet in the invoking packet"),
      .loose("icmpv6.echo.identifier", "Identifier", .uint(bytes: 2), base: .hex),
      .loose("icmpv6.echo.sequence_number", "Sequence", .uint(bytes: 2)),
      // Router Advertisement (RFC 4861 section 4.2; flags RFC 4191, RFC 5175).
      .loose("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", .uint(bytes: 1)),
      .loose("icmpv6.nd.ra.flag", "Flags", .uint(bytes: 1), base: .hex),
      .loose("icmpv6.nd.ra.flag.m", "Managed address configuration", .boolean(bytes: 1), mask: 0x80),
      .loose("icmpv6.nd.ra.flag.o", "Other configuration", .boolean(bytes: 1), mask: 0x40),
      .loose("icmpv6.nd.ra.flag.h", "Home Agent", .boolean(bytes: 1), mask: 0x20),
      .loose("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", .uint(bytes: 1), mask: 0x18),
      .loose("icmpv6.nd.ra.flag.p", "Proxy", .boolean(bytes: 1), mask: 0x04),
      .loose("icmpv6.nd.ra.flag.rsv", "Reserved", .uint(bytes: 1), mask: 0x03),
      .loose("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", .uint(bytes: 2)),
      .loose("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", .uint(bytes: 4)),
      .loose("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", .uint(bytes: 4)),
      .loose("icmpv6.nd.ns.target_address", "Target Address", .ipv6),
      .loose("icmpv6.nd.na.flag", "Flags", .uint(bytes: 4), base: .hex),
      .loose("icmpv6.nd.na.flag.r", "Router", .boolean(bytes: 4), mask: 0x8000_0000),
      .loose("icmpv6.nd.na.flag.s", "Solicited", .boolean(bytes: 4), mask: 0x4000_0000),
      .loose("icmpv6.nd.na.flag.o", "Override", .boolean(bytes: 4), mask: 0x2000_0000),
      .loose("icmpv6.nd.na.flag.rsv", "Reserved", .uint(bytes: 4), mask: 0x1fff_ffff),
      .loose("icmpv6.nd.na.target_address", "Target Address", .ipv6),
      .loose("icmpv6.nd.rd.target_address", "Target Address", .ipv6),
      .loose("icmpv6.rd.na.destination_address", "Destination Address", .ipv6),
      // Neighbor Discovery options (RFC 4861 section 4.6).
      .loose("icmpv6.opt.type", "Type", .uint(bytes: 1)),
      .loose("icmpv6.opt.length", "Length", .uint(bytes: 1), blurb: "Option length in 8-octet units"),
      // Wireshark types link-layer addresses as bytes but shows them
      // colon-separated, as Ethernet addresses print.
      .loose("icmpv6.opt.linkaddr", "Link-layer address", .ether),
      .loose("icmpv6.opt.src_linkaddr", "Source Link-layer address", .ether),
      .loose("icmpv6.opt.target_linkaddr", "Target Link-layer address", .ether),
      .loose("icmpv6.opt.prefix.length", "Prefix Length", .uint(bytes: 1)),
      .loose("icmpv6.opt.prefix.flag", "Flag", .uint(bytes: 1), base: .hex),
      .loose("icmpv6.opt.prefix.flag.l", "On-link flag(L)", .boolean(bytes: 1), mask: 0x80),
      .loose("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", .boolean(bytes: 1), mask: 0x40),
      .loose("icmpv6.opt.prefix.flag.r", "Router address flag(R)", .boolean(bytes: 1), mask: 0x20),
      .loose("icmpv6.opt.prefix.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0x1f),
      .loose("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", .uint(bytes: 4), blurb: "Seconds"),
      .loose("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", .uint(bytes: 4), blurb: "Seconds"),
      .loose("icmpv6.opt.prefix", "Prefix", .ipv6),
      .loose("icmpv6.opt.mtu", "MTU", .uint(bytes: 4)),
      // Route Information (RFC 4191 section 2.3).
      .loose("icmpv6.opt.route_info.flag", "Flag", .uint(bytes: 1), base: .hex),
      .loose("icmpv6.opt.route_info.flag.route_preference", "Route Preference", .uint(bytes: 1), mask: 0x18),
      .loose("icmpv6.opt.route_info.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0xe7),
      .loose("icmpv6.opt.route_lifetime", "Route Lifetime", .uint(bytes: 4), blurb: "Seconds"),
      // Recursive DNS Server (RFC 8106 section 5.1).
      .loose("icmpv6.opt.rdnss.lifetime", "Lifetime", .uint(bytes: 4), blurb: "Seconds"),
      .loose("icmpv6.opt.rdnss", "Recursive DNS Servers", .ipv6),
      // Multicast Listener Discovery.
      .loose("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", .uint(bytes: 2)),
      .loose("icmpv6.mld.maximum_response_code", "Maximum Response Code", .uint(bytes: 2)),
      .loose("icmpv6.mld.multicast_address", "Multicast Address", .ipv6),
      .loose("icmpv6.mld.flag", "Flags", .uint(bytes: 1), base: .hex),
      .loose("icmpv6.mld.flag.s", "Suppress Router-Side Processing", .boolean(bytes: 1), mask: 0x08),
      .loose("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", .uint(bytes: 1), mask: 0x07),
      .loose("icmpv6.mld.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0xf0),
      .loose("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", .uint(bytes: 1)),
      .loose("icmpv6.mld.nb_sources", "Number of Sources", .uint(bytes: 2)),
      .loose("icmpv6.mld.source_address", "Source Address", .ipv6),
      .loose("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", .uint(bytes: 2)),
      .loose("icmpv6.mldr.mar.record_type", "Record Type", .uint(bytes: 1)),
      .loose("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", .uint(bytes: 1), blurb: "In 32-bit words"),
      .loose("icmpv6.mldr.mar.nb_sources", "Number of Sources", .uint(bytes: 2)),
      .loose("icmpv6.mldr.mar.multicast_address", "Multicast Address", .ipv6),
      .loose("icmpv6.mldr.mar.source_address", "Source Address", .ipv6),
      .loose("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", .bytes),
    ],
    bindings: [Binding(.ipProto, 58)], headerBits: 32, variablePart: "Message body")

  static let type = FieldID(.icmpv6, 1, "icmpv6.type")
  static let code = FieldID(.icmpv6, 2, "icmpv6.code")
  static let checksum = FieldID(.icmpv6, 3, "icmpv6.checksum")
  static let checksumStatus = FieldID(.icmpv6, 4, "icmpv6.checksum.status")
  static let reserved = FieldID(.icmpv6, 5, "icmpv6.reserved")
  static let mtu = FieldID(.icmpv6, 6, "icmpv6.mtu")
  static let pointer = FieldID(.icmpv6, 7, "icmpv6.pointer")
  static let echoIdentifier = FieldID(.icmpv6, 8, "icmpv6.echo.identifier")
  static let echoSequence = FieldID(.icmpv6, 9, "icmpv6.echo.sequence_number")
  static let raHopLimit = FieldID(.icmpv6, 10, "icmpv6.nd.ra.cur_hop_limit")
  static let raFlags = FieldID(.icmpv6, 11, "icmpv6.nd.ra.flag")
  static let raFlagBits = ["m", "o", "h", "prf", "p", "rsv"].map { decl.field("icmpv6.nd.ra.flag.\($0)") }
  static let raRouterLifetime = FieldID(.icmpv6, 18, "icmpv6.nd.ra.router_lifetime")
  static let raReachableTime = FieldID(.icmpv6, 19, "icmpv6.nd.ra.reachable_time")
  static let raRetransTimer = FieldID(.icmpv6, 20, "icmpv6.nd.ra.retrans_timer")
  static let nsTarget = FieldID(.icmpv6, 21, "icmpv6.nd.ns.target_address")
  static let naFlags = FieldID(.icmpv6, 22, "icmpv6.nd.na.flag")
  static let naFlagBits = ["r", "s", "o", "rsv"].map { decl.field("icmpv6.nd.na.flag.\($0)") }
  static let naTarget = FieldID(.icmpv6, 27, "icmpv6.nd.na.target_address")
  static let rdTarget = FieldID(.icmpv6, 28, "icmpv6.nd.rd.target_address")
  static let rdDestination = FieldID(.icmpv6, 29, "icmpv6.rd.na.destination_address")
  static let optType = FieldID(.icmpv6, 30, "icmpv6.opt.type")
  static let optLength = FieldID(.icmpv6, 31, "icmpv6.opt.length")
  static let optLinkAddr = FieldID(.icmpv6, 32, "icmpv6.opt.linkaddr")
  static let optSourceLinkAddr = FieldID(.icmpv6, 33, "icmpv6.opt.src_linkaddr")
  static let optTargetLinkAddr = FieldID(.icmpv6, 34, "icmpv6.opt.target_linkaddr")
  static let prefixLength = FieldID(.icmpv6, 35, "icmpv6.opt.prefix.length")
  static let prefixFlags = FieldID(.icmpv6, 36, "icmpv6.opt.prefix.flag")
  static let prefixFlagBits = ["l", "a", "r", "reserved"].map { decl.field("icmpv6.opt.prefix.flag.\($0)") }
  static let prefixValid = FieldID(.icmpv6, 41, "icmpv6.opt.prefix.valid_lifetime")
  static let prefixPreferred = FieldID(.icmpv6, 42, "icmpv6.opt.prefix.preferred_lifetime")
  static let prefix = FieldID(.icmpv6, 43, "icmpv6.opt.prefix")
  static let optMTU = FieldID(.icmpv6, 44, "icmpv6.opt.mtu")
  static let routeFlags = FieldID(.icmpv6, 45, "icmpv6.opt.route_info.flag")
  static let routeFlagBits = ["route_preference", "reserved"].map { decl.field("icmpv6.opt.route_info.flag.\($0)") }
  static let routeLifetime = FieldID(.icmpv6, 48, "icmpv6.opt.route_lifetime")
  static let rdnssLifetime = FieldID(.icmpv6, 49, "icmpv6.opt.rdnss.lifetime")
  static let rdnss = FieldID(.icmpv6, 50, "icmpv6.opt.rdnss")
  static let mldDelay = FieldID(.icmpv6, 51, "icmpv6.mld.maximum_response_delay")
  static let mldCode = FieldID(.icmpv6, 52, "icmpv6.mld.maximum_response_code")
  static let mldAddress = FieldID(.icmpv6, 53, "icmpv6.mld.multicast_address")
  static let mldFlags = FieldID(.icmpv6, 54, "icmpv6.mld.flag")
  static let mldFlagBits = ["s", "qrv", "reserved"].map { decl.field("icmpv6.mld.flag.\($0)") }
  static let mldQQI = FieldID(.icmpv6, 58, "icmpv6.mld.qqi")
  static let mldSources = FieldID(.icmpv6, 59, "icmpv6.mld.nb_sources")
  static let mldSource = FieldID(.icmpv6, 60, "icmpv6.mld.source_address")
  static let mldrRecords = FieldID(.icmpv6, 61, "icmpv6.mldr.nb_mcast_records")
  static let marType = FieldID(.icmpv6, 62, "icmpv6.mldr.mar.record_type")
  static let marAuxLength = FieldID(.icmpv6, 63, "icmpv6.mldr.mar.aux_data_len")
  static let marSources = FieldID(.icmpv6, 64, "icmpv6.mldr.mar.nb_sources")
  static let marAddress = FieldID(.icmpv6, 65, "icmpv6.mldr.mar.multicast_address")
  static let marSource = FieldID(.icmpv6, 66, "icmpv6.mldr.mar.source_address")
  static let marAuxData = FieldID(.icmpv6, 67, "icmpv6.mldr.mar.auxiliary_data")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let messageType = try c.fixed(type)
    try c.fixed(code)
    try c.fixed(checksum)
    c.generated(checksumStatus, value: verify(c))
    switch messageType {
    case 1, 3:  // Destination Unreachable, Time Exceeded
      try c.add(reserved, at: 4, 4)
      return invokingPacket(c)
    case 2:  // Packet Too Big
      try c.add(mtu, at: 4, 4, value: UInt64(try c.uint32(4)))
      return invokingPacket(c)
    case 4:  // Parameter Problem
      try c.add(pointer, at: 4, 4, value: UInt64(try c.uint32(4)))
      return invokingPacket(c)
    case 128, 129:  // Echo Request, Echo Reply
      try c.add(echoIdentifier, at: 4, 2, value: UInt64(try c.uint16(4)))
      try c.add(echoSequence, at: 6, 2, value: UInt64(try c.uint16(6)))
      return .data(at: c.start + 8, end: c.end)
    case 130 where c.length >= 28:  // MLDv2 Query
      try mldv2Query(c)
    case 130, 131, 132:  // MLDv1 Query, Report, Done
      try c.add(mldDelay, at: 4, 2, value: UInt64(try c.uint16(4)))
      try c.add(reserved, at: 6, 2)
      try c.add(mldAddress, at: 8, 16)
    case 143:  // MLDv2 Report
      try mldv2Report(c)
    case 133:  // Router Solicitation
      try c.add(reserved, at: 4, 4)
      try options(c, from: 8)
    case 134:  // Router Advertisement
      try routerAdvertisement(c)
      try options(c, from: 16)
    case 135:  // Neighbor Solicitation
      try c.add(reserved, at: 4, 4)
      try c.add(nsTarget, at: 8, 16)
      try options(c, from: 24)
    case 136:  // Neighbor Advertisement
      let flags = UInt64(try c.uint32(4))
      try c.add(naFlags, at: 4, 4, value: flags)
      try bits(c, naFlagBits, at: 4, 4, flags, masks: [0x8000_0000, 0x4000_0000, 0x2000_0000, 0x1fff_ffff])
      try c.add(naTarget, at: 8, 16)
      try options(c, from: 24)
    case 137:  // Redirect
      try c.add(reserved, at: 4, 4)
      try c.add(rdTarget, at: 8, 16)
      try c.add(rdDestination, at: 24, 16)
      try options(c, from: 40)
    default:
      break
    }
    return .stop
  }

  /// The invoking packet an error message quotes, as much as fits.
  private static func invokingPacket(_ c: LayerCursor) -> Next {
    guard c.length > 8 else { return .stop }
    c.nested(.layer(.ipv6, at: c.start + 8, end: c.end))
    return .stop
  }

  /// Records `value`'s bits under a flags field, each as its mask selects.
  private static func bits(
    _ c: LayerCursor, _ fields: [FieldID], at offset: Int, _ count: Int, _ value: UInt64,
    masks: [UInt64]
  ) throws(DissectionStop) {
    for (field, mask) in zip(fields, masks) {
      try c.add(field, at: offset, count, value: (value & mask) >> UInt64(mask.trailingZeroBitCount), depth: 2)
    }
  }

  private static func routerAdvertisement(_ c: LayerCursor) throws(DissectionStop) {
    try c.add(raHopLimit, at: 4, 1, value: UInt64(try c.uint8(4)))
    let flags = UInt64(try c.uint8(5))
    try c.add(raFlags, at: 5, 1, value: flags)
    try bits(c, raFlagBits, at: 5, 1, flags, masks: [0x80, 0x40, 0x20, 0x18, 0x04, 0x03])
    try c.add(raRouterLifetime, at: 6, 2, value: UInt64(try c.uint16(6)))
    try c.add(raReachableTime, at: 8, 4, value: UInt64(try c.uint32(8)))
    try c.add(raRetransTimer, at: 12, 4, value: UInt64(try c.uint32(12)))
  }

  /// MLDv2 Query (RFC 3810 section 5.1).
  private static func mldv2Query(_ c: LayerCursor) throws(DissectionStop) {
    try c.add(mldCode, at: 4, 2, value: UInt64(try c.uint16(4)))
    try c.add(reserved, at: 6, 2)
    try c.add(mldAddress, at: 8, 16)
    let flags = UInt64(try c.uint8(24))
    try c.add(mldFlags, at: 24, 1, value: flags)
    try bits(c, mldFlagBits, at: 24, 1, flags, masks: [0x08, 0x07, 0xf0])
    try c.add(mldQQI, at: 25, 1, value: UInt64(try c.uint8(25)))
    let sources = Int(try c.uint16(26))
    try c.add(mldSources, at: 26, 2, value: UInt64(sources))
    for index in 0..<sources { try c.add(mldSource, at: 28 + index * 16, 16) }
  }

  /// MLDv2 Report (RFC 3810 section 5.2): multicast address records.
  private static func mldv2Report(_ c: LayerCursor) throws(DissectionStop) {
    try c.add(reserved, at: 4, 2)
    let records = Int(try c.uint16(6))
    try c.add(mldrRecords, at: 6, 2, value: UInt64(records))
    var offset = 8
    for _ in 0..<records {
      try c.add(marType, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 2)
      let auxWords = Int(try c.uint8(offset + 1))
      try c.add(marAuxLength, at: offset + 1, 1, value: UInt64(auxWords), depth: 2)
      let sources = Int(try c.uint16(offset + 2))
      try c.add(marSources, at: offset + 2, 2, value: UInt64(sources), depth: 2)
      try c.add(marAddress, at: offset + 4, 16, depth: 2)
      offset += 20
      for _ in 0..<sources {
        try c.add(marSource, at: offset, 16, depth: 2)
        offset += 16
      }
      if auxWords > 0 { try c.add(marAuxData, at: offset, auxWords * 4, depth: 2) }
      offset += auxWords * 4
    }
  }

  /// Neighbor Discovery options from `start` to the end of the message.
  private static func options(_ c: LayerCursor, from start: Int) throws(DissectionStop) {
    var offset = start
    while offset < c.length {
      let optionType = try c.uint8(offset)
      try c.add(optType, at: offset, 1, value: UInt64(optionType), depth: 2)
      let units = Int(try c.uint8(offset + 1))
      try c.add(optLength, at: offset + 1, 1, value: UInt64(units), depth: 2)
      // A zero length would never advance (RFC 4861 section 4.6: discard).
      guard units > 0 else { throw .malformed }
      let length = units * 8
      switch (optionType, length) {
      case (1, 8), (2, 8):  // Source/Target Link-layer Address
        try c.add(optLinkAddr, at: offset + 2, 6, depth: 2)
        try c.add(optionType == 1 ? optSourceLinkAddr : optTargetLinkAddr, at: offset + 2, 6, depth: 2, flags: .hidden)
      case (3, 32):  // Prefix Information
        try c.add(prefixLength, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)), depth: 2)
        let flags = UInt64(try c.uint8(offset + 3))
        try c.add(prefixFlags, at: offset + 3, 1, value: flags, depth: 2)
        try bits(c, prefixFlagBits, at: offset + 3, 1, flags, masks: [0x80, 0x40, 0x20, 0x1f])
        try c.add(prefixValid, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 2)
        try c.add(prefixPreferred, at: offset + 8, 4, value: UInt64(try c.uint32(offset + 8)), depth: 2)
        try c.add(prefix, at: offset + 16, 16, depth: 2)
      case (4, _):  // Redirected Header: reserved, then the redirected packet.
        if length > 8 {
          try c.check(offset + 8, 1)
          c.nested(.layer(.ipv6, at: c.start + offset + 8, end: c.start + offset + length))
        }
      case (5, 8):  // MTU
        try c.add(optMTU, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 2)
      case (24, 8...24):  // Route Information: a prefix of 0, 8 or 16 octets.
        try c.add(prefixLength, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)), depth: 2)
        let flags = UInt64(try c.uint8(offset + 3))
        try c.add(routeFlags, at: offset + 3, 1, value: flags, depth: 2)
        try bits(c, routeFlagBits, at: offset + 3, 1, flags, masks: [0x18, 0xe7])
        try c.add(routeLifetime, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 2)
        let prefixBytes = length - 8
        if prefixBytes > 0 {
          try c.check(offset + 8, prefixBytes)
          var padded = c.packet.slice(c.start + offset + 8, prefixBytes).copyBytes()
          padded += [UInt8](repeating: 0, count: 16 - prefixBytes)
          c.computed(prefix, at: offset + 8, prefixBytes, bytes: padded, depth: 2)
        }
      case (25, 24...):  // Recursive DNS Server: reserved, lifetime, addresses.
        try c.add(rdnssLifetime, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 2)
        for address in stride(from: offset + 8, to: offset + length - 15, by: 16) {
          try c.add(rdnss, at: address, 16, depth: 2)
        }
      default:
        break
      }
      offset += length
    }
  }

  /// Verifies the checksum over the IPv6 pseudo-header and the whole
  /// message (RFC 4443 section 2.3): 1 good, 0 bad, 2 when it cannot be
  /// checked (message not all captured, or no IPv6 header before it).
  private static func verify(_ c: LayerCursor) -> UInt64 {
    guard c.capturedLength == c.length,
      let addresses = IPv6.pseudoHeaderAddresses(before: c.start, in: c.dissection)
    else { return 2 }
    var sum: UInt64 = 0
    func add(_ bytes: ByteView) {
      var i = 0
      while i + 1 < bytes.count {
        sum &+= UInt64(bytes.byte(i)) << 8 | UInt64(bytes.byte(i + 1))
        i += 2
      }
      if i < bytes.count { sum &+= UInt64(bytes.byte(i)) << 8 }
    }
    add(addresses.source)
    add(addresses.destination)
    let length = UInt64(c.length)
    sum &+= (length >> 16) + (length & 0xffff) + 58
    add(c.bytes)
    while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
    return sum == 0xffff ? 1 : 0
  }
}
