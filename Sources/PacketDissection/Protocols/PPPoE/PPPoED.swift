/// PPP over Ethernet discovery (RFC 2516, EtherType 0x8863): the 6-byte
/// PPPoE header, then tags (type, length, value) up to the payload length.
/// Wireshark files the header's fields under `pppoe.`, shared with the
/// session stage (`PPPoES` records these same fields), and the tags under
/// `pppoed.`.
enum PPPoED: UInt8, ProtocolModule {
  case item, version, type, code, sessionID, payloadLength, tags, serviceName, acName, hostUniq,
    acCookie, vendorID, vendorUnspecified, sequenceNumber, creditScale, relaySessionID, hurl, motm, maxPayload,
    ipRouteAdd, serviceNameError, acSystemError, genericError, unknownData

  static var protocolID: ProtocolID { .pppoed }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x8863)]
  static let headerBits = 48
  static let variablePart: String? = "Tags"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pppoed", "PPP-over-Ethernet Discovery")
    case .version: .uint("pppoe.version", "Version", at: 0, bytes: 1, mask: 0xf0)
    case .type: .uint("pppoe.type", "Type", at: 0, bytes: 1, mask: 0x0f)
    case .code: .uint("pppoe.code", "Code", at: 1, bytes: 1, base: .hex, values: .pppoeCodes)
    case .sessionID: .uint("pppoe.session_id", "Session ID", at: 2, bytes: 2, base: .hex)
    case .payloadLength: .uint("pppoe.payload_length", "Payload Length", at: 4, bytes: 2)
    case .tags: .loose("pppoed.tags", "PPPoE Tags", .label)
    case .serviceName: .loose("pppoed.tags.service_name", "Service-Name", .string)
    case .acName: .loose("pppoed.tags.ac_name", "AC-Name", .string)
    case .hostUniq: .loose("pppoed.tags.host_uniq", "Host-Uniq", .bytes)
    case .acCookie: .loose("pppoed.tags.ac_cookie", "AC-Cookie", .bytes)
    case .vendorID: .loose("pppoed.tags.vendor_id", "Vendor id", .uint(bytes: 4))
    case .vendorUnspecified: .loose("pppoed.tags.vendor_unspecified", "Vendor unspecified", .bytes)
    case .sequenceNumber: .loose("pppoed.tags.seq_num", "Sequence Number", .uint(bytes: 2), base: .hex)
    case .creditScale: .loose("pppoed.tags.credit_scale", "Credit Scale Factor", .uint(bytes: 2))
    case .relaySessionID: .loose("pppoed.tags.relay_session_id", "Relay-Session-Id", .bytes)
    case .hurl: .loose("pppoed.tags.hurl", "HURL", .bytes)
    case .motm: .loose("pppoed.tags.motm", "MOTM", .bytes)
    case .maxPayload: .loose("pppoed.tags.max_payload", "PPP-Max-Payload", .bytes)
    case .ipRouteAdd: .loose("pppoed.tags.ip_route_add", "IP Route Add", .bytes)
    case .serviceNameError: .loose("pppoed.tags.service_name_error", "Service-Name-Error", .string)
    case .acSystemError: .loose("pppoed.tags.ac_system_error", "AC-System-Error", .string)
    case .genericError: .loose("pppoed.tags.generic_error", "Generic-Error", .string)
    case .unknownData: .loose("pppoed.tag.unknown_data", "Unknown Data", .bytes)
    }
  }

  static let headerLength = 6

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [version, type, code, sessionID] { try c.fixed(field) }
    let length = Int(try c.fixed(payloadLength))
    guard length > 0 else { return .stop }
    try c.add(tags, at: headerLength, max(0, min(length, c.capturedLength - headerLength)))
    let end = headerLength + length
    var offset = headerLength
    // As Wireshark: a tag starts wherever two bytes remain before the end.
    while offset <= end - 2 {
      let number = try c.uint16(offset)
      let size = Int(try c.uint16(offset + 2))
      // Wireshark 4.0 shows each tag's value alone (its preference to show
      // tag numbers and lengths is off).
      if size > 0 { try value(c, tag: number, at: offset + 4, size) }
      offset += 4 + size
    }
    return .stop
  }

  /// The BBF's enterprise number, whose vendor tags Wireshark reads further.
  static let broadbandForum: UInt32 = 3561

  private static func value(_ c: LayerCursor, tag number: UInt16, at offset: Int, _ size: Int) throws(DissectionStop) {
    let field: PPPoED
    switch number {
    case 0x0101: field = .serviceName
    case 0x0102: field = .acName
    case 0x0103: field = .hostUniq
    case 0x0104: field = .acCookie
    case 0x0105:
      let vendor = try c.uint32(offset)
      try c.add(vendorID, at: offset, 4, value: UInt64(vendor), depth: 2)
      if vendor != broadbandForum && size > 4 { try c.add(vendorUnspecified, at: offset + 4, size - 4, depth: 2) }
      return
    case 0x0108: field = .sequenceNumber
    case 0x0109: field = .creditScale
    case 0x0110: field = .relaySessionID
    case 0x0111: field = .hurl
    case 0x0112: field = .motm
    case 0x0120: field = .maxPayload
    case 0x0121: field = .ipRouteAdd
    case 0x0201: field = .serviceNameError
    case 0x0202: field = .acSystemError
    case 0x0203: field = .genericError
    default: field = .unknownData
    }
    if field == .sequenceNumber || field == .creditScale {
      return try c.add(field, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 2)
    }
    try c.add(field, at: offset, size, depth: 2)
  }
}

extension ValueNames {
  static let pppoeCodes = ValueNames(PPPoENames.codeName)
}
