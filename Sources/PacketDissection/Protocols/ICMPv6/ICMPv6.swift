import PacketWire

/// Internet Control Message Protocol for IPv6 (RFC 4443), with Neighbor
/// Discovery (RFC 4861) and Multicast Listener Discovery (RFC 2710, RFC 3810).
enum ICMPv6: UInt8, ProtocolModule {
  case item, type, code, checksum, checksumStatus, reserved, mtu, pointer, echoIdentifier, echoSequence, raHopLimit,
    raFlags, raFlagM, raFlagO, raFlagH, raFlagPrf, raFlagP, raFlagRsv, raRouterLifetime, raReachableTime,
    raRetransTimer, nsTarget, naFlags, naFlagR, naFlagS, naFlagO, naFlagRsv, naTarget, rdTarget,
    rdDestination, optType, optLength, optLinkAddr, optSourceLinkAddr, optTargetLinkAddr, prefixLength, prefixFlags,
    prefixFlagL, prefixFlagA, prefixFlagR, prefixFlagReserved, prefixValid, prefixPreferred, prefix,
    optMTU, routeFlags, routeFlagRoutePreference, routeFlagReserved, routeLifetime, rdnssLifetime,
    rdnss, mldDelay, mldCode, mldAddress, mldFlags, mldFlagS, mldFlagQrv, mldFlagReserved, mldQQI, mldSources,
    mldSource, mldrRecords, marType, marAuxLength, marSources, marAddress, marSource, marAuxData, teredoNonce

