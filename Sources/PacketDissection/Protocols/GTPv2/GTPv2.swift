/// GPRS Tunnelling Protocol version 2 for the control plane (3GPP TS
/// 29.274), which GTP hands a version 2 message on UDP port 2123: the
/// header (its TEID when the T flag is set, its priority when the MP flag
/// is), and the information elements as a type, a length, the CR flag and
/// the instance, a grouped element's members after it. The contents of the
/// commonest elements are taken apart (`GTPv2Elements.swift`); the IMSI
/// and country codes with GTP's `e212.*` fields, as Wireshark files them.
enum GTPv2: UInt8, ProtocolModule {
  case item, flags, version, piggybacking, teidFlag, priorityFlag, messageType, messageLength, teid, sequence,
    messagePriority, spare, elementType, elementLength, crFlag, instance,
    cause, causeSpare, pdnConnectionError, bearerContextError, causeSource, recovery,
    mei, apn, ambrUplink, ambrDownlink, spareBits, ebi, ratType, fteidV4, fteidV6, fteidInterface, fteidKey,
    fteidIPv4, fteidIPv6, pdnType, paaIPv6PrefixLength, paaIPv6, paaIPv4, qosPCI, qosPL, qosPVI, qosQCI,
    qosMaximumUplink, qosMaximumDownlink, qosGuaranteedUplink, qosGuaranteedDownlink, apnRestriction,
    selectionMode, nodeType

