import PacketWire

/// Internet Protocol version 6 (RFC 8200 section 3). Extension headers are
/// layers of their own (IPv6Extensions.swift), as Wireshark shows them in
/// `frame.protocols`; they bind under `ip.proto` like upper layers do.
enum IPv6: UInt8, ProtocolModule {
  case item, version, tclass, dscp, ecn, flow, plen, nxt, hlim, src, addr, srcHost, host, dst, dstHost, srcSLAAC,
    dstSLAAC, slaac, optType, optAction, optChange, optRest, optLength, optPadN, optRouterAlert, optTEL, optJumbo,
    optHomeAddress, optExperimental, optUnknown, fragments, fragment, fragmentOverlap, fragmentOverlapConflict,
    fragmentMultipleTails, fragmentTooLong, fragmentError, fragmentCount, reassembledIn, reassembledLength,
    reassembledData

  static var protocolID: ProtocolID { .ipv6 }
  static var level: LayerLevel { .network }
  // Options of the Hop-by-Hop and Destination Options headers; Wireshark
  // registers them under ipv6.
  static let bindings: [Binding] = [Binding(.ethertype, 0x86dd), Binding(.linkType, 229), Binding(.nullFamily, 24),
               Binding(.nullFamily, 28), Binding(.nullFamily, 30), Binding(.sllProtocol, 0x86dd),
               Binding(.ipProto, 41), Binding(.greProto, 0x86dd), Binding(.pppProtocol, 0x0057),
               Binding(.chdlcProtocol, 0x86dd)]
  static let headerBits = 320
  static let variablePart: String? = "Extension headers and payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ipv6", "Internet Protocol Version 6")
    case .version: .uint("ipv6.version", "Version", at: 0, bytes: 1, mask: 0xf0, kernel: .fixed(after: 1, alsoRecordedAs: IPv4.version.fieldID))
    case .tclass: .uint("ipv6.tclass", "Traffic Class", at: 0, bytes: 4, mask: 0x0ff0_0000, base: .hex, kernel: .fixed(after: 4))
    case .dscp: .uint("ipv6.tclass.dscp", "Differentiated Services Codepoint", at: 0, bytes: 4, mask: 0x0fc0_0000, values: .dscpNames, kernel: .fixed(after: 4))
    case .ecn: .uint("ipv6.tclass.ecn", "Explicit Congestion Notification", at: 0, bytes: 4, mask: 0x0030_0000, values: .ecnNames, kernel: .fixed(after: 4))
    case .flow: .uint("ipv6.flow", "Flow Label", at: 1, bytes: 3, mask: 0x0f_ffff, base: .hex, kernel: .fixed(after: 4))
    case .plen: .uint("ipv6.plen", "Payload Length", at: 4, bytes: 2, blurb: "Octets after this 40-byte header, extension headers included", kernel: .fixed(after: 6))
    case .nxt: .uint("ipv6.nxt", "Next Header", at: 6, bytes: 1, values: .ipProtocols, kernel: .fixed(after: 7))
    case .hlim: .uint("ipv6.hlim", "Hop Limit", at: 7, bytes: 1, kernel: .fixed(after: 8))
    case .src: .fixed("ipv6.src", "Source Address", .ipv6, at: 8, bytes: 16, kernel: .fixed(after: 24))
    case .addr: .loose("ipv6.addr", "Source or Destination Address", .ipv6, kernel: .copies(of: [(IPv6.src, after: 24), (IPv6.dst, after: 40)]))
    case .srcHost: .loose("ipv6.src_host", "Source Host", .string)
    case .host: .loose("ipv6.host", "Source or Destination Host", .string)
    case .dst: .fixed("ipv6.dst", "Destination Address", .ipv6, at: 24, bytes: 16, kernel: .fixed(after: 40))
    case .dstHost: .loose("ipv6.dst_host", "Destination Host", .string)
    case .srcSLAAC: .loose("ipv6.src_slaac_mac", "Source SLAAC MAC", .ether, blurb: "MAC address behind a modified EUI-64 interface identifier")
    case .dstSLAAC: .loose("ipv6.dst_slaac_mac", "Destination SLAAC MAC", .ether)
    case .slaac: .loose("ipv6.slaac_mac", "SLAAC MAC", .ether)
    case .optType: .loose("ipv6.opt.type", "Type", .uint(bytes: 1), base: .hex)
    case .optAction: .loose("ipv6.opt.type.action", "Action", .uint(bytes: 1), mask: 0xc0, blurb: "Action for unrecognized option type")
    case .optChange: .loose("ipv6.opt.type.change", "May Change", .boolean(bytes: 1), mask: 0x20, values: .yesNo)
    case .optRest: .loose("ipv6.opt.type.rest", "Low-Order Bits", .uint(bytes: 1), base: .hex, mask: 0x1f)
    case .optLength: .loose("ipv6.opt.length", "Length", .uint(bytes: 1), blurb: "Option data length in octets")
    case .optPadN: .loose("ipv6.opt.padn", "PadN", .bytes)
    case .optRouterAlert: .loose("ipv6.opt.router_alert", "Router Alert", .uint(bytes: 2))
    case .optTEL: .loose("ipv6.opt.tel", "Tunnel Encapsulation Limit", .uint(bytes: 1))
    case .optJumbo: .loose("ipv6.opt.jumbo", "Payload Length", .uint(bytes: 4), blurb: "Jumbo payload length in octets")
    case .optHomeAddress: .loose("ipv6.opt.mipv6.home_address", "MIPv6 Home Address", .ipv6)
    case .optExperimental: .loose("ipv6.opt.experimental", "Experimental Option", .bytes, blurb: "RFC 4727 experimental types: low five bits 0x1e")
    case .optUnknown: .loose("ipv6.opt.unknown", "Unknown Option Payload", .bytes)
    case .fragments: .loose("ipv6.fragments", "IPv6 Fragments", .label)
    case .fragment: .loose("ipv6.fragment", "IPv6 Fragment", .frameNumber)
    case .fragmentOverlap: .loose("ipv6.fragment.overlap", "Fragment overlap", .boolean(bytes: 1), blurb: "Fragment overlaps with other fragments")
    case .fragmentOverlapConflict: .loose("ipv6.fragment.overlap.conflict", "Conflicting data in fragment overlap", .boolean(bytes: 1))
    case .fragmentMultipleTails: .loose("ipv6.fragment.multipletails", "Multiple tail fragments found", .boolean(bytes: 1))
    case .fragmentTooLong: .loose("ipv6.fragment.toolongfragment", "Fragment too long", .boolean(bytes: 1), blurb: "Fragment contained data past end of packet")
    case .fragmentError: .loose("ipv6.fragment.error", "Defragmentation error", .frameNumber, blurb: "A fragment that overlaps, runs past the end or is a second tail")
    case .fragmentCount: .loose("ipv6.fragment.count", "Fragment count", .uint(bytes: 4))
    case .reassembledIn: .loose("ipv6.reassembled.in", "Reassembled IPv6 in frame", .frameNumber, blurb: "Known only to a second pass: never set in one")
    case .reassembledLength: .loose("ipv6.reassembled.length", "Reassembled IPv6 length", .uint(bytes: 4))
    case .reassembledData: .loose("ipv6.reassembled.data", "Reassembled IPv6 data", .bytes)
    }
  }

  /// The fields of defragmentation, as `IPReassembly` records them (the
  /// Fragment header's layer does).
  static let reassembly = IPReassembly(
    fragments: fragments.fieldID, fragment: fragment.fieldID, overlap: fragmentOverlap.fieldID,
    conflict: fragmentOverlapConflict.fieldID, multipleTails: fragmentMultipleTails.fieldID,
    tooLong: fragmentTooLong.fieldID, error: fragmentError.fieldID, count: fragmentCount.fieldID,
    length: reassembledLength.fieldID, data: reassembledData.fieldID)

  /// The fixed header's length in octets.
  static let headerLength = 40

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let versionNumber = try c.fixed(version)
    // Wireshark also answers `ip.version == 6` for IPv6 packets.
    try c.add(IPv4.version, at: 0, 1, value: versionNumber, flags: .hidden)
    guard versionNumber == 6 else { throw .malformed }
    try c.fixed(tclass)
    try c.fixed(dscp, depth: 2)
    try c.fixed(ecn, depth: 2)
    try c.fixed(flow)
    var payloadLength = Int(try c.fixed(plen))
    let next = try c.fixed(nxt)
    try c.fixed(hlim)
    try address(c, at: 8, field: src, hostField: srcHost)
    try address(c, at: 24, field: dst, hostField: dstHost)
    slaacMAC(c, at: 8, field: srcSLAAC)
    slaacMAC(c, at: 24, field: dstSLAAC)
    // Also inside an ICMPv6 error: the quoted datagram's transport layer
    // finds its conversation by the quoted addresses.
    c.state.networkSource = NetworkAddress(high: try c.uint(8, 8), low: try c.uint(16, 8))
    c.state.networkDestination = NetworkAddress(high: try c.uint(24, 8), low: try c.uint(32, 8))
    // A zero payload length with a Hop-by-Hop header is a jumbogram
    // (RFC 2675): the Jumbo Payload option carries the length.
    if payloadLength == 0 && next == 0, let jumbo = jumboLength(c) { payloadLength = jumbo }
    c.limit(to: headerLength &+ payloadLength)
    c.dissection.claim(end: c.start &+ headerLength &+ payloadLength)
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + headerLength, end: c.end)
  }

  private static func address(_ c: LayerCursor, at offset: Int, field: IPv6, hostField: IPv6)
    throws(DissectionStop)
  {
    try c.add(field, at: offset, 16)
    try c.add(addr, at: offset, 16, flags: .hidden)
    if c.wants(hostField) || c.wants(host) {
      let text = Array(FieldText.ipv6(c.packet.slice(c.start + offset, 16)).utf8)
      c.computed(hostField, at: offset, 16, bytes: text, flags: .hidden)
      c.computed(host, at: offset, 16, bytes: text, flags: .hidden)
    }
  }

  /// The MAC address inside a modified EUI-64 interface identifier
  /// (RFC 4291 appendix A): `ff:fe` in its middle and the universal/local
  /// bit set, which the identifier inverts from the MAC's.
  private static func slaacMAC(_ c: LayerCursor, at offset: Int, field: IPv6) {
    let iid = c.start + offset + 8
    guard c.packet.contains(iid, 8), c.packet.byte(iid) & 0x02 != 0,
      c.packet.byte(iid + 3) == 0xff, c.packet.byte(iid + 4) == 0xfe
    else { return }
    let mac = [
      c.packet.byte(iid) ^ 0x02, c.packet.byte(iid + 1), c.packet.byte(iid + 2),
      c.packet.byte(iid + 5), c.packet.byte(iid + 6), c.packet.byte(iid + 7),
    ]
    c.computed(field, at: offset + 8, 8, bytes: mac, flags: .generated)
    c.computed(slaac, at: offset + 8, 8, bytes: mac, flags: [.generated, .hidden])
  }

  /// The Jumbo Payload option's length, if the Hop-by-Hop header that
  /// follows the fixed header carries one.
  private static func jumboLength(_ c: LayerCursor) -> Int? {
    let header = c.start + headerLength
    guard c.packet.contains(header, 2) else { return nil }
    let end = min(header + (Int(c.packet.byte(header + 1)) + 1) * 8, c.packet.count)
    var offset = header + 2
    while offset + 1 < end {
      let type = c.packet.byte(offset)
      if type == 0 {
        offset += 1
        continue
      }
      let length = Int(c.packet.byte(offset + 1))
      if type == 0xc2, length == 4, let value = c.packet.uint32(at: offset + 2) {
        return Int(value)
      }
      offset += 2 + length
    }
    return nil
  }

  /// The addresses a transport checksum covers for the layer at `start`
  /// (RFC 8200 section 8.1): those of the innermost IPv6 header before it,
  /// with the destination replaced by the final one a type 0 Routing header
  /// still lists.
  static func pseudoHeaderAddresses(before start: Int, in dissection: Dissection)
    -> (source: ByteView, destination: ByteView)?
  {
    let packet = dissection.packet
    guard let index = dissection.layers.lastIndex(where: { $0.protocolID == .ipv6 && $0.start < start }),
      packet.contains(dissection.layers[index].start, headerLength)
    else { return nil }
    let ip = dissection.layers[index].start
    var destination = packet.slice(ip + 24, 16)
    for layer in dissection.layers[(index + 1)...]
    where layer.protocolID == .ipv6Routing && layer.start < start {
      if let final = IPv6Routing.finalDestination(packet, at: layer.start) { destination = final }
    }
    return (packet.slice(ip + 8, 16), destination)
  }
}