  static var protocolID: ProtocolID { .icmpv6 }
  static var level: LayerLevel { .transport }
  // Router Advertisement (RFC 4861 section 4.2; flags RFC 4191, RFC 5175).
  // Neighbor Discovery options (RFC 4861 section 4.6).
  // Wireshark types link-layer addresses as bytes but shows them
  // colon-separated, as Ethernet addresses print.
  // Route Information (RFC 4191 section 2.3).
  // Recursive DNS Server (RFC 8106 section 5.1).
  // Multicast Listener Discovery.
  static let bindings: [Binding] = [Binding(.ipProto, 58)]
  static let headerBits = 32
  static let variablePart: String? = "Message body"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("icmpv6", "Internet Control Message Protocol v6")
    case .type: .uint("icmpv6.type", "Type", at: 0, bytes: 1, values: .icmpv6Types, kernel: .fixed(after: 1))
    // A code means something only under its type: ICMPv6Names.code(type:code:).
    case .code: .uint("icmpv6.code", "Code", at: 1, bytes: 1, kernel: .fixed(after: 2))
    case .checksum: .uint("icmpv6.checksum", "Checksum", at: 2, bytes: 2, base: .hex, kernel: .fixed(after: 4))
    case .checksumStatus: .loose("icmpv6.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified", values: .checksumStatus)
    case .reserved: .loose("icmpv6.reserved", "Reserved", .bytes)
    case .mtu: .loose("icmpv6.mtu", "MTU", .uint(bytes: 4))
    case .pointer: .loose("icmpv6.pointer", "Pointer", .uint(bytes: 4), blurb: "Offset of the erroneous octet in the invoking packet")
    case .echoIdentifier: .loose("icmpv6.echo.identifier", "Identifier", .uint(bytes: 2), base: .hex)
    case .echoSequence: .loose("icmpv6.echo.sequence_number", "Sequence", .uint(bytes: 2))
    case .teredoNonce: .loose("icmpv6.nonce", "Nonce", .bytes)
    case .raHopLimit: .loose("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", .uint(bytes: 1))
    case .raFlags: .loose("icmpv6.nd.ra.flag", "Flags", .uint(bytes: 1), base: .hex)
    case .raFlagM: .loose("icmpv6.nd.ra.flag.m", "Managed address configuration", .boolean(bytes: 1), mask: 0x80)
    case .raFlagO: .loose("icmpv6.nd.ra.flag.o", "Other configuration", .boolean(bytes: 1), mask: 0x40)
    case .raFlagH: .loose("icmpv6.nd.ra.flag.h", "Home Agent", .boolean(bytes: 1), mask: 0x20)
    case .raFlagPrf: .loose("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", .uint(bytes: 1), mask: 0x18)
    case .raFlagP: .loose("icmpv6.nd.ra.flag.p", "Proxy", .boolean(bytes: 1), mask: 0x04)
    case .raFlagRsv: .loose("icmpv6.nd.ra.flag.rsv", "Reserved", .uint(bytes: 1), mask: 0x03)
    case .raRouterLifetime: .loose("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", .uint(bytes: 2))
    case .raReachableTime: .loose("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", .uint(bytes: 4))
    case .raRetransTimer: .loose("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", .uint(bytes: 4))
    case .nsTarget: .loose("icmpv6.nd.ns.target_address", "Target Address", .ipv6)
    case .naFlags: .loose("icmpv6.nd.na.flag", "Flags", .uint(bytes: 4), base: .hex)
    case .naFlagR: .loose("icmpv6.nd.na.flag.r", "Router", .boolean(bytes: 4), mask: 0x8000_0000)
    case .naFlagS: .loose("icmpv6.nd.na.flag.s", "Solicited", .boolean(bytes: 4), mask: 0x4000_0000)
    case .naFlagO: .loose("icmpv6.nd.na.flag.o", "Override", .boolean(bytes: 4), mask: 0x2000_0000)
    case .naFlagRsv: .loose("icmpv6.nd.na.flag.rsv", "Reserved", .uint(bytes: 4), mask: 0x1fff_ffff)
    case .naTarget: .loose("icmpv6.nd.na.target_address", "Target Address", .ipv6)
    case .rdTarget: .loose("icmpv6.nd.rd.target_address", "Target Address", .ipv6)
    case .rdDestination: .loose("icmpv6.rd.na.destination_address", "Destination Address", .ipv6)
    case .optType: .loose("icmpv6.opt.type", "Type", .uint(bytes: 1))
    case .optLength: .loose("icmpv6.opt.length", "Length", .uint(bytes: 1), blurb: "Option length in 8-octet units")
    case .optLinkAddr: .loose("icmpv6.opt.linkaddr", "Link-layer address", .ether)
    case .optSourceLinkAddr: .loose("icmpv6.opt.src_linkaddr", "Source Link-layer address", .ether)
    case .optTargetLinkAddr: .loose("icmpv6.opt.target_linkaddr", "Target Link-layer address", .ether)
    case .prefixLength: .loose("icmpv6.opt.prefix.length", "Prefix Length", .uint(bytes: 1))
    case .prefixFlags: .loose("icmpv6.opt.prefix.flag", "Flag", .uint(bytes: 1), base: .hex)
    case .prefixFlagL: .loose("icmpv6.opt.prefix.flag.l", "On-link flag(L)", .boolean(bytes: 1), mask: 0x80)
    case .prefixFlagA: .loose("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", .boolean(bytes: 1), mask: 0x40)
    case .prefixFlagR: .loose("icmpv6.opt.prefix.flag.r", "Router address flag(R)", .boolean(bytes: 1), mask: 0x20)
    case .prefixFlagReserved: .loose("icmpv6.opt.prefix.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0x1f)
    case .prefixValid: .loose("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", .uint(bytes: 4), blurb: "Seconds")
    case .prefixPreferred: .loose("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", .uint(bytes: 4), blurb: "Seconds")
    case .prefix: .loose("icmpv6.opt.prefix", "Prefix", .ipv6)
    case .optMTU: .loose("icmpv6.opt.mtu", "MTU", .uint(bytes: 4))
    case .routeFlags: .loose("icmpv6.opt.route_info.flag", "Flag", .uint(bytes: 1), base: .hex)
    case .routeFlagRoutePreference: .loose("icmpv6.opt.route_info.flag.route_preference", "Route Preference", .uint(bytes: 1), mask: 0x18)
    case .routeFlagReserved: .loose("icmpv6.opt.route_info.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0xe7)
    case .routeLifetime: .loose("icmpv6.opt.route_lifetime", "Route Lifetime", .uint(bytes: 4), blurb: "Seconds")
    case .rdnssLifetime: .loose("icmpv6.opt.rdnss.lifetime", "Lifetime", .uint(bytes: 4), blurb: "Seconds")
    case .rdnss: .loose("icmpv6.opt.rdnss", "Recursive DNS Servers", .ipv6)
    case .mldDelay: .loose("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", .uint(bytes: 2))
    case .mldCode: .loose("icmpv6.mld.maximum_response_code", "Maximum Response Code", .uint(bytes: 2))
    case .mldAddress: .loose("icmpv6.mld.multicast_address", "Multicast Address", .ipv6)
    case .mldFlags: .loose("icmpv6.mld.flag", "Flags", .uint(bytes: 1), base: .hex)
    case .mldFlagS: .loose("icmpv6.mld.flag.s", "Suppress Router-Side Processing", .boolean(bytes: 1), mask: 0x08)
    case .mldFlagQrv: .loose("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", .uint(bytes: 1), mask: 0x07)
    case .mldFlagReserved: .loose("icmpv6.mld.flag.reserved", "Reserved", .uint(bytes: 1), mask: 0xf0)
    case .mldQQI: .loose("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", .uint(bytes: 1))
    case .mldSources: .loose("icmpv6.mld.nb_sources", "Number of Sources", .uint(bytes: 2))
    case .mldSource: .loose("icmpv6.mld.source_address", "Source Address", .ipv6)
    case .mldrRecords: .loose("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", .uint(bytes: 2))
    case .marType: .loose("icmpv6.mldr.mar.record_type", "Record Type", .uint(bytes: 1))
    case .marAuxLength: .loose("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", .uint(bytes: 1), blurb: "In 32-bit words")
    case .marSources: .loose("icmpv6.mldr.mar.nb_sources", "Number of Sources", .uint(bytes: 2))
    case .marAddress: .loose("icmpv6.mldr.mar.multicast_address", "Multicast Address", .ipv6)
    case .marSource: .loose("icmpv6.mldr.mar.source_address", "Source Address", .ipv6)
    case .marAuxData: .loose("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", .bytes)
    }
  }

