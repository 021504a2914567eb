/// Domain Name System (RFC 1035 section 4; EDNS RFC 6891; SRV RFC 2782;
/// AAAA RFC 3596). Over TCP each message has a 2-byte length prefix.
///
/// Request/response matching (`dns.response_in`, `dns.response_to`,
/// `dns.time`, retransmissions) needs a look at other packets and is not
/// done. Record types other than those below leave their data undissected.
///
/// mDNS and LLMNR carry the same message and fill these fields too, as
/// Wireshark does; their modules call `message(_:_:)` with their `Dialect`.
enum DNS: UInt8, ProtocolModule {
  case item, length, id, flags, flagResponse, flagOpcode, flagAuthoritative, flagConflict, flagTruncated, flagRecDesired, flagTentative,
    flagRecAvail, flagZ, flagAuthenticated, flagCheckDisable, flagRcode, countQueries, countZones, countAnswers,
    countPrerequisites, countAuth, countUpdates, countAdditional, qryName, qryNameLen, countLabels, qryType,
    qryClass, qryQU, respName, srvService, srvProto, srvName, respType, respClass, respCacheFlush, respTTL, udpPayloadSize, extRcode,
    ednsVersion, ednsZ, ednsDO, ednsReserved, respLen, a, ns, cname, soaMName, soaRName, soaSerialNumber,
    soaRefreshInterval, soaRetryInterval, soaExpireLimit, soaMinimumTtl, ptr, mxPreference, mxExchange, txtLength,
    txt, aaaa, srvPriority, srvWeight, srvPort, srvTarget, dname, nsecNextDomainName, optCode, optLen, optData, extraneousData,
    extraneousLength

