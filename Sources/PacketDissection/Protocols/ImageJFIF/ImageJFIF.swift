/// JPEG File Interchange Format (Wireshark's `image-jfif`): a image/jpeg body HTTP hands on by its
/// Content-Type. pktsh lists it in the protocol chain and reads none of
/// its structure.
enum ImageJFIF: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .imageJFIF }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("image-jfif", "JPEG File Interchange Format")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