  static let raFlagBits: [ICMPv6] = [.raFlagM, .raFlagO, .raFlagH, .raFlagPrf, .raFlagP, .raFlagRsv]
  static let naFlagBits: [ICMPv6] = [.naFlagR, .naFlagS, .naFlagO, .naFlagRsv]
  static let prefixFlagBits: [ICMPv6] = [.prefixFlagL, .prefixFlagA, .prefixFlagR, .prefixFlagReserved]
  static let routeFlagBits: [ICMPv6] = [.routeFlagRoutePreference, .routeFlagReserved]
  static let mldFlagBits: [ICMPv6] = [.mldFlagS, .mldFlagQrv, .mldFlagReserved]

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
      // Teredo's Direct IPv6 Connectivity Test (RFC 4380, 5.2.9): an echo
      // request to Teredo's port starts with a nonce.
      if messageType == 128, toTeredoPort(c) {
        try c.add(teredoNonce, at: 8, 4)
        return .data(at: c.start + 12, end: c.end)
      }
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
  /// Whether the nearest UDP datagram around this message is sent to
  /// Teredo's port (Wireshark asks the packet's destination port).
  private static func toTeredoPort(_ c: LayerCursor) -> Bool {
    guard let udp = c.dissection.layers.last(where: { $0.protocolID == .udp && $0.start < c.start }) else { return false }
    return c.dissection.packet.uint16(at: udp.start + 2) == UInt16(Teredo.port)
  }

  private static func invokingPacket(_ c: LayerCursor) -> Next {
    guard c.length > 8 else { return .stop }
    c.nested(.layer(.ipv6, at: c.start + 8, end: c.end))
    return .stop
  }

  /// Records `value`'s bits under a flags field, each as its mask selects.
  private static func bits(
    _ c: LayerCursor, _ fields: [ICMPv6], at offset: Int, _ count: Int, _ value: UInt64,
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
