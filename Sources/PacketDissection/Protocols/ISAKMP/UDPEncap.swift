/// UDP encapsulation of IPsec (RFC 3948) on UDP port 4500: a NAT
/// keepalive (one byte, 0xff), IKE after a non-ESP marker (four zero
/// bytes), or else ESP.
enum UDPEncap: UInt8, ProtocolModule {
  case item, natKeepalive, nonESPMarker

  static var protocolID: ProtocolID { .udpencap }
  /// At the transport level, as a tunnel: a question about the ESP header
  /// it carries (a network-level layer) reaches it.
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.udpPort, 4500)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("udpencap", "UDP Encapsulation of IPsec Packets")
    case .natKeepalive: .loose("udpencap.nat_keepalive", "NAT-keepalive packet", .label)
    case .nonESPMarker: .loose("udpencap.non_esp_marker", "Non-ESP Marker", .label)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    if c.capturedLength == 1, try c.uint8(0) == 0xff {
      try c.add(natKeepalive, at: 0, 1)
      return .stop
    }
    if c.capturedLength >= 4, try c.uint32(0) == 0 {
      try c.add(nonESPMarker, at: 0, 4)
      return .layer(.isakmp, at: c.start + 4, end: c.end)
    }
    return .layer(.esp, at: c.start, end: c.end)
  }
}
