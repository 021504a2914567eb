/// Teredo (RFC 4380), IPv6 tunnelled in UDP, on UDP port 3544: an
/// authentication indication (first two bytes 1), an origin indication
/// (first two bytes 0), then the IPv6 packet, which Wireshark hands to
/// IPv6 whatever its first bytes are. Wireshark's heuristic for Teredo on
/// other ports is off by default; so is pktsh's.
enum Teredo: UInt8, ProtocolModule {
  case item, authentication, identifierLength, authenticationLength, clientIdentifier, authenticationValue, nonce,
    confirmation, origin, originPort, originAddress

  static var protocolID: ProtocolID { .teredo }
  /// At the transport level, as a tunnel: a question about the IPv6 packet
  /// it carries (dissected down to the transport level) reaches it.
  static var level: LayerLevel { .transport }
  static let port: UInt16 = 3544
  static let bindings = [Binding(.udpPort, UInt32(port))]
  static var variablePart: String? { "Authentication and origin indications; IPv6 packet" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("teredo", "Teredo IPv6 over UDP tunneling")
    case .authentication: .loose("teredo.auth", "Teredo Authentication header", .label)
    case .identifierLength:
      .loose("teredo.auth.idlen", "Client identifier length", .uint(bytes: 1), blurb: "Client identifier length (ID-len)")
    case .authenticationLength:
      .loose(
        "teredo.auth.aulen", "Authentication value length", .uint(bytes: 1),
        blurb: "Authentication value length (AU-len)")
    case .clientIdentifier: .loose("teredo.auth.id", "Client identifier", .bytes, blurb: "Client identifier (ID)")
    case .authenticationValue:
      .loose("teredo.auth.value", "Authentication value", .bytes, blurb: "Authentication value (hash)")
    case .nonce: .loose("teredo.auth.nonce", "Nonce value", .bytes, blurb: "Nonce value prevents spoofing Teredo server.")
    case .confirmation:
      .loose(
        "teredo.auth.conf", "Confirmation byte", .bytes,
        blurb: "Confirmation byte is zero upon successful authentication.")
    case .origin: .loose("teredo.orig", "Teredo Origin Indication header", .label, blurb: "Teredo Origin Indication")
    case .originPort: .loose("teredo.orig.port", "Origin UDP port", .uint(bytes: 2))
    case .originAddress: .loose("teredo.orig.addr", "Origin IPv4 address", .ipv4)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    var indication = try c.uint16(0)
    if indication == 1 {
      let idLength = Int(try c.uint8(2))
      let auLength = Int(try c.uint8(3))
      // Wireshark sizes the item before reading what it covers.
      try c.add(authentication, at: 0, min(13 + idLength + auLength, c.capturedLength))
      try c.add(identifierLength, at: 2, 1, value: UInt64(idLength), depth: 2)
      try c.add(authenticationLength, at: 3, 1, value: UInt64(auLength), depth: 2)
      offset = 4
      if idLength > 0 {
        try c.add(clientIdentifier, at: offset, idLength, depth: 2)
        offset += idLength
      }
      if auLength > 0 {
        try c.add(authenticationValue, at: offset, auLength, depth: 2)
        offset += auLength
      }
      try c.add(nonce, at: offset, 8, depth: 2)
      try c.add(confirmation, at: offset + 8, 1, depth: 2)
      offset += 9
      indication = try c.uint16(offset)
    }
    if indication == 0 {
      try c.add(origin, at: offset, 8)
      // Both are carried inverted.
      try c.add(originPort, at: offset + 2, 2, value: UInt64(~(try c.uint16(offset + 2))), depth: 2)
      try c.add(originAddress, at: offset + 4, 4, value: UInt64(~(try c.uint32(offset + 4))), depth: 2)
      offset += 8
    }
    guard offset < c.length else { return .stop }
    return .layer(.ipv6, at: c.start + offset, end: c.end)
  }
}
