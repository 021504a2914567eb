/// NetBIOS Name Service (RFC 1002 section 4.2): DNS's message format on UDP
/// port 137, with NetBIOS names in DNS labels (read by `DNSName`, then
/// decoded by `NetBIOSName`) and records of its own (NB addresses, node
/// status).
enum NBNS: UInt8, ProtocolModule {
  case item, id, flags, flagResponse, flagOpcode, flagAuthoritative, flagTruncated, flagRecDesired, flagRecAvail,
    flagBroadcast, flagRcode, countQueries, countAnswers, countAuth, countAdditional, name, type, rrClass, ttl,
    dataLength, nbFlags, nbFlagsGroup, nbFlagsOnt, addr, numberOfNames, netbiosName, nameFlags, nameFlagsGroup,
    nameFlagsOnt, nameFlagsDrg, nameFlagsCnf, nameFlagsAct, nameFlagsPrm, unitID, jumpers, testResult,
    versionNumber, periodOfStatistics, numCRCs, numAlignmentErrors, numCollisions, numSendAborts, numGoodSends,
    numGoodReceives, numRetransmits, numNoResourceConditions, numCommandBlocks, numPendingSessions,
    maxNumPendingSessions, maxTotalSessionsPossible, sessionDataPacketSize

  static var protocolID: ProtocolID { .nbns }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 137)]
  static let headerBits = 96
  static let variablePart: String? = "Questions and resource records"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nbns", "NetBIOS Name Service")
    case .id: .uint("nbns.id", "Transaction ID", at: 0, bytes: 2, base: .hex)
    case .flags: .uint("nbns.flags", "Flags", at: 2, bytes: 2, base: .hex)
    case .flagResponse: .flag("nbns.flags.response", "Response", at: 2, bytes: 2, mask: 0x8000, abbreviation: "R")
    case .flagOpcode: .uint("nbns.flags.opcode", "Opcode", at: 2, bytes: 2, mask: 0x7800, values: .nbnsOpcodes)
    case .flagAuthoritative: .flag("nbns.flags.authoritative", "Authoritative", at: 2, bytes: 2, mask: 0x0400, abbreviation: "AA")
    case .flagTruncated: .flag("nbns.flags.truncated", "Truncated", at: 2, bytes: 2, mask: 0x0200, abbreviation: "TC")
    case .flagRecDesired: .flag("nbns.flags.recdesired", "Recursion desired", at: 2, bytes: 2, mask: 0x0100, abbreviation: "RD")
    case .flagRecAvail: .flag("nbns.flags.recavail", "Recursion available", at: 2, bytes: 2, mask: 0x0080, abbreviation: "RA")
    case .flagBroadcast: .flag("nbns.flags.broadcast", "Broadcast", at: 2, bytes: 2, mask: 0x0010, abbreviation: "B")
    case .flagRcode: .uint("nbns.flags.rcode", "Reply code", at: 2, bytes: 2, mask: 0x000f, values: .nbnsReplyCodes)
    case .countQueries: .uint("nbns.count.queries", "Questions", at: 4, bytes: 2)
    case .countAnswers: .uint("nbns.count.answers", "Answer RRs", at: 6, bytes: 2)
    case .countAuth: .uint("nbns.count.auth_rr", "Authority RRs", at: 8, bytes: 2)
    case .countAdditional: .uint("nbns.count.add_rr", "Additional RRs", at: 10, bytes: 2)
    case .name: .loose("nbns.name", "Name", .string)
    case .type: .loose("nbns.type", "Type", .uint(bytes: 2), values: .nbnsTypes)
    case .rrClass: .loose("nbns.class", "Class", .uint(bytes: 2))
    case .ttl: .loose("nbns.ttl", "Time to live", .uint(bytes: 4), blurb: "Seconds")
    case .dataLength: .loose("nbns.data_length", "Data length", .uint(bytes: 2))
    case .nbFlags: .loose("nbns.nb_flags", "Name flags", .uint(bytes: 2), base: .hex)
    case .nbFlagsGroup: .loose("nbns.nb_flags.group", "Name type", .boolean(bytes: 2), mask: 0x8000, blurb: "1: group name")
    case .nbFlagsOnt: .loose("nbns.nb_flags.ont", "ONT", .uint(bytes: 2), mask: 0x6000, values: .nbnsNodeTypes)
    case .addr: .loose("nbns.addr", "Addr", .ipv4)
    case .numberOfNames: .loose("nbns.number_of_names", "Number of names", .uint(bytes: 1))
    case .netbiosName: .loose("nbns.netbios_name", "Name", .string)
    case .nameFlags: .loose("nbns.name_flags", "Name flags", .uint(bytes: 2), base: .hex)
    case .nameFlagsGroup: .loose("nbns.name_flags.group", "Name type", .boolean(bytes: 2), mask: 0x8000, blurb: "1: group name")
    case .nameFlagsOnt: .loose("nbns.name_flags.ont", "ONT", .uint(bytes: 2), mask: 0x6000, values: .nbnsNodeTypes)
    case .nameFlagsDrg: .loose("nbns.name_flags.drg", "Name is being deregistered", .boolean(bytes: 2), mask: 0x1000)
    case .nameFlagsCnf: .loose("nbns.name_flags.cnf", "Name is in conflict", .boolean(bytes: 2), mask: 0x0800)
    case .nameFlagsAct: .loose("nbns.name_flags.act", "Name is active", .boolean(bytes: 2), mask: 0x0400)
    case .nameFlagsPrm: .loose("nbns.name_flags.prm", "Permanent node name", .boolean(bytes: 2), mask: 0x0200)
    case .unitID: .loose("nbns.unit_id", "Unit ID", .ether)
    case .jumpers: .loose("nbns.jumpers", "Jumpers", .uint(bytes: 1), base: .hex)
    case .testResult: .loose("nbns.test_result", "Test result", .uint(bytes: 1), base: .hex)
    case .versionNumber: .loose("nbns.version_number", "Version number", .uint(bytes: 2), base: .hex)
    case .periodOfStatistics: .loose("nbns.period_of_statistics", "Period of statistics", .uint(bytes: 2), base: .hex)
    case .numCRCs: .loose("nbns.num_crcs", "Number of CRCs", .uint(bytes: 2))
    case .numAlignmentErrors: .loose("nbns.num_alignment_errors", "Number of alignment errors", .uint(bytes: 2))
    case .numCollisions: .loose("nbns.num_collisions", "Number of collisions", .uint(bytes: 2))
    case .numSendAborts: .loose("nbns.num_send_aborts", "Number of send aborts", .uint(bytes: 2))
    case .numGoodSends: .loose("nbns.num_good_sends", "Number of good sends", .uint(bytes: 4))
    case .numGoodReceives: .loose("nbns.num_good_receives", "Number of good receives", .uint(bytes: 4))
    case .numRetransmits: .loose("nbns.numretransmits", "Number of retransmits", .uint(bytes: 2))
    case .numNoResourceConditions: .loose("nbns.num_no_resource_conditions", "Number of no resource conditions", .uint(bytes: 2))
    case .numCommandBlocks: .loose("nbns.numcommand_blocks", "Number of command blocks", .uint(bytes: 2))
    case .numPendingSessions: .loose("nbns.numpending_sessions", "Number of pending sessions", .uint(bytes: 2))
    case .maxNumPendingSessions: .loose("nbns.max_num_pending_sessions", "Max number of pending sessions", .uint(bytes: 2))
    case .maxTotalSessionsPossible: .loose("nbns.max_total_sessions_possible", "Max total sessions possible", .uint(bytes: 2))
    case .sessionDataPacketSize: .loose("nbns.session_data_packet_size", "Session data packet size", .uint(bytes: 2))
    }
  }

  static let flagBitResponse: UInt64 = 0x8000
  static let typeNB: UInt16 = 32
  static let typeNBSTAT: UInt16 = 33

  /// The node status statistics after the names and unit ID, with their
  /// sizes in bytes, in the order they are sent.
  static let statistics: [(NBNS, Int)] = [
    (.jumpers, 1), (.testResult, 1), (.versionNumber, 2), (.periodOfStatistics, 2), (.numCRCs, 2),
    (.numAlignmentErrors, 2), (.numCollisions, 2), (.numSendAborts, 2), (.numGoodSends, 4),
    (.numGoodReceives, 4), (.numRetransmits, 2), (.numNoResourceConditions, 2), (.numCommandBlocks, 2),
    (.numPendingSessions, 2), (.maxNumPendingSessions, 2), (.maxTotalSessionsPossible, 2),
    (.sessionDataPacketSize, 2),
  ]

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    _ = try c.fixed(id)
    let bits = try c.uint16(2)
    try flagFields(c, UInt64(bits))
    var counts: [Int] = []
    for field in [countQueries, countAnswers, countAuth, countAdditional] {
      counts.append(Int(try c.fixed(field)))
    }
    var offset = 12
    for _ in 0..<counts[0] { offset += try query(c, at: offset) }
    for section in 1..<4 {
      for _ in 0..<counts[section] { offset += try record(c, at: offset) }
    }
    return .stop
  }

  /// The flags word: authoritative, recursion available and the rcode only
  /// in responses.
  private static func flagFields(_ c: LayerCursor, _ value: UInt64) throws(DissectionStop) {
    let response = value & flagBitResponse != 0
    try c.add(flags, at: 2, 2, value: value)
    func bit(_ field: NBNS, _ mask: UInt64) throws(DissectionStop) {
      try c.add(field, at: 2, 2, value: value & mask != 0 ? 1 : 0, depth: 2)
    }
    try bit(flagResponse, 0x8000)
    try c.add(flagOpcode, at: 2, 2, value: value >> 11 & 0xf, depth: 2)
    if response { try bit(flagAuthoritative, 0x0400) }
    try bit(flagTruncated, 0x0200)
    try bit(flagRecDesired, 0x0100)
    if response { try bit(flagRecAvail, 0x0080) }
    try bit(flagBroadcast, 0x0010)
    if response { try c.add(flagRcode, at: 2, 2, value: value & 0xf, depth: 2) }
  }

  /// The name at `offset`: its NetBIOS text and the bytes it used. An NB
  /// record's name ends with what its type is (`NAME<00> (Workstation/
  /// Redirector)`), as Wireshark writes it there.
  private static func addName(
    _ c: LayerCursor, _ read: DNSName, at offset: Int, depth: UInt8, describingType: Bool = false
  ) {
    var decoded = NetBIOSName.decode(read.text)
    if describingType { decoded.text += Array(" (\(NetBIOSName.typeDescription(decoded.type)))".utf8) }
    c.computed(name, at: offset, read.wireLength, bytes: decoded.text, depth: depth)
  }

  /// One question; answers the bytes it used.
  private static func query(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Int {
    let read = try DNSName.read(c, at: offset, messageStart: 0)
    let length = read.wireLength
    addName(c, read, at: offset, depth: 3)
    try c.add(type, at: offset + length, 2, value: UInt64(try c.uint16(offset + length)), depth: 3)
    try c.add(rrClass, at: offset + length + 2, 2, value: UInt64(try c.uint16(offset + length + 2)), depth: 3)
    return length + 4
  }

  /// One resource record; answers the bytes it used.
  private static func record(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Int {
    let read = try DNSName.read(c, at: offset, messageStart: 0)
    let length = read.wireLength
    let fixed = offset + length
    let rrType = try c.uint16(fixed)
    addName(c, read, at: offset, depth: 3, describingType: rrType == typeNB)
    try c.add(type, at: fixed, 2, value: UInt64(rrType), depth: 3)
    try c.add(rrClass, at: fixed + 2, 2, value: UInt64(try c.uint16(fixed + 2)), depth: 3)
    try c.add(ttl, at: fixed + 4, 4, value: UInt64(try c.uint32(fixed + 4)), depth: 3)
    let count = Int(try c.uint16(fixed + 8))
    try c.add(dataLength, at: fixed + 8, 2, value: UInt64(count), depth: 3)
    switch rrType {
    case typeNB: try addresses(c, at: fixed + 10, count)
    case typeNBSTAT: try nodeStatus(c, at: fixed + 10, count)
    default: break
    }
    return length + 10 + count
  }

  /// NB data: name flags and an IPv4 address, six bytes an entry.
  private static func addresses(_ c: LayerCursor, at start: Int, _ count: Int) throws(DissectionStop) {
    var offset = start
    while offset + 6 <= start + count {
      let value = UInt64(try c.uint16(offset))
      try c.add(nbFlags, at: offset, 2, value: value, depth: 3)
      try c.add(nbFlagsGroup, at: offset, 2, value: value >> 15, depth: 4)
      try c.add(nbFlagsOnt, at: offset, 2, value: value >> 13 & 3, depth: 4)
      try c.add(addr, at: offset + 2, 4, value: UInt64(try c.uint32(offset + 2)), depth: 3)
      offset += 6
    }
  }

  /// NBSTAT data (RFC 1002 section 4.2.18): the node's names, each with
  /// its flags, then its unit ID and statistics, as far as the data goes.
  private static func nodeStatus(_ c: LayerCursor, at start: Int, _ count: Int) throws(DissectionStop) {
    guard count >= 1 else { return }
    let names = Int(try c.uint8(start))
    try c.add(numberOfNames, at: start, 1, value: UInt64(names), depth: 3)
    var offset = start + 1
    let end = start + count
    for _ in 0..<names {
      guard offset + 18 <= end else { return }
      try c.check(offset, 18)
      var raw: [UInt8] = []
      for i in 0..<15 { raw.append(try c.uint8(offset + i)) }
      c.computed(netbiosName, at: offset, 16, bytes: NetBIOSName.listed(raw), depth: 3)
      let value = UInt64(try c.uint16(offset + 16))
      try c.add(nameFlags, at: offset + 16, 2, value: value, depth: 3)
      for (field, shift) in [(nameFlagsGroup, 15), (nameFlagsOnt, 13), (nameFlagsDrg, 12), (nameFlagsCnf, 11),
        (nameFlagsAct, 10), (nameFlagsPrm, 9)] {
        try c.add(field, at: offset + 16, 2, value: value >> UInt64(shift) & (field == nameFlagsOnt ? 3 : 1), depth: 4)
      }
      offset += 18
    }
    guard offset + 6 <= end else { return }
    try c.add(unitID, at: offset, 6, depth: 3)
    offset += 6
    for (field, size) in statistics {
      guard offset + size <= end else { return }
      try c.add(field, at: offset, size, value: try c.uint(offset, size), depth: 3)
      offset += size
    }
  }
}
