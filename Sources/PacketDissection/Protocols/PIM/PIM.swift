/// Protocol Independent Multicast version 2 (RFC 7761), IP protocol 103:
/// the header; a Hello's options (type, length, and the values of hold
/// time, LAN prune delay, DR priority, generation ID and state refresh);
/// a Register's flags and the multicast packet it carries, which Wireshark
/// shows under PIM's columns; the start of a Join/Prune, Graft or
/// Graft-Ack (upstream neighbor, group count, hold time); a Register-Stop's
/// group and source; a Bootstrap's
/// BSR, groups and candidate RPs, and a Candidate-RP-Advertisement's RP
/// and groups, their encoded addresses taken apart as Wireshark 4.0 does.
/// Other messages' bodies, and a Join/Prune's groups and sources, are not.
enum PIM: UInt8, ProtocolModule {
  case item, version, type, reserved, dfSubtype, dfReserved, checksum, optionType, optionLength, optionValue,
    holdTime, lanPruneTBit, propagationDelay, overrideInterval, drPriority, generationID, stateRefreshVersion,
    stateRefreshInterval, stateRefreshReserved, registerFlags, border, nullRegister, ipVersion, upstreamNeighbor,
    upstreamNeighborIPv6, groupCount, fragmentTag, hashMaskLength, bsrPriority, bsr, bsrIPv6, group, groupIPv6,
    rpCount, frpCount, rp, rpIPv6, priority, prefixCount, addressFamily, encodingType, unicast, unicastIPv6,
    groupFlags, groupFlagBidirectional, groupFlagReserved, groupFlagAdminScope, maskLength, source, sourceIPv6,
    igmpType, code, mode, groupAddress, groupMask, rpt, metricPreference, metric

