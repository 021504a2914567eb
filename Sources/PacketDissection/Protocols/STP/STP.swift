/// Spanning Tree Protocol BPDUs (IEEE 802.1D; rapid spanning tree of
/// 802.1w, whose flags carry the port role): the configuration BPDU's 35
/// bytes and RSTP's version 1 length; then, in a version 3 (MSTP, 802.1s)
/// BPDU, the MST extension: the region's configuration, the CIST's bridge,
/// and one 16-byte record per MST instance; in a version 4 (SPB, 802.1aq)
/// BPDU, the SPT extension after them: the auxiliary configuration
/// identifier and the agreement data. Wireshark files the extensions'
/// fields under `mstp.` (the SPT configuration under the MST one's names),
/// and an instance's flags as the BPDU's own (`stp.flags.*`).
enum STP: UInt8, ProtocolModule {
  case item, protocolIdentifier, version, type, flags, flagTCAck, flagAgreement, flagForwarding, flagLearning,
    flagPortRole, flagProposal, flagTC, rootPriority, rootExtension, rootHW, rootCost, bridgePriority,
    bridgeExtension, bridgeHW, port, messageAge, maxAge, hello, forward, version1Length, version3Length,
    configFormat, configName, configRevision, configDigest, cistRootCost, cistBridgePriority, cistBridgeExtension,
    cistBridgeHW, cistHops, mstiFlags, mstiPriority, mstiID, mstiRootHW, mstiRootCost, mstiBridgePriority,
    mstiPortPriority, mstiHops, version4Length, agreementNumber, disagreementNumber, agreementValid,
    restrictedRole, digestFormatID, digestFormatCapabilities, digestConventionID, digestConventionCapabilities,
    digestEdgeCount, agreementDigest

