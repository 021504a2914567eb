/// Generic Network Virtualization Encapsulation (RFC 8926): an eight-byte
/// header, options of variable length, then a frame of the protocol type
/// (an EtherType), on UDP port 6081.
enum Geneve: UInt8, ProtocolModule {
  case item, version, flags, flagOAM, flagCritical, flagsReserved, protoType, vni, reserved, options,
    option, optionClass, optionType, optionTypeCritical, optionFlags, optionFlagsReserved, optionLength,
    gcpVNID, gcpReserved, gcpDirection, gcpEndpoint, gcpProfile, unknownData

  static var protocolID: ProtocolID { .geneve }
  /// At the transport level, so that a question about an inner layer
  /// (which is dissected down to the transport level) reaches it.
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.udpPort, 6081)]
  static let headerBits = 64
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("geneve", "Generic Network Virtualization Encapsulation")
    case .version: .uint("geneve.version", "Version", at: 0, bytes: 1, mask: 0xc0, abbreviation: "Ver")
    case .flags: .uint("geneve.flags", "Flags", at: 1, bytes: 1, base: .hex)
    case .flagOAM: .flag("geneve.flags.oam", "Operations, Administration and Management Frame", at: 1, bytes: 1, mask: 0x80, abbreviation: "O")
    case .flagCritical: .flag("geneve.flags.critical", "Critical Options Present", at: 1, bytes: 1, mask: 0x40, abbreviation: "C")
    case .flagsReserved: .flag("geneve.flags.reserved", "Reserved", at: 1, bytes: 1, mask: 0x3f, abbreviation: "Rsvd.")
    case .protoType: .uint("geneve.proto_type", "Protocol Type", at: 2, bytes: 2, base: .hex, values: .ethertypes)
    case .vni: .uint("geneve.vni", "Virtual Network Identifier (VNI)", at: 4, bytes: 3, base: .hexDec, abbreviation: "VNI")
    case .reserved: .uint("geneve.reserved", "Reserved", at: 7, bytes: 1, base: .hex)
    case .options: .loose("geneve.options", "Geneve Options", .bytes)
    case .option: .loose("geneve.option", "Option", .bytes)
    case .optionClass: .loose("geneve.option.class", "Class", .uint(bytes: 2), base: .hex, values: .geneveOptionClasses)
    case .optionType: .loose("geneve.option.type", "Type", .uint(bytes: 1), base: .hex)
    case .optionTypeCritical: .loose("geneve.option.type.critical", "Critical Option", .boolean(bytes: 1), mask: 0x80)
    case .optionFlags: .loose("geneve.option.flags", "Flags", .uint(bytes: 1), base: .hex)
    case .optionFlagsReserved: .loose("geneve.option.flags.reserved", "Reserved", .boolean(bytes: 1), mask: 0xe0)
    case .optionLength: .loose("geneve.option.length", "Length", .uint(bytes: 1), blurb: "In bytes: of the options in the header, of the option in an option", values: .byteCount)
    case .gcpVNID: .loose("geneve.option.gcp.vnid", "GCP Virtual Network ID", .uint(bytes: 4), mask: 0xffff_fff0)
    case .gcpReserved: .loose("geneve.option.gcp.reserved", "GCP Reserved bits", .boolean(bytes: 4), mask: 0xe)
    case .gcpDirection: .loose("geneve.option.gcp.direction", "GCP Traffic Direction", .boolean(bytes: 4), mask: 0x1, values: .geneveDirection)
    case .gcpEndpoint: .loose("geneve.option.gcp.endpoint", "GCP Endpoint ID", .bytes)
    case .gcpProfile: .loose("geneve.option.gcp.profile", "GCP Profile ID", .uint(bytes: 8))
    case .unknownData: .loose("geneve.option.unknown.data", "Unknown Option Data", .bytes)
    }
  }

  /// Google's option class, whose three option types Wireshark decodes.
  static let googleClass: UInt16 = 0x0132

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let first = try c.uint8(0)
    try c.fixed(version)
    // Wireshark decodes only version 0.
    guard first >> 6 == 0 else { return .data(at: c.start + 1, end: c.end) }
    let headerLength = 8 + Int(first & 0x3f) * 4
    try c.add(optionLength, at: 0, 1, value: UInt64(first & 0x3f) * 4)
    try c.fixed(flags)
    for field in [flagOAM, flagCritical, flagsReserved] { try c.fixed(field, depth: 2) }
    let type = try c.fixed(protoType)
    try c.fixed(vni)
    try c.fixed(reserved)
    if headerLength > 8 {
      try c.add(options, at: 8, headerLength - 8)
      try optionList(c, from: 8, to: headerLength)
    }
    // The inner frame's dissector runs even on no bytes (and finds them malformed).
    // Straight through the EtherType table: Wireshark lists no `ethertype` here.
    guard let inner = Registry.lookup(.ethertype, UInt32(type)) else {
      return .data(at: c.start + headerLength, end: c.end)
    }
    return .layer(inner, at: c.start + headerLength, end: c.end)
  }

  private static func optionList(_ c: LayerCursor, from start: Int, to end: Int) throws(DissectionStop) {
    var offset = start
    while offset < end {
      let classValue = try c.uint16(offset)
      let type = try c.uint8(offset + 2)
      let flagsByte = try c.uint8(offset + 3)
      let length = 4 + Int(flagsByte & 0x1f) * 4
      guard offset + length <= end else { throw .malformed }
      try c.add(option, at: offset, length, depth: 2)
      try c.add(optionClass, at: offset, 2, value: UInt64(classValue), depth: 3)
      try c.add(optionType, at: offset + 2, 1, value: UInt64(type), depth: 3)
      try c.add(optionTypeCritical, at: offset + 2, 1, value: UInt64(type >> 7), depth: 4)
      try c.add(optionFlags, at: offset + 3, 1, value: UInt64(flagsByte & 0xe0), depth: 3)
      try c.add(optionFlagsReserved, at: offset + 3, 1, value: UInt64(flagsByte >> 5 == 0 ? 0 : 1), depth: 4)
      try c.add(optionLength, at: offset + 3, 1, value: UInt64(length), depth: 3)
      try optionData(c, optionClass: classValue, type: type, at: offset + 4, length - 4)
      offset += length
    }
  }

  private static func optionData(_ c: LayerCursor, optionClass: UInt16, type: UInt8, at offset: Int, _ length: Int)
    throws(DissectionStop)
  {
    guard length > 0 else { return }
    switch (optionClass, type & 0x7f) {
    case (googleClass, 1) where length >= 4:
      let word = UInt64(try c.uint32(offset))
      try c.add(gcpVNID, at: offset, 4, value: word >> 4, depth: 3)
      try c.add(gcpDirection, at: offset, 4, value: word & 1, depth: 3)
      try c.add(gcpReserved, at: offset, 4, value: word & 0xe == 0 ? 0 : 1, depth: 3)
    case (googleClass, 2):
      try c.add(gcpEndpoint, at: offset, length, depth: 3)
    case (googleClass, 3) where length >= 8:
      try c.add(gcpProfile, at: offset, 8, value: try c.uint(offset, 8), depth: 3)
    default:
      try c.add(unknownData, at: offset, length, depth: 3)
    }
  }
}
