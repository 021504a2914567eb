import PacketWire

/// The options area shared by the Hop-by-Hop and Destination Options
/// headers (RFC 8200 section 4.2): type-length-value options, except Pad1,
/// a lone zero byte. Option fields belong to `ipv6`, as in Wireshark.
enum IPv6Options {
  /// Option types Wireshark decodes but pktsh does not: their data is
  /// skipped rather than shown as unknown.
  private static let undecoded: Set<UInt8> = [
    0x07, 0x08, 0x0f, 0x26, 0x30, 0x31, 0x4d, 0x63, 0x6d, 0x8b, 0x8c, 0xee,
  ]

  /// Dissects the header at the layer's start: next header, length in
  /// 8-octet units not counting the first, then options. Answers the
  /// header's length in octets and its next-header value.
  static func header<Header: FieldIdentity>(_ c: LayerCursor, nxt: Header, len: Header, lenOctets: Header)
    throws(DissectionStop) -> (length: Int, next: UInt8)
  {
    let next = try c.uint8(0)
    try c.add(nxt, at: 0, 1, value: UInt64(next))
    let units = try c.uint8(1)
    let length = (Int(units) + 1) * 8
    try c.add(len, at: 1, 1, value: UInt64(units))
    try c.add(lenOctets, at: 1, 1, value: UInt64(length))
    try options(c, from: 2, to: length)
    return (length, next)
  }

  private static func options(_ c: LayerCursor, from start: Int, to end: Int) throws(DissectionStop) {
    var offset = start
    while offset < end {
      let type = try c.uint8(offset)
      try c.add(IPv6.optType, at: offset, 1, value: UInt64(type), depth: 2)
      if type == 0 {  // Pad1: the type byte alone, its bits not broken out.
        offset += 1
        continue
      }
      try c.add(IPv6.optAction, at: offset, 1, value: UInt64(type >> 6), depth: 3)
      try c.add(IPv6.optChange, at: offset, 1, value: UInt64(type >> 5 & 1), depth: 3)
      try c.add(IPv6.optRest, at: offset, 1, value: UInt64(type & 0x1f), depth: 3)
      // The length byte and the data must lie inside the header.
      guard offset + 1 < end else { throw .malformed }
      let length = Int(try c.uint8(offset + 1))
      try c.add(IPv6.optLength, at: offset + 1, 1, value: UInt64(length), depth: 2)
      let data = offset + 2
      guard data + length <= end else { throw .malformed }
      switch (type, length) {
      case (0x01, _): try c.add(IPv6.optPadN, at: data, length, depth: 2)
      case (0x04, 1): try c.add(IPv6.optTEL, at: data, 1, value: UInt64(try c.uint8(data)), depth: 2)
      case (0x05, 2):
        try c.add(IPv6.optRouterAlert, at: data, 2, value: UInt64(try c.uint16(data)), depth: 2)
      case (0xc2, 4):
        try c.add(IPv6.optJumbo, at: data, 4, value: UInt64(try c.uint32(data)), depth: 2)
      case (0xc9, _):
        // The address is read whatever the length says (Wireshark flags a
        // length other than 16 and goes on after the address).
        guard data + 16 <= end else { throw .malformed }
        try c.add(IPv6.optHomeAddress, at: data, 16, depth: 2)
        offset = data + 16
        continue
      case _ where type & 0x1f == 0x1e:
        try c.add(IPv6.optExperimental, at: data, length, depth: 2)
      case _ where undecoded.contains(type) || [0x04, 0x05, 0xc2].contains(type):
        break  // Known, but undecoded or with a length that does not fit.
      default:
        try c.add(IPv6.optUnknown, at: data, length, depth: 2)
      }
      offset = data + length
    }
  }
}

/// IPv6 Hop-by-Hop Options header (RFC 8200 section 4.3).
enum IPv6HopByHop: UInt8, ProtocolModule {
  case item, nxt, len, lenOctets

  static var protocolID: ProtocolID { .ipv6HopByHop }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 0)]
  static let headerBits = 16
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ipv6.hopopts", "IPv6 Hop-by-Hop Option")
    case .nxt: .uint("ipv6.hopopts.nxt", "Next Header", at: 0, bytes: 1, values: .ipProtocols)
    case .len: .uint("ipv6.hopopts.len", "Length", at: 1, bytes: 1, blurb: "Extension header length in 8-octet words (minus 1)")
    case .lenOctets: .loose("ipv6.hopopts.len_oct", "Length", .uint(bytes: 2), blurb: "Extension header length in octets")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let (length, next) = try IPv6Options.header(c, nxt: nxt, len: len, lenOctets: lenOctets)
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + length, end: c.end)
  }
}

