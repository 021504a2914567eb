/// Spanning Tree Protocol BPDUs (IEEE 802.1D; rapid spanning tree of
/// 802.1w, whose flags carry the port role): the configuration BPDU's 35
/// bytes and RSTP's version 1 length. MSTP's extension after them is not
/// shown.
enum STP: UInt8, ProtocolModule {
  case item, protocolIdentifier, version, type, flags, flagTCAck, flagAgreement, flagForwarding, flagLearning,
    flagPortRole, flagProposal, flagTC, rootPriority, rootExtension, rootHW, rootCost, bridgePriority,
    bridgeExtension, bridgeHW, port, messageAge, maxAge, hello, forward, version1Length

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
    }
  }

  static let configuration: UInt64 = 0x00
  static let rapid: UInt64 = 0x02
  static let topologyChange: UInt64 = 0x80

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(protocolIdentifier)
    let protocolVersion = try c.fixed(version)
    let bpdu = try c.fixed(type)
    // A topology change notification is these four bytes alone.
    guard bpdu != topologyChange else { return .stop }
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
    if protocolVersion >= 2 { try c.fixed(version1Length) }
    return .stop
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
