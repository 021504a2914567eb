/// GPRS Tunnelling Protocol version 1 (3GPP TS 29.060) on UDP ports 2123
/// (GTP-C) and 2152 (GTP-U): the header, its optional sequence number,
/// N-PDU number and extension headers, and a T-PDU's inner IPv4 or IPv6
/// packet; a control message's information elements (`GTPElements.swift`).
enum GTP: UInt8, ProtocolModule {
  case item, flags, version, protocolType, reserved, extensionFlag, sequenceFlag, npduFlag, messageType, length,
    teid, sequenceNumber, npduNumber, nextExtension, extensionLength,
    cause, imsi, associationIMSI, imsiMCC, routingAreaMCC, locationAreaCode, routingAreaCode, reordering, recovery,
    selectionMode, teidData, teidControl, nsapi, chargingCharacteristics, chargingSpare, chargingNormal,
    chargingPrepaid, chargingFlatRate, chargingHotBilling, chargingReserved, chargingID, pdpOrganization, pdpType,
    userIPv4, userIPv6, apnLength, apn, gsnLength, gsnIPv4, gsnIPv6, qosLength, qosRetentionPriority, qosSpare1,
    qosDelay, qosReliability, qosPeak, qosSpare2, qosPrecedence, qosSpare3, qosMean, qosTrafficClass,
    qosDeliveryOrder, qosErroneousDelivery, qosMaximumSDUSize, qosMaximumUplink, qosMaximumDownlink,
    qosResidualBER, qosSDUErrorRatio, qosTransferDelay, qosHandlingPriority, qosGuaranteedUplink,
    qosGuaranteedDownlink, elementLength, ratType, timezone, timezoneDST, extensionID, extensionValue