/// IPv6 Destination Options header (RFC 8200 section 4.6).
enum IPv6DestinationOptions: UInt8, ProtocolModule {
  case item, nxt, len, lenOctets

  static var protocolID: ProtocolID { .ipv6DestinationOptions }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 60)]
  static let headerBits = 16
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ipv6.dstopts", "Destination Options for IPv6")
    case .nxt: .uint("ipv6.dstopts.nxt", "Next Header", at: 0, bytes: 1, values: .ipProtocols)
    case .len: .uint("ipv6.dstopts.len", "Length", at: 1, bytes: 1, blurb: "Extension header length in 8-octet words (minus 1)")
    case .lenOctets: .loose("ipv6.dstopts.len_oct", "Length", .uint(bytes: 2), blurb: "Extension header length in octets")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let (length, next) = try IPv6Options.header(c, nxt: nxt, len: len, lenOctets: lenOctets)
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + length, end: c.end)
  }
}

/// IPv6 Routing header (RFC 8200 section 4.4): type 0 source routes
/// (RFC 2460, deprecated), type 2 for Mobile IPv6 (RFC 6275) and type 4
/// segment routing (RFC 8754).
enum IPv6Routing: UInt8, ProtocolModule {
  case item, nxt, len, lenOctets, type, segleft, unknownData, srcReserved, srcAddr, mipv6Reserved, homeAddress,
    srhLastEntry, srhFlags, srhTag, srhAddr

  static var protocolID: ProtocolID { .ipv6Routing }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 43)]
  static let headerBits = 32
  static let variablePart: String? = "Type-specific data"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ipv6.routing", "Routing Header for IPv6")
    case .nxt: .uint("ipv6.routing.nxt", "Next Header", at: 0, bytes: 1, values: .ipProtocols)
    case .len: .uint("ipv6.routing.len", "Length", at: 1, bytes: 1, blurb: "Extension header length in 8-octet words (minus 1)")
    case .lenOctets: .loose("ipv6.routing.len_oct", "Length", .uint(bytes: 2), blurb: "Extension header length in octets")
    case .type: .uint("ipv6.routing.type", "Type", at: 2, bytes: 1)
    case .segleft: .uint("ipv6.routing.segleft", "Segments Left", at: 3, bytes: 1)
    case .unknownData: .loose("ipv6.routing.unknown_data", "Type-Specific Data", .bytes)
    case .srcReserved: .loose("ipv6.routing.src.reserved", "Reserved", .bytes)
    case .srcAddr: .loose("ipv6.routing.src.addr", "Address", .ipv6)
    case .mipv6Reserved: .loose("ipv6.routing.mipv6.reserved", "Reserved", .bytes)
    case .homeAddress: .loose("ipv6.routing.mipv6.home_address", "Home Address", .ipv6)
    case .srhLastEntry: .loose("ipv6.routing.srh.last_entry", "Last Entry", .uint(bytes: 1), blurb: "Index (zero based) of the last element of the Segment List")
    case .srhFlags: .loose("ipv6.routing.srh.flags", "Flags", .uint(bytes: 1), base: .hex)
    case .srhTag: .loose("ipv6.routing.srh.tag", "Tag", .bytes)
    case .srhAddr: .loose("ipv6.routing.srh.addr", "Address", .ipv6)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let next = try c.fixed(nxt)
    let units = try c.fixed(len)
    let length = (Int(units) + 1) * 8
    try c.add(lenOctets, at: 1, 1, value: UInt64(length))
    let routingType = try c.fixed(type)
    try c.fixed(segleft)
    switch routingType {
    case 0:
      // Wireshark shows a source route only when all of it is there.
      try c.check(0, length)
      try c.add(srcReserved, at: 4, 4)
      for offset in stride(from: 8, to: length, by: 16) { try c.add(srcAddr, at: offset, 16) }
    case 2:
      try c.add(mipv6Reserved, at: 4, 4)
      try c.add(homeAddress, at: 8, 16)
    case 4:
      let lastEntry = Int(try c.uint8(4))
      try c.add(srhLastEntry, at: 4, 1, value: UInt64(lastEntry))
      try c.add(srhFlags, at: 5, 1, value: UInt64(try c.uint8(5)))
      try c.add(srhTag, at: 6, 2)
      for index in 0...lastEntry { try c.add(srhAddr, at: 8 + index * 16, 16) }
    case 3:
      break  // RPL source routes (RFC 6554): compressed addresses, not decoded.
    default:
      try c.add(unknownData, at: 4, length - 4)
    }
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + length, end: c.end)
  }

  /// The destination a type 0 header still routes the packet to (its last
  /// address), which upper-layer checksums cover; nil when none.
  static func finalDestination(_ packet: ByteView, at start: Int) -> ByteView? {
    guard packet.contains(start, 8), packet.byte(start + 2) == 0, packet.byte(start + 3) > 0
    else { return nil }
    let length = (Int(packet.byte(start + 1)) + 1) * 8
    let addresses = (length - 8) / 16
    guard addresses > 0, packet.contains(start + 8 + (addresses - 1) * 16, 16) else { return nil }
    return packet.slice(start + 8 + (addresses - 1) * 16, 16)
  }
}

