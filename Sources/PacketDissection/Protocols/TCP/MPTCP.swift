/// Multipath TCP (RFC 8684) lives in TCP options; pktsh shows only that
/// it is there, as a protocol of the frame (`TCP.optionList` adds it).
enum MPTCP: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .mptcp }
  static var level: LayerLevel { .transport }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mptcp", "Multipath Transmission Control Protocol")
    }
  }

  /// A marker: no bytes of its own to walk.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