  static var protocolID: ProtocolID { .gtp }
  /// At the transport level, as a tunnel: a question about the T-PDU's
  /// inner layers (dissected down to the transport level) reaches them.
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.udpPort, 2123), Binding(.udpPort, 2152)]
  static let headerBits = 64
  static var variablePart: String? { "Sequence number, N-PDU number, extension headers; T-PDU" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("gtp", "GPRS Tunneling Protocol")
    case .flags: .uint("gtp.flags", "Flags", at: 0, bytes: 1, base: .hex, blurb: "Ver/PT/Spare/E/S/PN")
    case .version: .uint("gtp.flags.version", "Version", at: 0, bytes: 1, mask: 0xe0, values: .gtpVersions)
    case .protocolType:
      .uint("gtp.flags.payload", "Protocol type", at: 0, bytes: 1, mask: 0x10, abbreviation: "PT", values: .gtpProtocolTypes)
    case .reserved: .uint("gtp.flags.reserved", "Reserved", at: 0, bytes: 1, mask: 0x08, abbreviation: "*")
    case .extensionFlag:
      .flag("gtp.flags.e", "Is Next Extension Header present?", at: 0, bytes: 1, mask: 0x04, abbreviation: "E",
        values: .gtpYesNo)
    case .sequenceFlag:
      .flag("gtp.flags.s", "Is Sequence Number present?", at: 0, bytes: 1, mask: 0x02, abbreviation: "S", values: .gtpYesNo)
    case .npduFlag:
      .flag("gtp.flags.pn", "Is N-PDU number present?", at: 0, bytes: 1, mask: 0x01, abbreviation: "PN", values: .gtpYesNo)
    case .messageType: .uint("gtp.message", "Message Type", at: 1, bytes: 1, base: .hex, values: .gtpMessages)
    case .length: .uint("gtp.length", "Length", at: 2, bytes: 2, blurb: "Length (i.e. number of octets after TID or TEID)")
    case .teid: .uint("gtp.teid", "TEID", at: 4, bytes: 4, base: .hexDec, blurb: "Tunnel Endpoint Identifier")
    case .sequenceNumber: .loose("gtp.seq_number", "Sequence number", .uint(bytes: 2), base: .hexDec)
    case .npduNumber: .loose("gtp.npdu_number", "N-PDU Number", .uint(bytes: 1), base: .hex)
    case .nextExtension:
      .loose("gtp.ext_hdr.next", "Next extension header type", .uint(bytes: 1), base: .hex, values: .gtpExtensionTypes)
    case .extensionLength: .loose("gtp.ext_hdr.length", "Extension Header Length", .uint(bytes: 1))
    case .cause: .loose("gtp.cause", "Cause", .uint(bytes: 1), values: .gtpCauses)
    case .imsi: .loose("e212.imsi", "IMSI", .string)
    case .associationIMSI: .loose("e212.assoc.imsi", "Association IMSI", .string)
    case .imsiMCC: .loose("e212.mcc", "Mobile Country Code (MCC)", .uint(bytes: 2))
    case .routingAreaMCC: .loose("e212.rai.mcc", "Mobile Country Code (MCC)", .uint(bytes: 2))
    case .locationAreaCode: .loose("gtp.lac", "Location Area Code (LAC)", .uint(bytes: 2))
    case .routingAreaCode: .loose("gtp.rai_rac", "Routing Area Code (RAC)", .uint(bytes: 1))
    case .reordering: .loose("gtp.reorder", "Reordering required", .boolean(bytes: 1))
    case .recovery: .loose("gtp.recovery", "Recovery", .uint(bytes: 1))
    case .selectionMode:
      .loose("gtp.sel_mode", "Selection mode", .uint(bytes: 1), mask: 0x03, values: .gtpSelectionModes)
    case .teidData: .loose("gtp.teid_data", "TEID Data I", .uint(bytes: 4), base: .hexDec)
    case .teidControl: .loose("gtp.teid_cp", "TEID Control Plane", .uint(bytes: 4), base: .hexDec)
    case .nsapi: .loose("gtp.nsapi", "NSAPI", .uint(bytes: 1), mask: 0x0f)
    case .chargingCharacteristics: .loose("gtp.chrg_char", "Charging characteristics", .uint(bytes: 2))
    case .chargingSpare: .loose("gtp.chrg_char_s", "Spare", .uint(bytes: 2), mask: 0xf000)
    case .chargingNormal: .loose("gtp.chrg_char_n", "Normal charging", .uint(bytes: 2), mask: 0x0800)
    case .chargingPrepaid: .loose("gtp.chrg_char_p", "Prepaid charging", .uint(bytes: 2), mask: 0x0400)
    case .chargingFlatRate: .loose("gtp.chrg_char_f", "Flat rate charging", .uint(bytes: 2), mask: 0x0200)
    case .chargingHotBilling: .loose("gtp.chrg_char_h", "Hot billing charging", .uint(bytes: 2), mask: 0x0100)
    case .chargingReserved: .loose("gtp.chrg_char_r", "Reserved", .uint(bytes: 2), mask: 0x00ff)
    case .chargingID: .loose("gtp.chrg_id", "Charging ID", .uint(bytes: 4), base: .hexDec)
    case .pdpOrganization:
      .loose("gtp.user_addr_pdp_org", "PDP type organization", .uint(bytes: 1), values: .gtpPDPOrganizations)
    case .pdpType: .loose("gtp.user_addr_pdp_type", "PDP type number", .uint(bytes: 1), base: .hex, values: .gtpPDPTypes)
    case .userIPv4: .loose("gtp.user_ipv4", "End user address IPv4", .ipv4)
    case .userIPv6: .loose("gtp.user_ipv6", "End user address IPv6", .ipv6)
    case .apnLength: .loose("gtp.apn_length", "APN length", .uint(bytes: 2))
    case .apn: .loose("gtp.apn", "APN", .string)
    case .gsnLength: .loose("gtp.gsn_address_length", "GSN address length", .uint(bytes: 2))
    case .gsnIPv4: .loose("gtp.gsn_ipv4", "GSN address IPv4", .ipv4)
    case .gsnIPv6: .loose("gtp.gsn_ipv6", "GSN address IPv6", .ipv6)
    case .qosLength: .loose("gtp.qos_umts_length", "Length", .uint(bytes: 2))
    case .qosRetentionPriority: .loose("gtp.qos_al_ret_priority", "Allocation/Retention priority", .uint(bytes: 1))
    case .qosSpare1: .loose("gtp.qos_spare1", "Spare", .uint(bytes: 1), mask: 0xc0)
    case .qosDelay: .loose("gtp.qos_delay", "QoS delay", .uint(bytes: 1), mask: 0x38, values: .gtpQoSDelays)
    case .qosReliability:
      .loose("gtp.qos_reliability", "QoS reliability", .uint(bytes: 1), mask: 0x07, values: .gtpQoSReliabilities)
    case .qosPeak: .loose("gtp.qos_peak", "QoS peak", .uint(bytes: 1), mask: 0xf0)
    case .qosSpare2: .loose("gtp.qos_spare2", "Spare", .uint(bytes: 1), mask: 0x08)
    case .qosPrecedence:
      .loose("gtp.qos_precedence", "QoS precedence", .uint(bytes: 1), mask: 0x07, values: .gtpQoSPrecedences)
    case .qosSpare3: .loose("gtp.qos_spare3", "Spare", .uint(bytes: 1), mask: 0xe0)
    case .qosMean: .loose("gtp.qos_mean", "QoS mean", .uint(bytes: 1), mask: 0x1f)
    case .qosTrafficClass:
      .loose("gtp.qos_traf_class", "Traffic class", .uint(bytes: 1), mask: 0xe0, values: .gtpQoSTrafficClasses)
    case .qosDeliveryOrder: .loose("gtp.qos_del_order", "Delivery order", .uint(bytes: 1), mask: 0x18)
    case .qosErroneousDelivery:
      .loose("gtp.qos_del_err_sdu", "Delivery of erroneous SDU", .uint(bytes: 1), mask: 0x07)
    case .qosMaximumSDUSize: .loose("gtp.qos_max_sdu_size", "Maximum SDU size", .uint(bytes: 1))
    case .qosMaximumUplink: .loose("gtp.qos_max_ul", "Maximum bit rate for uplink", .uint(bytes: 1))
    case .qosMaximumDownlink: .loose("gtp.qos_max_dl", "Maximum bit rate for downlink", .uint(bytes: 1))
    case .qosResidualBER: .loose("gtp.qos_res_ber", "Residual BER", .uint(bytes: 1), mask: 0xf0)
    case .qosSDUErrorRatio: .loose("gtp.qos_sdu_err_ratio", "SDU Error ratio", .uint(bytes: 1), mask: 0x0f)
    case .qosTransferDelay: .loose("gtp.qos_trans_delay", "Transfer delay", .uint(bytes: 1), mask: 0xfc)
    case .qosHandlingPriority:
      .loose("gtp.qos_traf_handl_prio", "Traffic handling priority", .uint(bytes: 1), mask: 0x03)
    case .qosGuaranteedUplink: .loose("gtp.qos_guar_ul", "Guaranteed bit rate for uplink", .uint(bytes: 1))
    case .qosGuaranteedDownlink: .loose("gtp.qos_guar_dl", "Guaranteed bit rate for downlink", .uint(bytes: 1))
    case .elementLength: .loose("gtp.ext_length", "Length", .uint(bytes: 2))
    case .ratType: .loose("gtp.ext_rat_type", "RAT Type", .uint(bytes: 1), values: .gtpRATTypes)
    case .timezone: .loose("gtp.timezone", "Timezone", .uint(bytes: 1))
    case .timezoneDST: .loose("gtp.timezone_dst", "DST", .uint(bytes: 1), mask: 0x03, values: .gtpDaylightSaving)
    case .extensionID: .loose("gtp.ext_id", "Extension identifier", .uint(bytes: 2))
    case .extensionValue: .loose("gtp.ext_val", "Extension value", .bytes)
    }
  }

  static let tpdu: UInt64 = 0xff

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Version 2 is GTPv2-C, which GTP hands on without an item of its
    // own; version 0 is not read.
    if c.capturedLength >= 1, try c.uint8(0) >> 5 == 2 {
      c.hideItem()
      return .layer(.gtpv2, at: c.start, end: c.end)
    }
    guard c.capturedLength >= 8, try c.uint8(0) >> 5 == 1 else {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    let flagBits = try c.fixed(flags)
    try c.fixed(version, depth: 2)
    try c.fixed(protocolType, depth: 2)
    try c.fixed(reserved, depth: 2)
    try c.fixed(extensionFlag, depth: 2)
    try c.fixed(sequenceFlag, depth: 2)
    try c.fixed(npduFlag, depth: 2)
    let message = try c.fixed(messageType)
    let declared = Int(try c.fixed(length))
    try c.fixed(teid)
    var offset = 8
    if flagBits & 0x07 != 0 {
      if flagBits & 0x02 != 0 { try c.add(sequenceNumber, at: 8, 2, value: UInt64(try c.uint16(8))) }
      if flagBits & 0x01 != 0 { try c.add(npduNumber, at: 10, 1, value: UInt64(try c.uint8(10))) }
      var next = try c.uint8(11)
      if flagBits & 0x04 != 0 { try c.add(nextExtension, at: 11, 1, value: UInt64(next)) }
      offset = 12
      // Each extension header: a length in 4-byte units, content, the next type.
      while flagBits & 0x04 != 0 && next != 0 {
        let units = Int(try c.uint8(offset))
        guard units > 0 else { throw .malformed }
        try c.add(extensionLength, at: offset, 1, value: UInt64(units), depth: 2)
        next = try c.uint8(offset + units * 4 - 1)
        try c.add(nextExtension, at: offset + units * 4 - 1, 1, value: UInt64(next), depth: 2)
        offset += units * 4
      }
    }
    guard message == tpdu else {
      try elements(&c, from: offset)
      return .stop
    }
    let end = min(c.end, c.start + 8 + declared)
    guard offset < end - c.start else { return .stop }
    switch try c.uint8(offset) >> 4 {
    case 4: return .layer(.ip, at: c.start + offset, end: end)
    case 6: return .layer(.ipv6, at: c.start + offset, end: end)
    default: return .data(at: c.start + offset, end: end)
    }
  }
}