/// IPv6 Fragment header (RFC 8200 section 4.5).
enum IPv6Fragment: UInt8, ProtocolModule {
  case item, nxt, reservedOctet, offset, reservedBits, more, ident

  static var protocolID: ProtocolID { .ipv6Fragment }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ipProto, 44)]
  static let headerBits = 64

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ipv6.fraghdr", "Fragment Header for IPv6")
    case .nxt: .uint("ipv6.fraghdr.nxt", "Next header", at: 0, bytes: 1, values: .ipProtocols)
    case .reservedOctet: .uint("ipv6.fraghdr.reserved_octet", "Reserved octet", at: 1, bytes: 1, base: .hex)
    case .offset: .uint("ipv6.fraghdr.offset", "Offset", at: 2, bytes: 2, mask: 0xfff8, blurb: "Fragment offset in 8-octet units")
    case .reservedBits: .uint("ipv6.fraghdr.reserved_bits", "Reserved bits", at: 2, bytes: 2, mask: 0x0006)
    case .more: .flag("ipv6.fraghdr.more", "More Fragments", at: 2, bytes: 2, mask: 0x0001, abbreviation: "M")
    case .ident: .uint("ipv6.fraghdr.ident", "Identification", at: 4, bytes: 4, base: .hex)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Wireshark reads the whole header before showing any of it.
    try c.check(0, 8)
    let next = try c.fixed(nxt)
    try c.fixed(reservedOctet)
    let fragmentOffset = try c.fixed(offset)
    try c.fixed(reservedBits)
    let moreFragments = try c.fixed(more) != 0
    let identification = try c.fixed(ident)
    let payload = c.start + 8
    // As Wireshark: a fragment of a real datagram (not an atomic one)
    // captured whole goes to the defragmenter, and the layers above run
    // once, over the datagram, at the fragment that completes it.
    // A fragment quoted in an ICMPv6 error stays data then.
    if moreFragments || fragmentOffset != 0, c.state.defragments, c.depth != 0 {
      return .data(at: payload, end: c.end)
    }
    if moreFragments || fragmentOffset != 0, c.state.defragments, c.end <= c.packet.count {
      let key = IPDefragmenter.Key(
        source: c.state.networkSource, destination: c.state.networkDestination,
        identification: UInt32(identification), proto: 256)
      guard
        let whole = c.state.defragmenter.add(
          key, frame: c.dissection.frame.number, offset: Int(fragmentOffset) * 8,
          bytes: c.packet.slice(payload, c.end - payload), more: moreFragments)
      else {
        c.dissection.heldFragment = true
        return .data(at: payload, end: c.end)
      }
      let at = IPv6.reassembly.record(whole, &c, headerEnd: payload)
      return .dispatch(.ipProto, key: UInt32(next), at: at, end: at + whole.data.count)
    }
    // Without reassembly Wireshark dissects a first fragment's headers as
    // far as they go; later fragments are opaque.
    if fragmentOffset != 0 { return .data(at: payload, end: c.end) }
    return .dispatch(.ipProto, key: UInt32(next), at: payload, end: c.end)
  }
}
