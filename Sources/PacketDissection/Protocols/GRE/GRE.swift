/// Generic Routing Encapsulation (RFC 2784, with the key and sequence
/// number of RFC 2890), the enhanced GRE of PPTP (RFC 2637, version 1),
/// and WCCP's redirect header. The payload goes on by the protocol type.
enum GRE: UInt8, ProtocolModule {
  case item, flagsAndVersion, flagChecksum, flagRouting, flagKey, flagSequence, flagStrictSourceRoute, recursion,
    flagAck, reserved, version, proto, checksum, checksumStatus, offset, key, payloadLength, callID, sequence, ack,
    routing, routingFamily, routingSREOffset, routingSRELength, routingInformation, wccpRedirectHeader,
    wccpDynamicService, wccpAlternativeBucketUsed, wccpRedirectHeaderValid, wccpServiceID, wccpAlternativeBucket,
    wccpPrimaryBucket

  static var protocolID: ProtocolID { .gre }
  static var level: LayerLevel { .network }
  /// IP protocol 47, and GRE-in-UDP (RFC 8086) on UDP port 4754, as tshark binds it.
  static let bindings: [Binding] = [Binding(.ipProto, 47), Binding(.udpPort, 4754)]
  static let headerBits = 32
  static let variablePart: String? = "Checksum, Key, Sequence Number (when flagged)"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("gre", "Generic Routing Encapsulation")
    case .flagsAndVersion: .uint("gre.flags_and_version", "Flags and Version", at: 0, bytes: 2, base: .hex)
    case .flagChecksum: .flag("gre.flags.checksum", "Checksum Bit", at: 0, bytes: 2, mask: 0x8000, abbreviation: "C", values: .yesNo)
    case .flagRouting: .flag("gre.flags.routing", "Routing Bit", at: 0, bytes: 2, mask: 0x4000, abbreviation: "R", values: .yesNo)
    case .flagKey: .flag("gre.flags.key", "Key Bit", at: 0, bytes: 2, mask: 0x2000, abbreviation: "K", values: .yesNo)
    case .flagSequence: .flag("gre.flags.sequence_number", "Sequence Number Bit", at: 0, bytes: 2, mask: 0x1000, abbreviation: "S", values: .yesNo)
    case .flagStrictSourceRoute: .flag("gre.flags.strict_source_route", "Strict Source Route Bit", at: 0, bytes: 2, mask: 0x0800, abbreviation: "s", values: .yesNo)
    case .recursion: .uint("gre.flags.recursion_control", "Recursion control", at: 0, bytes: 2, mask: 0x0700, abbreviation: "Recur")
    case .flagAck: .loose("gre.flags.ack", "Acknowledgment", .boolean(bytes: 2), mask: 0x0080, blurb: "Enhanced GRE (version 1) only", values: .yesNo)
    case .reserved: .uint("gre.flags.reserved", "Flags (Reserved)", at: 0, bytes: 2, mask: 0x00f8, abbreviation: "Flags")
    case .version: .uint("gre.flags.version", "Version", at: 0, bytes: 2, mask: 0x0007, abbreviation: "Ver", values: .greVersions)
    case .proto: .uint("gre.proto", "Protocol Type", at: 2, bytes: 2, base: .hex, values: .greProtocols)
    case .checksum: .loose("gre.checksum", "Checksum", .uint(bytes: 2), base: .hex)
    case .checksumStatus: .loose("gre.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified", values: .checksumStatus)
    case .offset: .loose("gre.offset", "Offset", .uint(bytes: 2))
    case .key: .loose("gre.key", "Key", .uint(bytes: 4), base: .hex)
    case .payloadLength: .loose("gre.key.payload_length", "Payload Length", .uint(bytes: 2))
    case .callID: .loose("gre.key.call_id", "Call ID", .uint(bytes: 2))
    case .sequence: .loose("gre.sequence_number", "Sequence Number", .uint(bytes: 4))
    case .ack: .loose("gre.ack_number", "Acknowledgment Number", .uint(bytes: 4))
    case .routing: .loose("gre.routing", "Routing", .label)
    case .routingFamily: .loose("gre.routing.address_family", "Address Family", .uint(bytes: 2))
    case .routingSREOffset: .loose("gre.routing.sre_offset", "SRE Offset", .uint(bytes: 1))
    case .routingSRELength: .loose("gre.routing.src_length", "SRE Length", .uint(bytes: 1))
    case .routingInformation: .loose("gre.routing.information", "Routing Information", .bytes)
    case .wccpRedirectHeader: .loose("gre.wccp.redirect_header", "Redirect Header", .label)
    case .wccpDynamicService: .loose("gre.wccp.dynamic_service", "Dynamic Service", .boolean(bytes: 1), mask: 0x01, values: .wccpDynamicService)
    case .wccpAlternativeBucketUsed: .loose("gre.wccp.alternative_bucket_used", "Alternative bucket used", .boolean(bytes: 1), mask: 0x02, values: .wccpAlternativeBucketUsed)
    case .wccpRedirectHeaderValid: .loose("gre.wccp.redirect_header_valid", "WCCP Redirect header is valid", .boolean(bytes: 1), mask: 0x04, values: .wccpRedirectHeaderValid)
    case .wccpServiceID: .loose("gre.wccp.service_id", "Service ID", .uint(bytes: 1), values: .wccpServiceIDs)
    case .wccpAlternativeBucket: .loose("gre.wccp.alternative_bucket", "Alternative Bucket", .uint(bytes: 1))
    case .wccpPrimaryBucket: .loose("gre.wccp.primary_bucket", "Primary Bucket", .uint(bytes: 1))
    }
  }

  static let checksumBit: UInt16 = 0x8000
  static let routingBit: UInt16 = 0x4000
  static let keyBit: UInt16 = 0x2000
  static let sequenceBit: UInt16 = 0x1000
  static let ackBit: UInt16 = 0x0080
  /// Protocol types whose payload starts with a header GRE shows itself.
  static let wccp: UInt16 = 0x883e

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let flags = try c.uint16(0)
    let enhanced = flags & 0x7 == 1
    try c.fixed(flagsAndVersion)
    for field in [flagChecksum, flagRouting, flagKey, flagSequence, flagStrictSourceRoute, recursion] {
      try c.fixed(field, depth: 2)
    }
    if enhanced {
      try c.add(flagAck, at: 0, 2, value: UInt64(flags & ackBit) >> 7, depth: 2)
      try c.add(reserved, at: 0, 2, value: UInt64(flags & 0x78) >> 3, depth: 2)
    } else {
      try c.fixed(reserved, depth: 2)
    }
    try c.fixed(version, depth: 2)
    let type = UInt16(try c.fixed(proto))
    var offset = 4
    if flags & (checksumBit | routingBit) != 0 {
      let sum = try c.uint16(offset)
      try c.add(checksum, at: offset, 2, value: UInt64(sum))
      c.generated(checksumStatus, value: checksumStatus(c, flags: flags))
      try c.add(self.offset, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      offset += 4
    }
    if flags & keyBit != 0 {
      if enhanced {
        try c.add(payloadLength, at: offset, 2, value: UInt64(try c.uint16(offset)))
        try c.add(callID, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      } else {
        try c.add(key, at: offset, 4, value: UInt64(try c.uint32(offset)))
      }
      offset += 4
    }
    if flags & sequenceBit != 0 {
      try c.add(sequence, at: offset, 4, value: UInt64(try c.uint32(offset)))
      offset += 4
    }
    if enhanced && flags & ackBit != 0 {
      try c.add(ack, at: offset, 4, value: UInt64(try c.uint32(offset)))
      offset += 4
    }
    if flags & routingBit != 0 { offset = try sourceRouteEntries(c, at: offset) }
    if type == wccp, offset < c.capturedLength, try c.uint8(offset) >> 4 != 4 {
      try redirectHeader(c, at: offset)
      offset += 4
    }
    // A protocol bound to the type runs even on no bytes (and finds them
    // malformed); a header alone is followed by no data.
    return .dispatch(.greProto, key: UInt32(type), at: c.start + offset, end: c.end)
  }

  /// Good or bad when the whole packet was captured, else unverified.
  private static func checksumStatus(_ c: LayerCursor, flags: UInt16) -> UInt64 {
    guard flags & checksumBit != 0, c.capturedLength >= c.length else { return 2 }
    return ICMP.internetChecksum(c.bytes) == 0 ? 1 : 0
  }

  /// The routing field: source route entries up to the one with family 0
  /// and length 0. Answers the offset after it.
  private static func sourceRouteEntries(_ c: LayerCursor, at start: Int) throws(DissectionStop) -> Int {
    var offset = start
    while true {
      let family = try c.uint16(offset)
      let length = Int(try c.uint8(offset + 3))
      try c.add(routing, at: offset, 4 + length)
      try c.add(routingFamily, at: offset, 2, value: UInt64(family), depth: 2)
      try c.add(routingSREOffset, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)), depth: 2)
      try c.add(routingSRELength, at: offset + 3, 1, value: UInt64(length), depth: 2)
      offset += 4
      if family == 0 && length == 0 { return offset }
      try c.add(routingInformation, at: offset, length, depth: 2)
      offset += length
    }
  }

  /// WCCP's redirect header (four bytes before the redirected datagram).
  private static func redirectHeader(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let first = UInt64(try c.uint8(offset))
    try c.add(wccpRedirectHeader, at: offset, 4)
    try c.add(wccpDynamicService, at: offset, 1, value: first & 1, depth: 2)
    try c.add(wccpAlternativeBucketUsed, at: offset, 1, value: first >> 1 & 1, depth: 2)
    try c.add(wccpRedirectHeaderValid, at: offset, 1, value: first >> 2 & 1, depth: 2)
    try c.add(wccpServiceID, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: 2)
    try c.add(wccpAlternativeBucket, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)), depth: 2)
    try c.add(wccpPrimaryBucket, at: offset + 3, 1, value: UInt64(try c.uint8(offset + 3)), depth: 2)
  }
}
