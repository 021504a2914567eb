/// Internet Group Management Protocol, versions 1 (RFC 1112), 2 (RFC 2236)
/// and 3 (RFC 3376): queries, reports (with version 3's group records) and
/// leaves. The version follows from the type and, for a query, its length
/// and maximum response time, as Wireshark decides it.
enum IGMP: UInt8, ProtocolModule {
  case item, version, type, reserved, maxResp, maxRespExponent, maxRespMantissa, checksum, checksumStatus, maddr,
    sFlag, qrv, qqic, numSrc, saddr, numGroupRecords, recordType, auxDataLength, auxData, data, mtraceMaxHops,
    mtraceSaddr, mtraceRaddr, mtraceResponseAddress, mtraceResponseTTL, mtraceQueryID

  static var protocolID: ProtocolID { .igmp }
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.ipProto, 2)]
  static let headerBits = 64
  static let variablePart: String? = "Version 3: query fields and sources, or group records"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("igmp", "Internet Group Management Protocol")
    case .version: .loose("igmp.version", "IGMP Version", .uint(bytes: 1))
    case .type: .uint("igmp.type", "Type", at: 0, bytes: 1, base: .hex, values: .igmpTypes)
    case .reserved: .loose("igmp.reserved", "Reserved", .bytes)
    case .maxResp: .uint("igmp.max_resp", "Max Resp Time", at: 1, bytes: 1, blurb: "Tenths of a second (version 2 and 3 queries)")
    case .maxRespExponent: .loose("igmp.max_resp.exp", "Exponent", .uint(bytes: 1), base: .hex, mask: 0x70)
    case .maxRespMantissa: .loose("igmp.max_resp.mant", "Mantissa", .uint(bytes: 1), base: .hex, mask: 0x0f)
    case .checksum: .uint("igmp.checksum", "Checksum", at: 2, bytes: 2, base: .hex)
    case .checksumStatus: .loose("igmp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified", values: .checksumStatus)
    case .maddr: .fixed("igmp.maddr", "Multicast Address", .ipv4, at: 4, bytes: 4)
    case .sFlag: .loose("igmp.s", "S", .boolean(bytes: 1), mask: 0x08, values: .igmpSuppress)
    case .qrv: .loose("igmp.qrv", "QRV", .uint(bytes: 1), mask: 0x07)
    case .qqic: .loose("igmp.qqic", "QQIC", .uint(bytes: 1))
    case .numSrc: .loose("igmp.num_src", "Num Src", .uint(bytes: 2))
    case .saddr: .loose("igmp.saddr", "Source Address", .ipv4)
    case .numGroupRecords: .loose("igmp.num_grp_recs", "Num Group Records", .uint(bytes: 2))
    case .recordType: .loose("igmp.record_type", "Record Type", .uint(bytes: 1), values: .igmpRecordTypes)
    case .auxDataLength: .loose("igmp.aux_data_len", "Aux Data Len", .uint(bytes: 1))
    case .auxData: .loose("igmp.aux_data", "Aux Data", .bytes)
    case .data: .loose("igmp.data", "Data", .bytes, blurb: "The message of a type whose protocol pktsh does not dissect (DVMRP, PIM version 1)")
    case .mtraceMaxHops: .loose("igmp.mtrace.max_hops", "# hops", .uint(bytes: 1))
    case .mtraceSaddr: .loose("igmp.mtrace.saddr", "Source Address", .ipv4)
    case .mtraceRaddr: .loose("igmp.mtrace.raddr", "Receiver Address", .ipv4)
    case .mtraceResponseAddress: .loose("igmp.mtrace.rspaddr", "Response Address", .ipv4)
    case .mtraceResponseTTL: .loose("igmp.mtrace.resp_ttl", "Response TTL", .uint(bytes: 1))
    case .mtraceQueryID: .loose("igmp.mtrace.q_id", "Query ID", .uint(bytes: 3))
    }
  }

  static let query: UInt8 = 0x11
  static let reportV1: UInt8 = 0x12
  static let reportV2: UInt8 = 0x16
  static let leaveV2: UInt8 = 0x17
  static let reportV3: UInt8 = 0x22
  static let traceResponse: UInt8 = 0x1e
  static let traceQuery: UInt8 = 0x1f
  /// PIM version 1 runs inside IGMP with this type.
  static let pimVersion1: UInt8 = 0x14
  /// Multicast traceroute's header, before a response's blocks.
  static let traceHeaderLength = 24

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let kind = try c.uint8(0)
    switch kind {
    case query where c.length >= 12:
      c.generated(version, value: 3)
      try c.fixed(type)
      try maximumResponse(c)
      try checksumFields(c)
      try c.fixed(maddr)
      let flags = UInt64(try c.uint8(8))
      try c.add(sFlag, at: 8, 1, value: flags >> 3 & 1)
      try c.add(qrv, at: 8, 1, value: flags & 7)
      try c.add(qqic, at: 9, 1, value: UInt64(try c.uint8(9)))
      let sources = Int(try c.uint16(10))
      try c.add(numSrc, at: 10, 2, value: UInt64(sources))
      for i in 0..<sources { try address(c, saddr, at: 12 + 4 * i) }
    case query, reportV2, leaveV2:
      let code = try c.uint8(1)
      let v1 = kind == query && code == 0
      c.generated(version, value: v1 ? 1 : 2)
      try c.fixed(type)
      if v1 { try c.add(reserved, at: 1, 1) } else { try c.fixed(maxResp) }
      try checksumFields(c)
      try c.fixed(maddr)
    case reportV1:
      c.generated(version, value: 1)
      try c.fixed(type)
      try c.add(reserved, at: 1, 1)
      try checksumFields(c)
      try c.fixed(maddr)
    case reportV3:
      c.generated(version, value: 3)
      try c.fixed(type)
      try c.add(reserved, at: 1, 1)
      try checksumFields(c)
      try c.add(reserved, at: 4, 2)
      let records = Int(try c.uint16(6))
      try c.add(numGroupRecords, at: 6, 2, value: UInt64(records))
      var offset = 8
      for _ in 0..<records { offset = try groupRecord(c, at: offset) }
    case traceResponse, traceQuery:
      try c.fixed(type)
      try c.add(mtraceMaxHops, at: 1, 1, value: UInt64(try c.uint8(1)))
      try checksumFields(c)
      try c.fixed(maddr)
      for (field, offset) in [(mtraceSaddr, 8), (mtraceRaddr, 12), (mtraceResponseAddress, 16)] {
        try address(c, field, at: offset)
      }
      try c.add(mtraceResponseTTL, at: 20, 1, value: UInt64(try c.uint8(20)))
      try c.add(mtraceQueryID, at: 21, 3, value: try c.uint(21, 3))
    case pimVersion1:
      // Wireshark hands the whole message to PIM, which shows its type.
      return .layer(.pim, at: c.start, end: c.end)
    default:
      // Other types belong to other protocols (DVMRP, ...).
      try c.fixed(type)
      if c.capturedLength > 1 { try c.add(data, at: 1, c.capturedLength - 1) }
      return .stop
    }
    // Wireshark hands IGMP to its per-version dissector through a handle of
    // the same protocol, so the chain lists it twice (`igmp:igmp`).
    c.listAgain()
    return .stop
  }

  /// The maximum response time, kept in tenths of a second: version 3
  /// codes from 128 up are a floating-point exponent and mantissa.
  private static func maximumResponse(_ c: LayerCursor) throws(DissectionStop) {
    let code = UInt64(try c.uint8(1))
    guard code >= 128 else { return try c.add(maxResp, at: 1, 1, value: code) }
    let exponent = code >> 4 & 7
    let mantissa = code & 0x0f
    try c.add(maxResp, at: 1, 1, value: (mantissa | 0x10) << (exponent + 3))
    try c.add(maxRespExponent, at: 1, 1, value: exponent, depth: 2)
    try c.add(maxRespMantissa, at: 1, 1, value: mantissa, depth: 2)
  }

  /// The checksum, verified over the whole message when all of it was captured.
  private static func checksumFields(_ c: LayerCursor) throws(DissectionStop) {
    try c.fixed(checksum)
    let whole = c.capturedLength >= c.length
    c.generated(checksumStatus, value: whole ? (ICMP.internetChecksum(c.bytes) == 0 ? 1 : 0) : 2)
  }

  private static func address(_ c: LayerCursor, _ field: IGMP, at offset: Int, depth: UInt8 = 1) throws(DissectionStop) {
    try c.add(field, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: depth)
  }

  /// One group record of a version 3 report; answers the offset after it.
  private static func groupRecord(_ c: LayerCursor, at start: Int) throws(DissectionStop) -> Int {
    try c.add(recordType, at: start, 1, value: UInt64(try c.uint8(start)), depth: 2)
    let auxLength = Int(try c.uint8(start + 1)) * 4
    try c.add(auxDataLength, at: start + 1, 1, value: UInt64(auxLength / 4), depth: 2)
    let sources = Int(try c.uint16(start + 2))
    try c.add(numSrc, at: start + 2, 2, value: UInt64(sources), depth: 2)
    try address(c, maddr, at: start + 4, depth: 2)
    var offset = start + 8
    for _ in 0..<sources {
      try address(c, saddr, at: offset, depth: 2)
      offset += 4
    }
    if auxLength > 0 { try c.add(auxData, at: offset, auxLength, depth: 2) }
    return offset + auxLength
  }
}
