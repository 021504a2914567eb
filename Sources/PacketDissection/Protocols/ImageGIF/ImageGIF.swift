/// Compuserve GIF (Wireshark's `image-gif`): a image/gif body HTTP hands on by its
/// Content-Type. pktsh lists it in the protocol chain and reads none of
/// its structure.
enum ImageGIF: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .imageGIF }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("image-gif", "Compuserve GIF")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