  static var protocolID: ProtocolID { .pim }
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.ipProto, 103)]
  static let headerBits = 32
  static var variablePart: String? { "Message" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pim", "Protocol Independent Multicast")
    case .version: .uint("pim.version", "Version", at: 0, bytes: 1, mask: 0xf0)
    case .type: .uint("pim.type", "Type", at: 0, bytes: 1, mask: 0x0f, values: .pimTypes)
    case .reserved: .fixed("pim.res_bytes", "Reserved byte(s)", .bytes, at: 1, bytes: 1)
    case .dfSubtype: .loose("pim.df_elect.subtype", "DF Subtype", .uint(bytes: 1), mask: 0xf0, values: .pimDFSubtypes)
    case .dfReserved: .loose("pim.df_elect.rsvd", "DF reserved", .uint(bytes: 1), mask: 0x0f)
    case .checksum: .uint("pim.cksum", "Checksum", at: 2, bytes: 2, base: .hex)
    case .optionType: .loose("pim.optiontype", "Type", .uint(bytes: 2))
    case .optionLength: .loose("pim.optionlength", "Length", .uint(bytes: 2))
    case .optionValue: .loose("pim.optionvalue", "Unknown", .bytes)
    case .holdTime: .loose("pim.holdtime", "Holdtime", .uint(bytes: 2), blurb: "The amount of time a receiver must keep the neighbor reachable, in seconds.")
    case .lanPruneTBit: .loose("pim.t", "T", .boolean(bytes: 1), mask: 0x80)
    case .propagationDelay: .loose("pim.propagation_delay", "Propagation Delay", .uint(bytes: 2), mask: 0x7fff)
    case .overrideInterval: .loose("pim.override_interval", "Override Interval", .uint(bytes: 2))
    case .drPriority: .loose("pim.dr_priority", "DR Priority", .uint(bytes: 4))
    case .generationID: .loose("pim.generation_id", "Generation ID", .uint(bytes: 4))
    case .stateRefreshVersion: .loose("pim.state_refresh_version", "Version", .uint(bytes: 1))
    case .stateRefreshInterval: .loose("pim.state_refresh_interval", "Interval", .uint(bytes: 1))
    case .stateRefreshReserved: .loose("pim.state_refresh_reserved", "Reserved", .uint(bytes: 2))
    case .registerFlags: .loose("pim.register_flag", "Flags", .uint(bytes: 4), base: .hex)
    case .border: .loose("pim.register_flag.border", "Border", .boolean(bytes: 4), mask: 0x8000_0000, values: .pimYesNo)
    case .nullRegister:
      .loose("pim.register_flag.null_register", "Null-Register", .boolean(bytes: 4), mask: 0x4000_0000, values: .pimYesNo)
    case .ipVersion: .loose("pim.ip_version", "IP Version", .uint(bytes: 1), mask: 0xf0, values: .pimIPVersions)
    case .upstreamNeighbor: .loose("pim.upstream_neighbor", "Upstream-neighbor", .ipv4)
    case .upstreamNeighborIPv6: .loose("pim.upstream_neighbor_ip6", "Upstream-neighbor", .ipv6)
    case .groupCount: .loose("pim.numgroups", "Num Groups", .uint(bytes: 2))
    case .fragmentTag: .loose("pim.fragment_tag", "Fragment tag", .uint(bytes: 2), base: .hex)
    case .hashMaskLength: .loose("pim.hash_mask_len", "Hash mask len", .uint(bytes: 1))
    case .bsrPriority: .loose("pim.bsr_priority", "BSR priority", .uint(bytes: 1))
    case .bsr: .loose("pim.bsr", "BSR", .ipv4)
    case .bsrIPv6: .loose("pim.bsr_ip6", "BSR", .ipv6)
    case .group: .loose("pim.group", "Group", .ipv4)
    case .groupIPv6: .loose("pim.group_ip6", "Group", .ipv6)
    case .rpCount: .loose("pim.rp_count", "RP count", .uint(bytes: 1))
    case .frpCount: .loose("pim.frp_count", "FRP count", .uint(bytes: 1))
    case .rp: .loose("pim.rp", "RP", .ipv4)
    case .rpIPv6: .loose("pim.rp_ip6", "RP", .ipv6)
    case .priority: .loose("pim.priority", "Priority", .uint(bytes: 1))
    case .prefixCount: .loose("pim.prefix_count", "Prefix-count", .uint(bytes: 1))
    case .addressFamily: .loose("pim.addr_address_family", "Address Family", .uint(bytes: 1), values: .pimAddressFamilies)
    case .encodingType: .loose("pim.addr_encoding_type", "Encoding Type", .uint(bytes: 1), values: .pimEncodingTypes)
    case .unicast: .loose("pim.unicast", "Unicast", .ipv4)
    case .unicastIPv6: .loose("pim.unicast_ipv6", "Unicast", .ipv6)
    case .groupFlags: .loose("pim.group_addr.flags", "Flags", .uint(bytes: 1), base: .hex)
    case .groupFlagBidirectional: .loose("pim.group_addr.flags.b", "Bidirectional PIM", .boolean(bytes: 1), mask: 0x80)
    case .groupFlagReserved: .loose("pim.group_addr.flags.reserved", "Reserved", .uint(bytes: 1), base: .hex, mask: 0x7e)
    case .groupFlagAdminScope: .loose("pim.group_addr.flags.z", "Admin Scope Zone", .boolean(bytes: 1), mask: 0x01)
    case .maskLength: .loose("pim.mask_len", "Masklen", .uint(bytes: 1))
    case .source: .loose("pim.source", "Source", .ipv4)
    case .sourceIPv6: .loose("pim.source_ip6", "Source", .ipv6)
    case .igmpType: .loose("pim.igmp_type", "Type", .string)
    case .code: .loose("pim.code", "Code", .uint(bytes: 1), values: .pimVersion1Codes)
    case .mode: .loose("pim.mode", "Mode", .uint(bytes: 1), mask: 0xf0, values: .pimModes)
    case .groupAddress: .loose("pim.group_address", "Group Address", .ipv4)
    case .groupMask: .loose("pim.group_mask", "Mask", .ipv4)
    case .rpt: .loose("pim.rpt", "RP Tree", .boolean(bytes: 1), mask: 0x80)
    case .metricPreference: .loose("pim.metric_pref", "Metric Preference", .uint(bytes: 4), mask: 0x7fff_ffff)
    case .metric: .loose("pim.metric", "Metric", .uint(bytes: 4))
    }
  }

  static let hello: UInt64 = 0, register: UInt64 = 1, registerStop: UInt64 = 2, joinPrune: UInt64 = 3, bootstrap: UInt64 = 4, graft: UInt64 = 6
  static let graftAck: UInt64 = 7, candidateRPAdvertisement: UInt64 = 8
  static let dfElection: UInt64 = 10

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let layers = c.dissection.layers
    if layers.count >= 2, layers[layers.count - 2].protocolID == .igmp { return try PIMVersion1.dissect(c) }
    // An empty payload (a Register's carried header alone): Wireshark's
    // IPv4 hands it to no dissector, its IPv6 to PIM, which shows nothing.
    guard c.length > 0 else {
      let layers = c.dissection.layers
      c.withdrawn = layers.count < 2 || layers[layers.count - 2].protocolID != .ipv6
      return .stop
    }
    let pimVersion = try c.fixed(version)
    let message = try c.fixed(type)
    if message == dfElection {
      let byte = UInt64(try c.uint8(1))
      try c.add(dfSubtype, at: 1, 1, value: byte >> 4)
      try c.add(dfReserved, at: 1, 1, value: byte & 0x0f)
    } else {
      try c.fixed(reserved)
    }
    try c.fixed(checksum)
    guard pimVersion == 2, c.length > 4 else { return .stop }
    switch message {
    case hello: try options(&c)
    case register: return try registered(&c)
    case joinPrune, graft, graftAck: try joins(&c)
    case registerStop: try PIMBootstrap.registerStop(c)
    case bootstrap: try PIMBootstrap.bootstrap(c)
    case candidateRPAdvertisement: try PIMBootstrap.candidateRPAdvertisement(c)
    default: break
    }
    return .stop
  }

  /// A Hello's options, to the end of the message. As Wireshark, an option
  /// whose length runs past the message ends the walk before its fields.
  private static func options(_ c: inout LayerCursor) throws(DissectionStop) {
    var offset = 4
    while c.length - offset >= 2 {
      let option = try c.uint16(offset)
      let count = Int(try c.uint16(offset + 2))
      try c.check(offset, 4 + count)
      try c.add(optionType, at: offset, 2, value: UInt64(option), depth: 3)
      try c.add(optionLength, at: offset + 2, 2, value: UInt64(count), depth: 3)
      let value = offset + 4
      switch option {
      case 1: try c.add(holdTime, at: value, 2, value: UInt64(try c.uint16(value)), depth: 3)
      case 2:
        let delay = UInt64(try c.uint16(value))
        try c.add(lanPruneTBit, at: value, 1, value: delay >> 15, depth: 3)
        try c.add(propagationDelay, at: value, 2, value: delay & 0x7fff, depth: 3)
        try c.add(overrideInterval, at: value + 2, 2, value: UInt64(try c.uint16(value + 2)), depth: 3)
      case 19: try c.add(drPriority, at: value, 4, value: UInt64(try c.uint32(value)), depth: 3)
      case 20: try c.add(generationID, at: value, 4, value: UInt64(try c.uint32(value)), depth: 3)
      case 21:
        try c.add(stateRefreshVersion, at: value, 1, value: UInt64(try c.uint8(value)), depth: 3)
        try c.add(stateRefreshInterval, at: value + 1, 1, value: UInt64(try c.uint8(value + 1)), depth: 3)
        try c.add(stateRefreshReserved, at: value + 2, 2, value: UInt64(try c.uint16(value + 2)), depth: 3)
      case 24, 65001: break  // address lists: not taken apart
      default: if count > 0 { try c.add(optionValue, at: value, count, depth: 3) }
      }
      offset = value + count
    }
  }

  /// A Join/Prune's upstream neighbor (an encoded unicast address: family
  /// 1 IPv4, 2 IPv6, native encoding), reserved byte, group count and
  /// hold time. As Wireshark, another family or encoding ends the message.
  private static func joins(_ c: inout LayerCursor) throws(DissectionStop) {
    let family = try c.uint8(4)
    guard try c.uint8(5) == 0 else { return }
    let width: Int
    switch family {
    case 1:
      width = 4
      try c.add(upstreamNeighbor, at: 6, 4, value: UInt64(try c.uint32(6)), depth: 2)
    case 2:
      width = 16
      try c.add(upstreamNeighborIPv6, at: 6, 16, depth: 2)
    default: return
    }
    let offset = 6 + width
    try c.add(reserved.fieldID, at: offset, 1, depth: 2)
    try c.add(groupCount, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: 2)
    try c.add(holdTime, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)), depth: 2)
  }

  /// A Register's flags and the packet it carries: IPv4 or IPv6, or a
  /// Null-Register's dummy header, which is not taken apart.
  private static func registered(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let flagBits = UInt64(try c.uint32(4))
    try c.add(registerFlags, at: 4, 4, value: flagBits, depth: 2)
    try c.add(border, at: 4, 4, value: flagBits >> 31, depth: 3)
    try c.add(nullRegister, at: 4, 4, value: (flagBits >> 30) & 1, depth: 3)
    let inner = UInt64(try c.uint8(8)) >> 4
    try c.add(ipVersion, at: 8, 1, value: inner, depth: 2)
    switch inner {
    case 4: c.nested(.layer(.ip, at: c.start + 8, end: c.end))
    case 6: c.nested(.layer(.ipv6, at: c.start + 8, end: c.end))
    default: break
    }
    return .stop
  }
}
