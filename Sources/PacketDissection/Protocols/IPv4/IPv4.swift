/// Internet Protocol version 4 (RFC 791 section 3.1).
enum IPv4: UInt8, ProtocolModule {
  case item, version, hdrLen, dsfield, dscp, ecn, len, id, flags, flagRB, flagDF, flagMF, fragOffset, ttl, proto,
    checksum, checksumStatus, src, addr, srcHost, host, dst, dstHost, optType, optCopy, optClass, optNumber, optLen,
    fragments, fragment, fragmentOverlap, fragmentOverlapConflict, fragmentMultipleTails, fragmentTooLong,
    fragmentError, fragmentCount, reassembledIn, reassembledLength, reassembledData

  static var protocolID: ProtocolID { .ip }
  static var level: LayerLevel { .network }
  static let bindings: [Binding] = [Binding(.ethertype, 0x0800), Binding(.linkType, 228), Binding(.nullFamily, 2),
               Binding(.sllProtocol, 0x0800), Binding(.ipProto, 4),
               Binding(.greProto, 0x0800), Binding(.greProto, 0x883e), Binding(.pppProtocol, 0x0021),
               Binding(.chdlcProtocol, 0x0800)]
  static let headerBits = 160
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ip", "Internet Protocol Version 4")
    case .version: .uint("ip.version", "Version", at: 0, bytes: 1, mask: 0xf0, kernel: .fixed(after: 1))
    case .hdrLen: .uint("ip.hdr_len", "Header Length", at: 0, bytes: 1, mask: 0x0f, blurb: "Header length in 32-bit words (shown in bytes)", values: .byteCount, kernel: .fixed(after: 1, wordsAsBytes: true))
    case .dsfield: .uint("ip.dsfield", "Differentiated Services Field", at: 1, bytes: 1, base: .hex, kernel: .fixed(after: 2))
    case .dscp: .uint("ip.dsfield.dscp", "Differentiated Services Codepoint", at: 1, bytes: 1, mask: 0xfc, values: .dscpNames, kernel: .fixed(after: 2))
    case .ecn: .uint("ip.dsfield.ecn", "Explicit Congestion Notification", at: 1, bytes: 1, mask: 0x03, values: .ecnNames, kernel: .fixed(after: 2))
    case .len: .uint("ip.len", "Total Length", at: 2, bytes: 2, kernel: .fixed(after: 4))
    case .id: .uint("ip.id", "Identification", at: 4, bytes: 2, base: .hexDec, kernel: .fixed(after: 6))
    case .flags: .uint("ip.flags", "Flags", at: 6, bytes: 1, mask: 0xe0, base: .hex, kernel: .fixed(after: 7))
    case .flagRB: .flag("ip.flags.rb", "Reserved bit", at: 6, bytes: 1, mask: 0x80, kernel: .fixed(after: 7))
    case .flagDF: .flag("ip.flags.df", "Don't fragment", at: 6, bytes: 1, mask: 0x40, kernel: .fixed(after: 7))
    case .flagMF: .flag("ip.flags.mf", "More fragments", at: 6, bytes: 1, mask: 0x20, kernel: .fixed(after: 7))
    case .fragOffset: .uint("ip.frag_offset", "Fragment Offset", at: 6, bytes: 2, mask: 0x1fff, blurb: "Fragment offset in units of 8 bytes", kernel: .fixed(after: 8))
    case .ttl: .uint("ip.ttl", "Time to Live", at: 8, bytes: 1, kernel: .fixed(after: 9))
    case .proto: .uint("ip.proto", "Protocol", at: 9, bytes: 1, values: .ipProtocols, kernel: .fixed(after: 10))
    case .checksum: .uint("ip.checksum", "Header Checksum", at: 10, bytes: 2, base: .hex, kernel: .fixed(after: 12))
    case .checksumStatus: .loose("ip.checksum.status", "Header checksum status", .uint(bytes: 1), blurb: "2: not verified", values: .checksumStatus)
    case .src: .fixed("ip.src", "Source Address", .ipv4, at: 12, bytes: 4, kernel: .fixed(after: 16))
    case .addr: .loose("ip.addr", "Source or Destination Address", .ipv4, kernel: .copies(of: [(IPv4.src, after: 16), (IPv4.dst, after: 20)]))
    case .srcHost: .loose("ip.src_host", "Source Host", .string)
    case .host: .loose("ip.host", "Source or Destination Host", .string)
    case .dst: .fixed("ip.dst", "Destination Address", .ipv4, at: 16, bytes: 4, kernel: .fixed(after: 20))
    case .dstHost: .loose("ip.dst_host", "Destination Host", .string)
    case .optType: .loose("ip.opt.type", "Type", .uint(bytes: 1))
    case .optCopy: .loose("ip.opt.type.copy", "Copy on fragmentation", .boolean(bytes: 1), mask: 0x80, values: .yesNo)
    case .optClass: .loose("ip.opt.type.class", "Class", .uint(bytes: 1), mask: 0x60)
    case .optNumber: .loose("ip.opt.type.number", "Number", .uint(bytes: 1), mask: 0x1f)
    case .optLen: .loose("ip.opt.len", "Length", .uint(bytes: 1))
    case .fragments: .loose("ip.fragments", "IPv4 Fragments", .bytes)
    case .fragment: .loose("ip.fragment", "IPv4 Fragment", .frameNumber)
    case .fragmentOverlap: .loose("ip.fragment.overlap", "Fragment overlap", .boolean(bytes: 1), blurb: "Fragment overlaps with other fragments")
    case .fragmentOverlapConflict: .loose("ip.fragment.overlap.conflict", "Conflicting data in fragment overlap", .boolean(bytes: 1))
    case .fragmentMultipleTails: .loose("ip.fragment.multipletails", "Multiple tail fragments found", .boolean(bytes: 1))
    case .fragmentTooLong: .loose("ip.fragment.toolongfragment", "Fragment too long", .boolean(bytes: 1), blurb: "Fragment contained data past end of packet")
    case .fragmentError: .loose("ip.fragment.error", "Defragmentation error", .frameNumber, blurb: "A fragment that overlaps, runs past the end or is a second tail")
    case .fragmentCount: .loose("ip.fragment.count", "Fragment count", .uint(bytes: 4))
    case .reassembledIn: .loose("ip.reassembled_in", "Reassembled IPv4 in frame", .frameNumber, blurb: "Known only to a second pass: never set in one")
    case .reassembledLength: .loose("ip.reassembled.length", "Reassembled IPv4 length", .uint(bytes: 4))
    case .reassembledData: .loose("ip.reassembled.data", "Reassembled IPv4 data", .bytes)
    }
  }

  /// The fields of defragmentation, as `IPReassembly` records them.
  static let reassembly = IPReassembly(
    fragments: fragments.fieldID, fragment: fragment.fieldID, overlap: fragmentOverlap.fieldID,
    conflict: fragmentOverlapConflict.fieldID, multipleTails: fragmentMultipleTails.fieldID,
    tooLong: fragmentTooLong.fieldID, error: fragmentError.fieldID, count: fragmentCount.fieldID,
    length: reassembledLength.fieldID, data: reassembledData.fieldID)

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let first = try c.uint8(0)
    try c.fixed(version)
    // Wireshark hands a version-6 header under an IPv4 binding to IPv6.
    if first >> 4 == 6 { return .layer(.ipv6, at: c.start, end: c.end) }
    guard first >> 4 == 4 else { throw .malformed }
    let headerLength = Int(first & 0x0f) * 4
    try c.add(hdrLen, at: 0, 1, value: UInt64(headerLength))
    guard headerLength >= 20 else { throw .malformed }
    try c.fixed(dsfield)
    // Its bits lie in the byte just read: skip them unless wanted.
    if c.wants(dscp) || c.wants(ecn) {
      try c.fixed(dscp, depth: 2)
      try c.fixed(ecn, depth: 2)
    }
    // Zero means the NIC segments the datagram (TSO): Wireshark then takes
    // the length from the frame, and shows that as the value.
    let declaredLength = Int(try c.uint16(2))
    let totalLength = declaredLength == 0 ? c.length : declaredLength
    try c.add(len, at: 2, 2, value: UInt64(totalLength))
    guard totalLength >= headerLength else { throw .malformed }
    c.limit(to: totalLength)
    c.dissection.claim(end: c.start + totalLength)
    let identification = try c.fixed(id)
    let flagBits = try c.fixed(flags)
    if c.wants(flagRB) || c.wants(flagDF) || c.wants(flagMF) {
      try c.fixed(flagRB, depth: 2)
      try c.fixed(flagDF, depth: 2)
      try c.fixed(flagMF, depth: 2)
    }
    let fragment = try c.fixed(fragOffset)
    try c.fixed(ttl)
    let protocolNumber = try c.fixed(proto)
    try c.fixed(checksum)
    c.generated(checksumStatus, value: 2)
    try address(c, at: 12, field: src, hostField: srcHost)
    try address(c, at: 16, field: dst, hostField: dstHost)
    let s = try c.uint32(12)
    let d = try c.uint32(16)
    // Also inside an ICMP error: the quoted datagram's transport layer
    // finds its conversation by the quoted addresses.
    c.state.networkSource = NetworkAddress(low: UInt64(s))
    c.state.networkDestination = NetworkAddress(low: UInt64(d))
    try options(c, end: headerLength)
    let payload = c.start + headerLength
    // As Wireshark: a fragment captured whole goes to the defragmenter,
    // and the layers above run once, over the datagram, at the fragment
    // that completes it.
    if flagBits & 1 != 0 || fragment != 0, c.state.defragments, c.depth == 0, payload < c.end,
      c.end <= c.packet.count
    {
      let key = IPDefragmenter.Key(
        source: c.state.networkSource, destination: c.state.networkDestination,
        identification: UInt32(identification), proto: UInt16(protocolNumber))
      guard
        let whole = c.state.defragmenter.add(
          key, frame: c.dissection.frame.number, offset: Int(fragment) * 8,
          bytes: c.packet.slice(payload, c.end - payload), more: flagBits & 1 != 0)
      else {
        c.dissection.heldFragment = true
        return .data(at: payload, end: c.end)
      }
      let at = reassembly.record(whole, &c, headerEnd: payload)
      return .dispatch(.ipProto, key: UInt32(protocolNumber), at: at, end: at + whole.data.count)
    }
    if fragment != 0 { return .data(at: payload, end: c.end) }
    return .dispatch(.ipProto, key: UInt32(protocolNumber), at: payload, end: c.end)
  }

  private static func address(_ c: LayerCursor, at offset: Int, field: IPv4, hostField: IPv4)
    throws(DissectionStop)
  {
    let value = UInt64(try c.uint32(offset))
    try c.add(field, at: offset, 4, value: value)
    try c.add(addr, at: offset, 4, value: value, flags: .hidden)
    if c.wants(hostField) || c.wants(host) {
      let text = Array(FieldText.ipv4(UInt32(value)).utf8)
      c.computed(hostField, at: offset, 4, bytes: text, flags: .hidden)
      c.computed(host, at: offset, 4, bytes: text, flags: .hidden)
    }
  }

  /// Options (RFC 791): type-only EOL (0) and NOP (1); the rest carry a length.
  private static func options(_ c: LayerCursor, end: Int) throws(DissectionStop) {
    var offset = 20
    while offset < end {
      let type = try c.uint8(offset)
      // An option whose length is missing, too small or past the header is
      // not shown, as Wireshark shows it.
      var length = 1
      if type > 1 {
        guard offset + 1 < end else { return }
        length = Int(try c.uint8(offset + 1))
        guard length >= 2, offset + length <= end else { return }
      }
      try c.add(optType, at: offset, 1, value: UInt64(type), depth: 2)
      try c.add(optCopy, at: offset, 1, value: UInt64(type >> 7), depth: 3)
      try c.add(optClass, at: offset, 1, value: UInt64(type >> 5 & 3), depth: 3)
      try c.add(optNumber, at: offset, 1, value: UInt64(type & 0x1f), depth: 3)
      if type == 0 { return }
      if type > 1 { try c.add(optLen, at: offset + 1, 1, value: UInt64(length), depth: 2) }
      offset += length
    }
  }
}
