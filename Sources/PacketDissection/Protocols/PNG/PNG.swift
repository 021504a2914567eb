/// Portable Network Graphics (Wireshark's `png`): a image/png body HTTP hands on by its
/// Content-Type. pktsh lists it in the protocol chain and reads none of
/// its structure.
enum PNG: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .png }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("png", "Portable Network Graphics")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
