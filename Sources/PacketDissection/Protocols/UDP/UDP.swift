/// User Datagram Protocol (RFC 768).
enum UDP: UInt8, ProtocolModule {
  case item, srcport, dstport, port, length, checksum, checksumStatus, stream, timeRelative, timeDelta, payload

  static var protocolID: ProtocolID { .udp }
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.ipProto, 17)]
  static let headerBits = 64
  static let variablePart: String? = "Data"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("udp", "User Datagram Protocol")
    case .srcport: .uint("udp.srcport", "Source Port", at: 0, bytes: 2, aliases: ["udp.sport"], kernel: .fixed(after: 2))
    case .dstport: .uint("udp.dstport", "Destination Port", at: 2, bytes: 2, aliases: ["udp.dport"], kernel: .fixed(after: 4))
    case .port: .loose("udp.port", "Source or Destination Port", .uint(bytes: 2), kernel: .copies(of: [(UDP.srcport, after: 4), (UDP.dstport, after: 4)]))
    case .length: .uint("udp.length", "Length", at: 4, bytes: 2, blurb: "Length in octets including this header and the data", kernel: .fixed(after: 6))
    case .checksum: .uint("udp.checksum", "Checksum", at: 6, bytes: 2, base: .hex)
    case .checksumStatus: .loose("udp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "2: not verified, 3: not present", values: .checksumStatus)
    case .stream: .loose("udp.stream", "Stream index", .uint(bytes: 4))
    case .timeRelative: .loose("udp.time_relative", "Time since first frame", .relativeTime)
    case .timeDelta: .loose("udp.time_delta", "Time since previous frame", .relativeTime)
    case .payload: .loose("udp.payload", "Payload", .bytes)
    }
  }

  /// Fields whose values come from following the conversation.
  static let stateful = [stream, timeRelative, timeDelta].map(\.fieldID)

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let source = try c.fixed(srcport)
    let destination = try c.fixed(dstport)
    try c.add(port, at: 0, 2, value: source, flags: .hidden)
    try c.add(port, at: 2, 2, value: destination, flags: .hidden)
    let declared = Int(try c.fixed(length))
    // Over IPv6 a length of 0 is a jumbogram's (RFC 2675): the datagram
    // runs to the end of the IP payload, as tshark reads it.
    guard declared >= 8 || (declared == 0 && carriedByIPv6(c)) else { throw .malformed }
    // A length beyond the datagram (a first fragment) leaves the layer as it
    // is; so does any length in a fragment, whose payload tshark runs to the
    // end of the IP payload.
    // In a datagram put back together from fragments, tshark's payload
    // field still runs to the end of the IP payload, while the layers
    // above see the declared length.
    let payloadEnd = c.start >= c.dissection.capturedCount ? c.end : nil
    if declared != 0 && !inFragment(c) { c.limit(to: declared) }
    let sum = try c.fixed(checksum)
    // A zero checksum means "none" over IPv4 and is illegal over IPv6.
    c.generated(checksumStatus, value: sum != 0 ? 2 : carriedByIPv6(c) ? 4 : 3)
    if c.state.tracksConversations {
      // A datagram quoted in an ICMP error belongs to its conversation but
      // does not move the conversation's clock; Wireshark shows no stream
      // times for a datagram without payload either.
      let quoted = c.length == 8 || (c.depth > 0 && c.dissection.isQuoted(c.dissection.layers.count - 1))
      if !quoted, source == PortmapMappings.port || destination == PortmapMappings.port {
        c.state.portmapMappings.note(
          c.packet, payload: c.start + 8, end: c.end, ports: (UInt16(source), UInt16(destination)), state: c.state)
      }
      let facts = c.state.trackUDP(
        source: UInt16(source), destination: UInt16(destination),
        time: quoted ? nil : c.dissection.frame.time)
      c.generated(stream, value: UInt64(facts.stream))
      if !quoted {
        c.generated(timeRelative, value: UInt64(bitPattern: facts.sinceFirst))
        c.generated(timeDelta, value: UInt64(bitPattern: facts.sincePrevious))
      }
    }
    guard c.length > 8 else { return .stop }
    if c.wants(payload) {
      let declaredEnd = c.end
      c.end = payloadEnd ?? declaredEnd
      defer { c.end = declaredEnd }
      try c.add(payload, at: 8, c.capturedLength - 8)
    }
    // Wireshark tries its heuristics when no port claims the payload.
    if c.bound(.udpPort, UInt32(source)) == nil, c.bound(.udpPort, UInt32(destination)) == nil {
      if QUIC.heuristic(udp: c, at: 8) { return .layer(.quic, at: c.start + 8, end: c.end) }
      if DTLS.heuristic(udp: c, at: 8) { return .layer(.dtls, at: c.start + 8, end: c.end) }
      if STUN.claims(c, at: 8) { return .layer(.stun, at: c.start + 8, end: c.end) }
      if SIP.claims(c, at: 8) { return .layer(.sip, at: c.start + 8, end: c.end) }
    }
    if c.bound(.udpPort, UInt32(source)) == nil, c.bound(.udpPort, UInt32(destination)) == nil,
      RPC.claims(c, at: 8, tcp: false)
    {
      return .layer(.rpc, at: c.start + 8, end: c.end)
    }
    if c.bound(.udpPort, UInt32(source)) == nil, c.bound(.udpPort, UInt32(destination)) == nil,
      DCERPC.claims(c, at: 8, tcp: false)
    {
      return .layer(.dcerpc, at: c.start + 8, end: c.end)
    }
    return .ports(.udpPort, UInt32(source), UInt32(destination), at: c.start + 8, end: c.end)
  }

  /// Whether the nearest IP layer below this datagram is IPv6.
  private static func carriedByIPv6(_ c: LayerCursor) -> Bool { carriedByIPv6(c.dissection.layers, below: c.start) }

  /// Whether the nearest IP layer of `layers` starting before `start` is
  /// IPv6 (where a length of 0 marks a jumbogram).
  static func carriedByIPv6(_ layers: [LayerSpan], below start: Int) -> Bool {
    for layer in layers.reversed() where layer.start < start {
      if layer.protocolID == .ipv6 { return true }
      if layer.protocolID == .ip { return false }
    }
    return false
  }

  /// Whether the datagram rides in an IP fragment (a fragment header, or
  /// IPv4's More Fragments bit or offset); not once it was put back
  /// together (it then lies past the frame's bytes).
  private static func inFragment(_ c: LayerCursor) -> Bool {
    guard c.start < c.dissection.capturedCount else { return false }
    for layer in c.dissection.layers.reversed() where layer.start < c.start {
      switch layer.protocolID {
      case .ipv6Fragment: return true
      case .ipv6: return false
      case .ip:
        guard layer.start + 8 <= c.packet.count else { return false }
        let flagsAndOffset = UInt16(c.packet.byte(layer.start + 6)) << 8 | UInt16(c.packet.byte(layer.start + 7))
        return flagsAndOffset & 0x3fff != 0
      default: continue
      }
    }
    return false
  }
}