  static var protocolID: ProtocolID { .dns }
  static var level: LayerLevel { .application }
  // The header (section 4.1.1) as it sits over UDP; over TCP it follows
  // the length, and the dissector places each field where it finds it.
  static let bindings: [Binding] = [Binding(.udpPort, 53), Binding(.tcpPort, 53), Binding(.tcpPort, 5353)]
  static let headerBits = 96
  static let variablePart: String? = "Questions and resource records"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dns", "Domain Name System")
    case .length: .loose("dns.length", "Length", .uint(bytes: 2), blurb: "Message length, over TCP")
    case .id: .uint("dns.id", "Transaction ID", at: 0, bytes: 2, base: .hex)
    case .flags: .uint("dns.flags", "Flags", at: 2, bytes: 2, base: .hex)
    case .flagResponse: .flag("dns.flags.response", "Response", at: 2, bytes: 2, mask: 0x8000, abbreviation: "QR", values: .dnsResponseFlag)
    case .flagOpcode: .uint("dns.flags.opcode", "Opcode", at: 2, bytes: 2, mask: 0x7800, values: .dnsOpcodes)
    case .flagAuthoritative: .flag("dns.flags.authoritative", "Authoritative", at: 2, bytes: 2, mask: 0x0400, abbreviation: "AA", values: .dnsAuthoritativeFlag)
    case .flagConflict: .loose("dns.flags.conflict", "Conflict", .boolean(bytes: 2), mask: 0x0400, blurb: "LLMNR: in place of AA")
    case .flagTruncated: .flag("dns.flags.truncated", "Truncated", at: 2, bytes: 2, mask: 0x0200, abbreviation: "TC", values: .dnsTruncatedFlag)
    case .flagRecDesired: .flag("dns.flags.recdesired", "Recursion desired", at: 2, bytes: 2, mask: 0x0100, abbreviation: "RD", values: .dnsRecursionDesiredFlag)
    case .flagTentative: .loose("dns.flags.tentative", "Tentative", .boolean(bytes: 2), mask: 0x0100, blurb: "LLMNR: in place of RD", values: .dnsTentativeFlag)
    case .flagRecAvail: .flag("dns.flags.recavail", "Recursion available", at: 2, bytes: 2, mask: 0x0080, abbreviation: "RA", values: .dnsRecursionAvailableFlag)
    case .flagZ: .flag("dns.flags.z", "Z", at: 2, bytes: 2, mask: 0x0040, values: .dnsZFlag)
    case .flagAuthenticated: .flag("dns.flags.authenticated", "Answer authenticated", at: 2, bytes: 2, mask: 0x0020, abbreviation: "AD", values: .dnsAuthenticatedFlag)
    case .flagCheckDisable: .flag("dns.flags.checkdisable", "Non-authenticated data", at: 2, bytes: 2, mask: 0x0010, abbreviation: "CD", values: .dnsCheckingDisabledFlag)
    case .flagRcode: .uint("dns.flags.rcode", "Reply code", at: 2, bytes: 2, mask: 0x000f, values: .dnsReplyCodes)
    case .countQueries: .uint("dns.count.queries", "Questions", at: 4, bytes: 2)
    case .countZones: .uint("dns.count.zones", "Zones", at: 4, bytes: 2, blurb: "Question count of an UPDATE")
    case .countAnswers: .uint("dns.count.answers", "Answer RRs", at: 6, bytes: 2)
    case .countPrerequisites: .uint("dns.count.prerequisites", "Prerequisites", at: 6, bytes: 2, blurb: "Answer count of an UPDATE")
    case .countAuth: .uint("dns.count.auth_rr", "Authority RRs", at: 8, bytes: 2)
    case .countUpdates: .uint("dns.count.updates", "Updates", at: 8, bytes: 2, blurb: "Authority count of an UPDATE")
    case .countAdditional: .uint("dns.count.add_rr", "Additional RRs", at: 10, bytes: 2)
    case .qryName: .loose("dns.qry.name", "Name", .string)
    case .qryNameLen: .loose("dns.qry.name.len", "Name Length", .uint(bytes: 2))
    case .countLabels: .loose("dns.count.labels", "Label Count", .uint(bytes: 2))
    case .qryType: .loose("dns.qry.type", "Type", .uint(bytes: 2), values: .dnsTypes)
    case .qryClass: .loose("dns.qry.class", "Class", .uint(bytes: 2), base: .hex, values: .dnsClasses)
    case .qryQU: .loose("dns.qry.qu", "\"QU\" question", .boolean(bytes: 2), mask: 0x8000, blurb: "mDNS: unicast response wanted")
    case .respName: .loose("dns.resp.name", "Name", .string)
    case .srvService: .loose("dns.srv.service", "Service", .string)
    case .srvProto: .loose("dns.srv.proto", "Protocol", .string)
    case .srvName: .loose("dns.srv.name", "Name", .string)
    case .respType: .loose("dns.resp.type", "Type", .uint(bytes: 2), values: .dnsTypes)
    case .respClass: .loose("dns.resp.class", "Class", .uint(bytes: 2), base: .hex, values: .dnsClasses)
    case .respCacheFlush: .loose("dns.resp.cache_flush", "Cache flush", .boolean(bytes: 2), mask: 0x8000, blurb: "mDNS")
    case .respTTL: .loose("dns.resp.ttl", "Time to live", .uint(bytes: 4), blurb: "Seconds")
    case .udpPayloadSize: .loose("dns.rr.udp_payload_size", "UDP payload size", .uint(bytes: 2))
    case .extRcode: .loose("dns.resp.ext_rcode", "Higher bits in extended RCODE", .uint(bytes: 1), base: .hex)
    case .ednsVersion: .loose("dns.resp.edns0_version", "EDNS0 version", .uint(bytes: 1))
    case .ednsZ: .loose("dns.resp.z", "Z", .uint(bytes: 2), base: .hex)
    case .ednsDO: .loose("dns.resp.z.do", "DO bit", .boolean(bytes: 2), mask: 0x8000, blurb: "DNSSEC OK",
      values: .flagLabels(set: "Accepts DNSSEC security RRs", notSet: "Cannot handle DNSSEC security RRs"))
    case .ednsReserved: .loose("dns.resp.z.reserved", "Reserved", .uint(bytes: 2), base: .hex, mask: 0x7fff)
    case .respLen: .loose("dns.resp.len", "Data length", .uint(bytes: 2))
    case .a: .loose("dns.a", "Address", .ipv4)
    case .ns: .loose("dns.ns", "Name Server", .string)
    case .cname: .loose("dns.cname", "CNAME", .string)
    case .soaMName: .loose("dns.soa.mname", "Primary name server", .string)
    case .soaRName: .loose("dns.soa.rname", "Responsible authority's mailbox", .string)
    case .soaSerialNumber: .loose("dns.soa.serial_number", "Serial Number", .uint(bytes: 4))
    case .soaRefreshInterval: .loose("dns.soa.refresh_interval", "Refresh Interval", .uint(bytes: 4), blurb: "Seconds")
    case .soaRetryInterval: .loose("dns.soa.retry_interval", "Retry Interval", .uint(bytes: 4), blurb: "Seconds")
    case .soaExpireLimit: .loose("dns.soa.expire_limit", "Expire limit", .uint(bytes: 4), blurb: "Seconds")
    case .soaMinimumTtl: .loose("dns.soa.minimum_ttl", "Minimum TTL", .uint(bytes: 4), blurb: "Seconds")
    case .ptr: .loose("dns.ptr.domain_name", "Domain Name", .string)
    case .mxPreference: .loose("dns.mx.preference", "Preference", .uint(bytes: 2))
    case .mxExchange: .loose("dns.mx.mail_exchange", "Mail Exchange", .string)
    case .txtLength: .loose("dns.txt.length", "TXT Length", .uint(bytes: 1))
    case .txt: .loose("dns.txt", "TXT", .string)
    case .aaaa: .loose("dns.aaaa", "AAAA Address", .ipv6)
    case .srvPriority: .loose("dns.srv.priority", "Priority", .uint(bytes: 2))
    case .srvWeight: .loose("dns.srv.weight", "Weight", .uint(bytes: 2))
    case .srvPort: .loose("dns.srv.port", "Port", .uint(bytes: 2))
    case .srvTarget: .loose("dns.srv.target", "Target", .string)
    case .dname: .loose("dns.dname", "Dname", .string)
    case .nsecNextDomainName: .loose("dns.nsec.next_domain_name", "Next Domain Name", .string)
    case .optCode: .loose("dns.opt.code", "Option Code", .uint(bytes: 2))
    case .optLen: .loose("dns.opt.len", "Option Length", .uint(bytes: 2))
    case .optData: .loose("dns.opt.data", "Option Data", .bytes)
    case .extraneousData: .loose("dns.extraneous.data", "Extraneous Data Bytes", .bytes, blurb: "Bytes after the last record")
    case .extraneousLength: .loose("dns.extraneous.length", "Extraneous Data Length", .int(bytes: 4))
    }
  }

  static let soaNumbers: [DNS] = [
    .soaSerialNumber, .soaRefreshInterval, .soaRetryInterval, .soaExpireLimit, .soaMinimumTtl,
  ]

  static let opcodeUpdate: UInt16 = 5
  static let flagBitResponse: UInt16 = 0x8000
  static let flagBitAD: UInt16 = 0x0020

  /// The protocols that carry a DNS message, each with its own reading of
  /// a few bits.
  enum Dialect {
    /// Unicast DNS.
    case dns
    /// Multicast DNS (RFC 6762): the top bit of a question's class asks
    /// for a unicast answer, of a record's class says "flush the cache".
    case mdns
    /// LLMNR (RFC 4795): the AA and RD bits are C (conflict) and T
    /// (tentative), and RA, Z, AD and CD are not shown.
    case llmnr
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try message(&c, .dns)
  }

  /// Walks one DNS message as `dialect` reads it.
  static func message(_ c: inout LayerCursor, _ dialect: Dialect) throws(DissectionStop) -> Next {
    let overTCP = dialect == .dns && carriedByTCP(c)
    let base = overTCP ? 2 : 0
    var next: Next = .stop
    if overTCP {
      // With TCP reassembly, a message cut short (or its length) waits
      // for the segments with the rest, as tshark's `tcp_dissect_pdus`,
      // showing nothing.
      if c.canDesegment {
        let missing = c.length < 2 ? nil : 2 + Int(try c.uint16(0)) - c.length
        if missing ?? 1 > 0 {
          c.needMore(at: 0, missing)
          c.withdrawn = true
          return .stop
        }
      }
      let declared = Int(try c.uint16(0))
      let pduEnd = c.start + 2 + declared
      let segmentEnd = c.end
      // A message longer than the segment: TCP skips the segments inside it.
      TCPSegment.pdu(c, at: 0, length: 2 + declared)
      TCPSegment.dissectsPDU(c, at: 0, length: 2 + declared)
      c.limit(to: 2 + declared)
      // Several messages may share a segment: the rest is the next one,
      // which tshark's loop reads with no new entry in `frame.protocols`.
      if pduEnd < c.dissection.packet.count, pduEnd + (c.canDesegment ? 1 : 2) <= segmentEnd {
        next = .furtherPDU(.dns, at: pduEnd, end: segmentEnd)
      }
    }
    // The ID and flags are read before anything is shown.
    let transaction = try c.uint16(base)
    let bits = try c.uint16(base + 2)
    if overTCP { try c.add(length, at: 0, 2, value: UInt64(try c.uint16(0))) }
    try c.add(id, at: base, 2, value: UInt64(transaction))
    if dialect == .llmnr {
      try linkLocalFlagFields(c, at: base + 2, bits)
    } else {
      try flagFields(c, at: base + 2, bits)
    }
    let update = (bits >> 11) & 0xf == opcodeUpdate
    var counts: [Int] = []
    let countFields = [
      update ? countZones : countQueries, update ? countPrerequisites : countAnswers,
      update ? countUpdates : countAuth, countAdditional,
    ]
    for (i, field) in countFields.enumerated() {
      let n = try c.uint16(base + 4 + 2 * i)
      try c.add(field, at: base + 4 + 2 * i, 2, value: UInt64(n))
      counts.append(Int(n))
    }
    var offset = base + 12
    for _ in 0..<counts[0] { offset += try query(c, at: offset, messageStart: base, dialect) }
    var records = counts[1] + counts[2] + counts[3]
    while records > 0 {
      records -= 1
      offset += try record(c, at: offset, messageStart: base, dialect, last: records == 0)
    }
    let extra = c.length - offset
    if extra > 0 {
      try c.add(extraneousData, at: offset, extra, depth: 2)
      c.generated(extraneousLength, value: UInt64(extra), depth: 2)
    }
    return next
  }

  /// Whether the layer below is TCP (directly, or through an earlier
  /// message in the same segment).
  private static func carriedByTCP(_ c: LayerCursor) -> Bool {
    c.dissection.layers.dropLast().last { $0.protocolID != .dns }?.protocolID == .tcp
  }

  /// The flags word: the authoritative, recursion-available,
  /// authenticated and rcode bits only in responses (a query shows the
  /// AD bit only when it is set).
  private static func flagFields(_ c: LayerCursor, at offset: Int, _ bits: UInt16) throws(DissectionStop) {
    let response = bits & flagBitResponse != 0
    let value = UInt64(bits)
    try c.add(flags, at: offset, 2, value: value)
    func bit(_ field: DNS, _ mask: UInt64) throws(DissectionStop) {
      try c.add(field, at: offset, 2, value: value & mask != 0 ? 1 : 0, depth: 2)
    }
    try bit(flagResponse, 0x8000)
    try c.add(flagOpcode, at: offset, 2, value: value >> 11 & 0xf, depth: 2)
    if response { try bit(flagAuthoritative, 0x0400) }
    try bit(flagTruncated, 0x0200)
    try bit(flagRecDesired, 0x0100)
    if response { try bit(flagRecAvail, 0x0080) }
    try bit(flagZ, 0x0040)
    if response || bits & flagBitAD != 0 { try bit(flagAuthenticated, 0x0020) }
    try bit(flagCheckDisable, 0x0010)
    if response { try c.add(flagRcode, at: offset, 2, value: value & 0xf, depth: 2) }
  }

  /// LLMNR's flags word (RFC 4795 section 2.1.1): the rcode only in responses.
  private static func linkLocalFlagFields(_ c: LayerCursor, at offset: Int, _ bits: UInt16) throws(DissectionStop) {
    let value = UInt64(bits)
    try c.add(flags, at: offset, 2, value: value)
    func bit(_ field: DNS, _ mask: UInt64) throws(DissectionStop) {
      try c.add(field, at: offset, 2, value: value & mask != 0 ? 1 : 0, depth: 2)
    }
    try bit(flagResponse, 0x8000)
    try c.add(flagOpcode, at: offset, 2, value: value >> 11 & 0xf, depth: 2)
    try bit(flagConflict, 0x0400)
    try bit(flagTruncated, 0x0200)
    try bit(flagTentative, 0x0100)
    if bits & flagBitResponse != 0 { try c.add(flagRcode, at: offset, 2, value: value & 0xf, depth: 2) }
  }

  /// The class of a question or record, and in mDNS its top bit apart.
  private static func classField(
    _ c: LayerCursor, _ field: DNS, _ top: DNS, at offset: Int, _ dialect: Dialect
  ) throws(DissectionStop) {
    let value = UInt64(try c.uint16(offset))
    guard dialect == .mdns else { return try c.add(field, at: offset, 2, value: value, depth: 3) }
    try c.add(field, at: offset, 2, value: value & 0x7fff, depth: 3)
    try c.add(top, at: offset, 2, value: value >> 15, depth: 3)
  }

  /// One question; answers the bytes it used.
  private static func query(
    _ c: LayerCursor, at offset: Int, messageStart: Int, _ dialect: Dialect
  ) throws(DissectionStop) -> Int {
    let name = try DNSName.read(c, at: offset, messageStart: messageStart)
    let typeOffset = offset + name.wireLength
    let type = try c.uint16(typeOffset)
    try c.check(typeOffset + 2, 2)
    c.computed(qryName, at: offset, name.wireLength, bytes: name.text, depth: 3)
    try c.add(
      qryNameLen, at: offset, name.wireLength, value: UInt64(name.text.count > 1 ? name.text.count : 0),
      depth: 3, flags: .generated)
    try c.add(countLabels, at: offset, name.wireLength, value: UInt64(name.labelCount), depth: 3, flags: .generated)
    try c.add(qryType, at: typeOffset, 2, value: UInt64(type), depth: 3)
    try classField(c, qryClass, qryQU, at: typeOffset + 2, dialect)
    return name.wireLength + 4
  }

  /// One resource record; answers the bytes it used (name, fixed part and
  /// the data its length declares, whatever the data holds). `last`: no
  /// record follows it in the message.
  ///
  /// A record whose declared data runs past the message (or the capture)
  /// has no fields: Wireshark's subtree for it spans the whole record and
  /// throws before anything is added. Its type and data still reach Info,
  /// which tshark writes without a tree and so reads the record as if whole
  /// (`Dissection.setAside`).
  private static func record(
    _ c: LayerCursor, at offset: Int, messageStart: Int, _ dialect: Dialect, last: Bool
  ) throws(DissectionStop) -> Int {
    let name = try DNSName.read(c, at: offset, messageStart: messageStart)
    let fixed = offset + name.wireLength
    let type = try c.uint16(fixed)
    let dataLength = Int(try c.uint16(fixed + 8))
    let extent = name.wireLength + 10 + dataLength
    do throws(DissectionStop) {
      try c.check(offset, extent)
    } catch {
      let start = c.dissection.records.count
      // Without a tree, a record that reads whole is quiet if it is the
      // last: the walk would read the next one past the end.
      var quiet = last
      do throws(DissectionStop) {
        try recordFields(c, name, at: offset, type: type, dataLength: dataLength, messageStart: messageStart, dialect)
      } catch {
        quiet = false
      }
      if let layer = c.dissection.layers.indices.last {
        c.dissection.setAside(recordsFrom: start, layer: layer, quiet: quiet)
      }
      throw error
    }
    try recordFields(c, name, at: offset, type: type, dataLength: dataLength, messageStart: messageStart, dialect)
    return extent
  }

  /// A resource record's fields, from its owner name on.
  private static func recordFields(
    _ c: LayerCursor, _ name: DNSName, at offset: Int, type: UInt16, dataLength: Int, messageStart: Int,
    _ dialect: Dialect
  ) throws(DissectionStop) {
    let fixed = offset + name.wireLength
    let data = fixed + 10
    if type == 41 {
      c.computed(respName, at: offset, name.wireLength, bytes: name.text, depth: 3)
      try c.add(respType, at: fixed, 2, value: UInt64(type), depth: 3)
      try c.add(udpPayloadSize, at: fixed + 2, 2, value: UInt64(try c.uint16(fixed + 2)), depth: 3)
      try c.add(extRcode, at: fixed + 4, 1, value: UInt64(try c.uint8(fixed + 4)), depth: 3)
      try c.add(ednsVersion, at: fixed + 5, 1, value: UInt64(try c.uint8(fixed + 5)), depth: 3)
      let z = UInt64(try c.uint16(fixed + 6))
      try c.add(ednsZ, at: fixed + 6, 2, value: z, depth: 3)
      try c.add(ednsDO, at: fixed + 6, 2, value: z >> 15, depth: 4)
      try c.add(ednsReserved, at: fixed + 6, 2, value: z & 0x7fff, depth: 4)
    } else {
      try ownerName(c, name, at: offset, type: type)
      try c.add(respType, at: fixed, 2, value: UInt64(type), depth: 3)
      try classField(c, respClass, respCacheFlush, at: fixed + 2, dialect)
      try c.add(respTTL, at: fixed + 4, 4, value: UInt64(try c.uint32(fixed + 4)), depth: 3)
    }
    try c.add(respLen, at: fixed + 8, 2, value: UInt64(dataLength), depth: 3)
    if dataLength > 0 { try recordData(c, type: type, at: data, dataLength, messageStart: messageStart) }
  }

  /// The owner name; an SRV owner (`_service._proto.name`) is shown split
  /// at its first two dots.
  private static func ownerName(_ c: LayerCursor, _ name: DNSName, at offset: Int, type: UInt16) throws(DissectionStop) {
    guard type == 33, !name.text.isEmpty else {
      c.computed(respName, at: offset, name.wireLength, bytes: name.text, depth: 3)
      return
    }
    let parts = name.text.split(separator: UInt8(ascii: "."), maxSplits: 2, omittingEmptySubsequences: false)
    for (part, field) in zip(parts, [srvService, srvProto, srvName]) {
      c.computed(field, at: offset, name.wireLength, bytes: part, depth: 3)
    }
  }

  private static func recordData(
    _ c: LayerCursor, type: UInt16, at offset: Int, _ count: Int, messageStart: Int
  ) throws(DissectionStop) {
    func name(_ field: DNS, at offset: Int) throws(DissectionStop) -> Int {
      let n = try DNSName.read(c, at: offset, messageStart: messageStart)
      c.computed(field, at: offset, n.wireLength, bytes: n.text, depth: 3)
      return n.wireLength
    }
    switch type {
    case 1:
      try c.add(a, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: 3)
    case 2:
      _ = try name(ns, at: offset)
    case 5:
      _ = try name(cname, at: offset)
    case 6:
      var at = offset + (try name(soaMName, at: offset))
      at += try name(soaRName, at: at)
      for field in soaNumbers {
        try c.add(field, at: at, 4, value: UInt64(try c.uint32(at)), depth: 3)
        at += 4
      }
    case 12:
      _ = try name(ptr, at: offset)
    case 15:
      // The exchange is read before the preference is shown.
      let exchange = try DNSName.read(c, at: offset + 2, messageStart: messageStart)
      try c.add(mxPreference, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 3)
      c.computed(mxExchange, at: offset + 2, exchange.wireLength, bytes: exchange.text, depth: 3)
    case 16:
      try texts(c, at: offset, count)
    case 28:
      try c.add(aaaa, at: offset, 16, depth: 3)
    case 33:
      let target = try DNSName.read(c, at: offset + 6, messageStart: messageStart)
      try c.add(srvPriority, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 3)
      try c.add(srvWeight, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)), depth: 3)
      try c.add(srvPort, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)), depth: 3)
      c.computed(srvTarget, at: offset + 6, target.wireLength, bytes: target.text, depth: 3)
    case 39:
      _ = try name(dname, at: offset)
    case 41:
      try options(c, at: offset, count)
    case 47:
      let used = try name(nsecNextDomainName, at: offset)
      try typeBitmap(c, at: offset + used, count - used)
    case 50:
      // NSEC3 (RFC 5155 section 3.2): algorithm, flags, iterations, the
      // salt and the next hashed owner name, each after its length, then
      // the type bitmap.
      let hashAt = offset + 5 + Int(try c.uint8(offset + 4))
      let bitmapAt = hashAt + 1 + Int(try c.uint8(hashAt))
      try typeBitmap(c, at: bitmapAt, count - (bitmapAt - offset))
    default:
      // Wireshark reads the data of other types as an item over all of
      // it (which matters for a record cut short: see `record`).
      try c.check(offset, count)
    }
  }

  /// TXT data: length-prefixed strings until the declared data length is
  /// used up. A string running past it is read on, as Wireshark does,
  /// until the message runs out.
  private static func texts(_ c: LayerCursor, at start: Int, _ count: Int) throws(DissectionStop) {
    var remaining = count
    var offset = start
    while remaining != 0 {
      let n = Int(try c.uint8(offset))
      try c.add(txtLength, at: offset, 1, value: UInt64(n), depth: 3)
      try c.add(txt, at: offset + 1, n, depth: 3)
      offset += 1 + n
      remaining -= 1 + n
    }
  }

  /// An NSEC or NSEC3 type bitmap (RFC 4034 section 4.1.2): windows of a number, a
  /// length and that many bytes of bits; each set bit is a type, shown as
  /// `dns.resp.type` over its byte, as Wireshark does.
  private static func typeBitmap(_ c: LayerCursor, at start: Int, _ count: Int) throws(DissectionStop) {
    var remaining = count
    var offset = start
    while remaining > 0 {
      let window = Int(try c.uint8(offset))
      let length = Int(try c.uint8(offset + 1))
      offset += 2
      remaining -= 2
      for i in 0..<length {
        let bits = try c.uint8(offset)
        for j in 0..<8 where bits & (0x80 >> UInt8(j)) != 0 {
          try c.add(respType, at: offset, 1, value: UInt64(window * 256 + i * 8 + j), depth: 3)
        }
        offset += 1
        remaining -= 1
      }
    }
  }

  /// EDNS options (RFC 6891 section 6.1.2): code, length, data.
  private static func options(_ c: LayerCursor, at start: Int, _ count: Int) throws(DissectionStop) {
    var remaining = count
    var offset = start
    while remaining > 0 {
      let code = try c.uint16(offset)
      let n = Int(try c.uint16(offset + 2))
      remaining -= 4
      // The option's own tree item spans it whole, so it must be there.
      try c.check(offset, 4 + n)
      try c.add(optCode, at: offset, 2, value: UInt64(code), depth: 4)
      try c.add(optLen, at: offset + 2, 2, value: UInt64(n), depth: 4)
      try c.add(optData, at: offset + 4, n, depth: 4, flags: n == 0 ? .missing : [])
      offset += 4
      // Wireshark skips an Extended DNS Error option shorter than its
      // 2-byte code without moving past it.
      if code == 15 && n < 2 { continue }
      offset += n
      remaining -= n
    }
  }
}
