/// IEEE 802.2 Logical Link Control, with the SNAP header (RFC 1042) of SAP
/// 0xAA: what an 802.3 frame (a length where Ethernet II has a type)
/// carries. Spanning tree BPDUs (SAP 0x42, or Cisco's PVST+ over SNAP)
/// and EtherTypes over SNAP go on to their protocols.
enum LLC: UInt8, ProtocolModule {
  case item, dsap, dsapSAP, dsapIG, ssap, ssapSAP, ssapCR, control, controlNR, controlNS, controlSFrameType,
    commandModifier, responseModifier, frameType, oui, type, pid, ciscoPID, nortelPID

  static var protocolID: ProtocolID { .llc }
  static var level: LayerLevel { .link }
  static let headerBits = 24
  static let variablePart: String? = "SNAP header (SAP 0xAA), then the payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("llc", "Logical-Link Control")
    case .dsap: .uint("llc.dsap", "DSAP", at: 0, bytes: 1, base: .hex, values: .llcSAPs)
    case .dsapSAP: .uint("llc.dsap.sap", "SAP", at: 0, bytes: 1, mask: 0xfe, abbreviation: "DSAP", values: .llcSAPBits)
    case .dsapIG: .flag("llc.dsap.ig", "IG Bit", at: 0, bytes: 1, mask: 0x01, abbreviation: "I/G", values: .llcIGBit)
    case .ssap: .uint("llc.ssap", "SSAP", at: 1, bytes: 1, base: .hex, values: .llcSAPs)
    case .ssapSAP: .uint("llc.ssap.sap", "SAP", at: 1, bytes: 1, mask: 0xfe, abbreviation: "SSAP", values: .llcSAPBits)
    case .ssapCR: .flag("llc.ssap.cr", "CR Bit", at: 1, bytes: 1, mask: 0x01, abbreviation: "C/R", values: .llcCRBit)
    case .control: .loose("llc.control", "Control", .uint(bytes: 2), base: .hex, blurb: "One byte in unnumbered frames, two in the others")
    case .controlNR: .loose("llc.control.n_r", "N(R)", .uint(bytes: 2), mask: 0xfe00)
    case .controlNS: .loose("llc.control.n_s", "N(S)", .uint(bytes: 2), mask: 0x00fe)
    case .controlSFrameType: .loose("llc.control.s_ftype", "Supervisory frame type", .uint(bytes: 2), base: .hex, mask: 0x000c)
    case .commandModifier: .loose("llc.control.u_modifier_cmd", "Command", .uint(bytes: 1), base: .hex, mask: 0xec, values: .llcCommands)
    case .responseModifier: .loose("llc.control.u_modifier_resp", "Response", .uint(bytes: 1), base: .hex, mask: 0xec, values: .llcCommands)
    case .frameType: .loose("llc.control.ftype", "Frame type", .uint(bytes: 1), base: .hex, mask: 0x03, values: .llcFrameTypes)
    case .oui: .loose("llc.oui", "Organization Code", .uint(bytes: 3))
    case .type: .loose("llc.type", "Type", .uint(bytes: 2), base: .hex, values: .ethertypes)
    case .pid: .loose("llc.pid", "Protocol ID", .uint(bytes: 2), base: .hex)
    case .ciscoPID: .loose("llc.cisco_pid", "PID", .uint(bytes: 2), base: .hex)
    case .nortelPID: .loose("llc.nortel_pid", "PID", .uint(bytes: 2), base: .hex)
    }
  }

  static let snapSAP: UInt8 = 0xaa
  static let spanningTreeSAP: UInt8 = 0x42
  static let ciscoOUI: UInt64 = 0x00000c
  /// Nortel's (Bay Networks') code, whose PIDs Wireshark files apart
  /// (its discovery protocol, NDP, is not dissected here).
  static let nortelOUI: UInt64 = 0x000081
  /// Cisco's PID for PVST+ BPDUs.
  static let ciscoPVST: UInt64 = 0x010b

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Novell's raw 802.3 puts IPX, whose checksum field is 0xffff, straight after the length.
    if c.capturedLength >= 2, try c.uint16(0) == 0xffff {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    let destination = try c.uint8(0)
    let source = try c.uint8(1)
    try c.fixed(dsap)
    try c.fixed(dsapSAP, depth: 2)
    try c.fixed(dsapIG, depth: 2)
    try c.fixed(ssap)
    try c.fixed(ssapSAP, depth: 2)
    try c.fixed(ssapCR, depth: 2)
    let payload = try controlField(c, response: source & 1 != 0)
    if destination == snapSAP && source == snapSAP { return try snap(c, at: payload) }
    if destination == spanningTreeSAP && source == spanningTreeSAP {
      return .layer(.stp, at: c.start + payload, end: c.end)
    }
    return .data(at: c.start + payload, end: c.end)
  }

  /// The control field: one byte in unnumbered frames, two in information
  /// and supervisory frames. Answers the offset after it.
  private static func controlField(_ c: LayerCursor, response: Bool) throws(DissectionStop) -> Int {
    let first = try c.uint8(2)
    if first & 0x03 == 0x03 {
      try c.add(control, at: 2, 1, value: UInt64(first))
      let modifier = UInt64(first & 0xec) >> 2
      try c.add(response ? responseModifier : commandModifier, at: 2, 1, value: modifier, depth: 2)
      try c.add(frameType, at: 2, 1, value: 3, depth: 2)
      return 3
    }
    // Two-byte control fields are little-endian.
    let value = UInt64(try c.uint16(2).byteSwapped)
    try c.add(control, at: 2, 2, value: value)
    if first & 0x01 == 0 {
      try c.add(controlNR, at: 2, 2, value: value >> 9, depth: 2)
      try c.add(controlNS, at: 2, 2, value: value >> 1 & 0x7f, depth: 2)
      try c.add(frameType, at: 2, 1, value: 0, depth: 2)
    } else {
      try c.add(controlNR, at: 2, 2, value: value >> 9, depth: 2)
      try c.add(controlSFrameType, at: 2, 2, value: value & 0x0c, depth: 2)
      try c.add(frameType, at: 2, 1, value: 1, depth: 2)
    }
    return 4
  }

  /// The SNAP header: an organisation code and a protocol id, an
  /// EtherType under code 0.
  private static func snap(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Next {
    let organisation = try c.uint(offset, 3)
    let protocolID = UInt64(try c.uint16(offset + 3))
    try c.add(oui, at: offset, 3, value: organisation)
    let payload = c.start + offset + 5
    switch organisation {
    case 0:
      try c.add(type, at: offset + 3, 2, value: protocolID)
      // Straight through the EtherType table: Wireshark lists no `ethertype` here.
      guard let inner = Registry.lookup(.ethertype, UInt32(protocolID)) else { return .data(at: payload, end: c.end) }
      return .layer(inner, at: payload, end: c.end)
    case ciscoOUI:
      try c.add(ciscoPID, at: offset + 3, 2, value: protocolID)
      return protocolID == ciscoPVST ? .layer(.stp, at: payload, end: c.end) : .data(at: payload, end: c.end)
    case nortelOUI:
      try c.add(nortelPID, at: offset + 3, 2, value: protocolID)
      return .data(at: payload, end: c.end)
    default:
      try c.add(pid, at: offset + 3, 2, value: protocolID)
      return .data(at: payload, end: c.end)
    }
  }
}
