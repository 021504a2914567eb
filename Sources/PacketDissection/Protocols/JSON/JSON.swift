/// JavaScript Object Notation (RFC 8259), a body HTTP hands on by its
/// Content-Type (`application/json`; Wireshark's `json`). pktsh lists it in
/// the protocol chain; it does not yet read the values.
enum JSON: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .json }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("json", "JavaScript Object Notation")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