  static var protocolID: ProtocolID { .stp }
  static var level: LayerLevel { .link }
  static let headerBits = 36 * 8
  static let variablePart: String? = "MSTP extension"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("stp", "Spanning Tree Protocol")
    case .protocolIdentifier: .uint("stp.protocol", "Protocol Identifier", at: 0, bytes: 2, base: .hex, abbreviation: "Protocol ID", values: .stpProtocols)
    case .version: .uint("stp.version", "Protocol Version Identifier", at: 2, bytes: 1, abbreviation: "Version", values: .stpVersions)
    case .type: .uint("stp.type", "BPDU Type", at: 3, bytes: 1, base: .hex, abbreviation: "Type", values: .stpTypes)
    case .flags: .uint("stp.flags", "BPDU flags", at: 4, bytes: 1, base: .hex, abbreviation: "Flags")
    case .flagTCAck: .flag("stp.flags.tcack", "Topology Change Acknowledgment", at: 4, bytes: 1, mask: 0x80, abbreviation: "TCA", values: .yesNo)
    case .flagAgreement: .flag("stp.flags.agreement", "Agreement", at: 4, bytes: 1, mask: 0x40, abbreviation: "Agr", values: .yesNo)
    case .flagForwarding: .flag("stp.flags.forwarding", "Forwarding", at: 4, bytes: 1, mask: 0x20, abbreviation: "Fwd", values: .yesNo)
    case .flagLearning: .flag("stp.flags.learning", "Learning", at: 4, bytes: 1, mask: 0x10, abbreviation: "Lrn", values: .yesNo)
    case .flagPortRole: .uint("stp.flags.port_role", "Port Role", at: 4, bytes: 1, mask: 0x0c, abbreviation: "Role", values: .stpPortRoles)
    case .flagProposal: .flag("stp.flags.proposal", "Proposal", at: 4, bytes: 1, mask: 0x02, abbreviation: "P", values: .yesNo)
    case .flagTC: .flag("stp.flags.tc", "Topology Change", at: 4, bytes: 1, mask: 0x01, abbreviation: "TC", values: .yesNo)
    case .rootPriority: .uint("stp.root.prio", "Root Bridge Priority", at: 5, bytes: 2, mask: 0xf000, abbreviation: "Root Prio")
    case .rootExtension: .uint("stp.root.ext", "Root Bridge System ID Extension", at: 5, bytes: 2, mask: 0x0fff, abbreviation: "Ext")
    case .rootHW: .fixed("stp.root.hw", "Root Bridge System ID", .ether, at: 7, bytes: 6)
    case .rootCost: .uint("stp.root.cost", "Root Path Cost", at: 13, bytes: 4)
    case .bridgePriority: .uint("stp.bridge.prio", "Bridge Priority", at: 17, bytes: 2, mask: 0xf000, abbreviation: "Bridge Prio")
    case .bridgeExtension: .uint("stp.bridge.ext", "Bridge System ID Extension", at: 17, bytes: 2, mask: 0x0fff, abbreviation: "Ext")
    case .bridgeHW: .fixed("stp.bridge.hw", "Bridge System ID", .ether, at: 19, bytes: 6)
    case .port: .uint("stp.port", "Port identifier", at: 25, bytes: 2, base: .hex, abbreviation: "Port")
    case .messageAge: .uint("stp.msg_age", "Message Age", at: 27, bytes: 2, blurb: "Seconds (units of 1/256 on the wire)")
    case .maxAge: .uint("stp.max_age", "Max Age", at: 29, bytes: 2, blurb: "Seconds (units of 1/256 on the wire)")
    case .hello: .uint("stp.hello", "Hello Time", at: 31, bytes: 2, blurb: "Seconds (units of 1/256 on the wire)")
    case .forward: .uint("stp.forward", "Forward Delay", at: 33, bytes: 2, blurb: "Seconds (units of 1/256 on the wire)")
    case .version1Length: .uint("stp.version_1_length", "Version 1 Length", at: 35, bytes: 1, abbreviation: "V1 Len")
    case .version3Length: .loose("mstp.version_3_length", "Version 3 Length", .uint(bytes: 2))
    case .configFormat: .loose("mstp.config_format_selector", "MST Config ID format selector", .uint(bytes: 1))
    case .configName: .loose("mstp.config_name", "MST Config name", .string)
    case .configRevision: .loose("mstp.config_revision_level", "MST Config revision", .uint(bytes: 2))
    case .configDigest: .loose("mstp.config_digest", "MST Config digest", .bytes)
    case .cistRootCost: .loose("mstp.cist_internal_root_path_cost", "CIST Internal Root Path Cost", .uint(bytes: 4))
    case .cistBridgePriority: .loose("mstp.cist_bridge.prio", "CIST Bridge Priority", .uint(bytes: 2))
    case .cistBridgeExtension: .loose("mstp.cist_bridge.ext", "CIST Bridge Identifier System ID Extension", .uint(bytes: 2))
    case .cistBridgeHW: .loose("mstp.cist_bridge.hw", "CIST Bridge Identifier System ID", .ether)
    case .cistHops: .loose("mstp.cist_remaining_hops", "CIST Remaining hops", .uint(bytes: 1))
    case .mstiFlags: .loose("mstp.msti.flags", "MSTI flags", .uint(bytes: 1), base: .hex)
    case .mstiPriority: .loose("mstp.msti.priority", "Priority", .uint(bytes: 1), base: .hex, mask: 0xf0)
    case .mstiID: .loose("mstp.msti.msti_id", "MSTID", .uint(bytes: 2), mask: 0x0fff)
    case .mstiRootHW: .loose("mstp.msti.root.hw", "Regional Root", .ether)
    case .mstiRootCost: .loose("mstp.msti.root_cost", "Internal root path cost", .uint(bytes: 4))
    case .mstiBridgePriority: .loose("mstp.msti.bridge_priority", "Bridge Identifier Priority", .uint(bytes: 1))
    case .mstiPortPriority: .loose("mstp.msti.port_priority", "Port identifier priority", .uint(bytes: 1))
    case .mstiHops: .loose("mstp.msti.remaining_hops", "Remaining hops", .uint(bytes: 1))
    case .version4Length: .loose("mstp.version_4_length", "Version 4 Length", .uint(bytes: 2))
    case .agreementNumber: .loose("mstp.agree_flags.agreement_num", "Agreement Number", .uint(bytes: 1), mask: 0x03)
    case .disagreementNumber: .loose("mstp.agree_flags.dagreement_num", "Disagreement Number", .uint(bytes: 1), mask: 0x0c)
    case .agreementValid:
      .loose("mstp.agree_flags.agreement_valid", "Agreement Valid Flag", .boolean(bytes: 1), mask: 0x10, values: .yesNo)
    case .restrictedRole: .loose("mstp.agree_flags.rest_role", "Restricted Role", .boolean(bytes: 1), mask: 0x20, values: .yesNo)
    case .digestFormatID: .loose("bpdu.agreement_digest_format_id", "Agreement Digest Format Id", .uint(bytes: 1), mask: 0xf0)
    case .digestFormatCapabilities:
      .loose("bpdu.agreement_digest_format_capabilities", "Agreement Digest Format Capabilities", .uint(bytes: 1), mask: 0x0f)
    case .digestConventionID:
      .loose("bpdu.agreement_digest_convention_id", "Agreement Digest Convention Id", .uint(bytes: 1), mask: 0xf0)
    case .digestConventionCapabilities:
      .loose("bpdu.agreement_digest_convention_capabilities", "Agreement Digest Convention Capabilities", .uint(bytes: 1), mask: 0x0f)
    case .digestEdgeCount: .loose("bpdu.agreement_digest_edge_count", "Agreement Digest Edge Count", .uint(bytes: 2))
    case .agreementDigest: .loose("mstp.agreement_digest", "Agreement Digest", .bytes)
    }
  }

  static let configuration: UInt64 = 0x00
  static let rapid: UInt64 = 0x02
  static let topologyChange: UInt64 = 0x80

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(protocolIdentifier)
    let protocolVersion = try c.fixed(version)
    let bpdu = try c.fixed(type)
    // A topology change notification is these four bytes alone; Wireshark
    // shows nothing more of an unknown type either.
    guard bpdu == configuration || bpdu == rapid else { return .stop }
    try c.fixed(flags)
    let rapidFlags = bpdu == rapid
    for field in rapidFlags ? [flagTCAck, flagAgreement, flagForwarding, flagLearning, flagPortRole, flagProposal, flagTC]
      : [flagTCAck, flagTC]
    {
      try c.fixed(field, depth: 2)
    }
    try bridge(c, at: 5, priority: rootPriority, ext: rootExtension, hw: rootHW)
    try c.fixed(rootCost)
    try bridge(c, at: 17, priority: bridgePriority, ext: bridgeExtension, hw: bridgeHW)
    try c.fixed(port)
    for (field, offset) in [(messageAge, 27), (maxAge, 29), (hello, 31), (forward, 33)] {
      // Wireshark shows whole seconds and fractions; only whole ones are kept exact here.
      try c.add(field, at: offset, 2, value: UInt64(try c.uint16(offset)) / 256)
    }
    // The version 1 length and what follows are rapid spanning tree's.
    guard rapidFlags else { return .stop }
    // Wireshark reads the extensions of a BPDU with no version 1 part
    // that is long enough for them.
    guard try c.fixed(version1Length) == 0, protocolVersion >= multipleSpanningTree,
      c.length >= mstBPDULength
    else { return .stop }
    let instances = try mstExtension(c)
    if protocolVersion >= shortestPathTree && c.length >= sptBPDULength { try sptExtension(c, at: instances) }
    return .stop
  }

  static let multipleSpanningTree: UInt64 = 3
  static let shortestPathTree: UInt64 = 4
  /// The shortest BPDUs whose MST and SPT extensions Wireshark reads.
  static let mstBPDULength = 102
  static let sptBPDULength = 106
  /// The MST extension's bytes before the instance records, which the
  /// version 3 length counts with them.
  static let mstFixedLength = 64
  static let mstiLength = 16
  /// The shortest version 4 length that holds the SPT extension.
  static let sptMinimumLength = 53

  /// The MST extension; answers the offset after its instance records.
  /// A version 3 length below the fixed part counts records (as some
  /// Cisco switches send it), and 0 means none, as Wireshark reads them.
  private static func mstExtension(_ c: LayerCursor) throws(DissectionStop) -> Int {
    let length = Int(try c.uint16(36))
    try c.add(version3Length, at: 36, 2, value: UInt64(length))
    try configurationIdentifier(c, at: 38, depth: 2)
    try c.add(cistRootCost, at: 89, 4, value: UInt64(try c.uint32(89)), depth: 2)
    let id = UInt64(try c.uint16(93))
    try c.add(cistBridgePriority, at: 93, 1, value: id & 0xf000, depth: 3)
    try c.add(cistBridgeExtension, at: 93, 2, value: id & 0x0fff, depth: 3)
    try c.add(cistBridgeHW, at: 95, 6, depth: 3)
    try c.add(cistHops, at: 101, 1, value: UInt64(try c.uint8(101)), depth: 2)
    let records = length >= mstFixedLength ? length - mstFixedLength : length * mstiLength
    var offset = mstBPDULength
    for _ in 0..<(records + mstiLength - 1) / mstiLength {
      try instance(c, at: offset)
      offset += mstiLength
    }
    return mstBPDULength + records
  }

  /// The SPT extension at `offset`: its length, then (when it is long
  /// enough) the auxiliary MST configuration identifier and the agreement
  /// data, whose digest starts 8 bytes after the edge count.
  private static func sptExtension(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let length = UInt64(try c.uint16(offset))
    try c.add(version4Length, at: offset, 2, value: length)
    guard length >= sptMinimumLength else { return }
    try configurationIdentifier(c, at: offset + 2, depth: 3)
    let agreement = offset + 53
    let flagsByte = UInt64(try c.uint8(agreement))
    try c.add(agreementNumber, at: agreement, 1, value: flagsByte & 3, depth: 3)
    try c.add(disagreementNumber, at: agreement, 1, value: flagsByte >> 2 & 3, depth: 3)
    try c.add(agreementValid, at: agreement, 1, value: flagsByte >> 4 & 1, depth: 3)
    try c.add(restrictedRole, at: agreement, 1, value: flagsByte >> 5 & 1, depth: 3)
    let format = UInt64(try c.uint8(agreement + 2))
    try c.add(digestFormatID, at: agreement + 2, 1, value: format >> 4, depth: 3)
    try c.add(digestFormatCapabilities, at: agreement + 2, 1, value: format & 0x0f, depth: 3)
    let convention = UInt64(try c.uint8(agreement + 3))
    try c.add(digestConventionID, at: agreement + 3, 1, value: convention >> 4, depth: 3)
    try c.add(digestConventionCapabilities, at: agreement + 3, 1, value: convention & 0x0f, depth: 3)
    try c.add(digestEdgeCount, at: agreement + 4, 2, value: UInt64(try c.uint16(agreement + 4)), depth: 3)
    try c.add(agreementDigest, at: agreement + 14, 20, depth: 3)
  }

  /// An MST configuration identifier: format selector, name (32 bytes,
  /// up to the first NUL), revision level and digest.
  private static func configurationIdentifier(_ c: LayerCursor, at offset: Int, depth: UInt8) throws(DissectionStop) {
    try c.add(configFormat, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: depth)
    try c.check(offset + 1, 32)
    var name: [UInt8] = []
    for i in 0..<32 {
      let byte = try c.uint8(offset + 1 + i)
      if byte == 0 { break }
      name.append(byte)
    }
    c.computed(configName, at: offset + 1, 32, bytes: name, depth: depth)
    try c.add(configRevision, at: offset + 33, 2, value: UInt64(try c.uint16(offset + 33)), depth: depth)
    try c.add(configDigest, at: offset + 35, 16, depth: depth)
  }

  /// One MST instance's record.
  private static func instance(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let bits = UInt64(try c.uint8(offset))
    try c.add(mstiFlags, at: offset, 1, value: bits, depth: 3)
    let flagBits: [(STP, UInt64)] = [
      (flagTCAck, bits >> 7), (flagAgreement, bits >> 6 & 1), (flagForwarding, bits >> 5 & 1),
      (flagLearning, bits >> 4 & 1), (flagPortRole, bits >> 2 & 3), (flagProposal, bits >> 1 & 1), (flagTC, bits & 1),
    ]
    for (field, value) in flagBits { try c.add(field, at: offset, 1, value: value, depth: 4) }
    let root = UInt64(try c.uint16(offset + 1))
    try c.add(mstiPriority, at: offset + 1, 1, value: root >> 12, depth: 3)
    try c.add(mstiID, at: offset + 1, 2, value: root & 0x0fff, depth: 3)
    try c.add(mstiRootHW, at: offset + 3, 6, depth: 3)
    try c.add(mstiRootCost, at: offset + 9, 4, value: UInt64(try c.uint32(offset + 9)), depth: 3)
    try c.add(mstiBridgePriority, at: offset + 13, 1, value: UInt64(try c.uint8(offset + 13) >> 4), depth: 3)
    try c.add(mstiPortPriority, at: offset + 14, 1, value: UInt64(try c.uint8(offset + 14) >> 4), depth: 3)
    try c.add(mstiHops, at: offset + 15, 1, value: UInt64(try c.uint8(offset + 15)), depth: 3)
  }

  /// A bridge identifier: Wireshark shows the priority in its place
  /// value (32768), not shifted down.
  private static func bridge(_ c: LayerCursor, at offset: Int, priority: STP, ext: STP, hw: STP) throws(DissectionStop) {
    let id = UInt64(try c.uint16(offset))
    try c.add(priority, at: offset, 2, value: id & 0xf000, depth: 2)
    try c.add(ext, at: offset, 2, value: id & 0x0fff, depth: 2)
    try c.fixed(hw, depth: 2)
  }
}