  static var protocolID: ProtocolID { .gtpv2 }
  static var level: LayerLevel { .application }
  static let headerBits = 32
  static var variablePart: String? { "TEID (T = 1), sequence number, priority or spare; information elements" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("gtpv2", "GPRS Tunneling Protocol V2")
    case .flags: .uint("gtpv2.flags", "Flags", at: 0, bytes: 1, base: .hex)
    case .version: .uint("gtpv2.version", "Version", at: 0, bytes: 1, mask: 0xe0)
    case .piggybacking: .uint("gtpv2.p", "Piggybacking flag (P)", at: 0, bytes: 1, mask: 0x10, abbreviation: "P")
    case .teidFlag: .uint("gtpv2.t", "TEID flag (T)", at: 0, bytes: 1, mask: 0x08, abbreviation: "T")
    case .priorityFlag: .uint("gtpv2.mp", "Message Priority(MP)", at: 0, bytes: 1, mask: 0x04, abbreviation: "MP")
    case .messageType: .uint("gtpv2.message_type", "Message Type", at: 1, bytes: 1, values: .gtpv2Messages)
    case .messageLength: .uint("gtpv2.msg_length", "Message Length", at: 2, bytes: 2)
    case .teid: .loose("gtpv2.teid", "Tunnel Endpoint Identifier", .uint(bytes: 4), base: .hexDec)
    case .sequence: .loose("gtpv2.seq", "Sequence Number", .uint(bytes: 3), base: .hexDec)
    case .messagePriority: .loose("gtpv2.msg_prio", "Message Priority", .uint(bytes: 1), mask: 0xf0)
    case .spare: .loose("gtpv2.spare", "Spare", .uint(bytes: 2))
    case .elementType: .loose("gtpv2.ie_type", "IE Type", .uint(bytes: 1), values: .gtpv2Elements)
    case .elementLength: .loose("gtpv2.ie_len", "IE Length", .uint(bytes: 2))
    case .crFlag: .loose("gtpv2.cr", "CR flag", .uint(bytes: 1), mask: 0xf0)
    case .instance: .loose("gtpv2.instance", "Instance", .uint(bytes: 1), mask: 0x0f)
    case .cause: .loose("gtpv2.cause", "Cause", .uint(bytes: 1), values: .gtpv2Causes)
    case .causeSpare: .loose("gtpv2.spare_b7_b3", "Spare bit(s)", .uint(bytes: 1), mask: 0xf8)
    case .pdnConnectionError:
      .loose("gtpv2.pce", "PCE (PDN Connection IE Error)", .boolean(bytes: 1), mask: 0x04, values: .gtpv2TrueFalse)
    case .bearerContextError:
      .loose("gtpv2.bce", "BCE (Bearer Context IE Error)", .boolean(bytes: 1), mask: 0x02, values: .gtpv2TrueFalse)
    case .causeSource:
      .loose("gtpv2.cs", "CS (Cause Source)", .boolean(bytes: 1), mask: 0x01, values: .gtpv2CauseSources)
    case .recovery: .loose("gtpv2.rec", "Restart Counter", .uint(bytes: 1))
    case .mei: .loose("gtpv2.mei", "MEI(Mobile Equipment Identity)", .string)
    case .apn: .loose("gtpv2.apn", "APN (Access Point Name)", .string)
    case .ambrUplink: .loose("gtpv2.ambr_up", "AMBR Uplink (Aggregate Maximum Bit Rate for Uplink)", .uint(bytes: 4))
    case .ambrDownlink:
      .loose("gtpv2.ambr_down", "AMBR Downlink(Aggregate Maximum Bit Rate for Downlink)", .uint(bytes: 4))
    case .spareBits: .loose("gtpv2.spare_bits", "Spare bit(s)", .uint(bytes: 1))
    case .ebi: .loose("gtpv2.ebi", "EPS Bearer ID (EBI)", .uint(bytes: 1), mask: 0x0f)
    case .ratType: .loose("gtpv2.rat_type", "RAT Type", .uint(bytes: 1), values: .gtpv2RATTypes)
    case .fteidV4: .loose("gtpv2.f_teid_v4", "V4", .boolean(bytes: 1), mask: 0x80, values: .gtpv2IPv4Present)
    case .fteidV6: .loose("gtpv2.f_teid_v6", "V6", .boolean(bytes: 1), mask: 0x40, values: .gtpv2IPv6Present)
    case .fteidInterface:
      .loose("gtpv2.f_teid_interface_type", "Interface Type", .uint(bytes: 1), mask: 0x3f, values: .gtpv2InterfaceTypes)
    case .fteidKey: .loose("gtpv2.f_teid_gre_key", "TEID/GRE Key", .uint(bytes: 4), base: .hexDec)
    case .fteidIPv4: .loose("gtpv2.f_teid_ipv4", "F-TEID IPv4", .ipv4)
    case .fteidIPv6: .loose("gtpv2.f_teid_ipv6", "F-TEID IPv6", .ipv6)
    case .pdnType: .loose("gtpv2.pdn_type", "PDN Type", .uint(bytes: 1), mask: 0x07, values: .gtpv2PDNTypes)
    case .paaIPv6PrefixLength: .loose("gtpv2.pdn_ipv6_len", "IPv6 Prefix Length", .uint(bytes: 1))
    case .paaIPv6: .loose("gtpv2.pdn_addr_and_prefix.ipv6", "PDN Address and Prefix(IPv6)", .ipv6)
    case .paaIPv4: .loose("gtpv2.pdn_addr_and_prefix.ipv4", "PDN Address and Prefix(IPv4)", .ipv4)
    case .qosPCI:
      .loose("gtpv2.bearer_qos_pci", "PCI (Pre-emption Capability)", .boolean(bytes: 1), mask: 0x40,
        values: .gtpv2DisabledEnabled)
    case .qosPL: .loose("gtpv2.bearer_qos_pl", "PL (Priority Level)", .uint(bytes: 1), mask: 0x3c)
    case .qosPVI:
      .loose("gtpv2.bearer_qos_pvi", "PVI (Pre-emption Vulnerability)", .boolean(bytes: 1), mask: 0x01,
        values: .gtpv2DisabledEnabled)
    case .qosQCI: .loose("gtpv2.bearer_qos_label_qci", "Label (QCI)", .uint(bytes: 1))
    case .qosMaximumUplink: .loose("gtpv2.bearer_qos_mbr_up", "Maximum Bit Rate For Uplink", .uint(bytes: 8))
    case .qosMaximumDownlink: .loose("gtpv2.bearer_qos_mbr_down", "Maximum Bit Rate For Downlink", .uint(bytes: 8))
    case .qosGuaranteedUplink: .loose("gtpv2.bearer_qos_gbr_up", "Guaranteed Bit Rate For Uplink", .uint(bytes: 8))
    case .qosGuaranteedDownlink:
      .loose("gtpv2.bearer_qos_gbr_down", "Guaranteed Bit Rate For Downlink", .uint(bytes: 8))
    case .apnRestriction:
      .loose("gtpv2.apn_rest", "APN Restriction", .uint(bytes: 1), values: .gtpv2APNRestrictions)
    case .selectionMode:
      .loose("gtpv2.selec_mode", "Selection Mode", .uint(bytes: 1), mask: 0x03, values: .gtpv2SelectionModes)
    case .nodeType: .loose("gtpv2.node_type", "Node Type", .uint(bytes: 1), values: .gtpv2NodeTypes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let flagBits = try c.fixed(flags)
    try c.fixed(version, depth: 2)
    try c.fixed(piggybacking, depth: 2)
    try c.fixed(teidFlag, depth: 2)
    try c.fixed(priorityFlag, depth: 2)
    try c.fixed(messageType)
    let declared = Int(try c.fixed(messageLength))
    var offset = 4
    if flagBits & 0x08 != 0 {
      try c.add(teid, at: 4, 4, value: UInt64(try c.uint32(4)))
      offset = 8
    }
    try c.add(sequence, at: offset, 3, value: try c.uint(offset, 3))
    let last = try c.uint8(offset + 3)
    if flagBits & 0x04 != 0 {
      try c.add(messagePriority, at: offset + 3, 1, value: UInt64(last >> 4))
    } else {
      try c.add(spare, at: offset + 3, 1, value: UInt64(last))
    }
    // The elements end with the message; a piggybacked message after it
    // is not read.
    var containers: [Range<Int>] = []
    defer { GTP.handOn(c, containers) }
    try elements(&c, from: offset + 4, to: min(c.length, 4 + declared), nesting: 0, &containers)
    return .stop
  }
}
