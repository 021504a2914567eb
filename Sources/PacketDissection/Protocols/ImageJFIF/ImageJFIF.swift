/// JPEG File Interchange Format (Wireshark's `image-jfif`): a image/jpeg body HTTP hands on by its
/// Content-Type. pktsh lists it in the protocol chain and reads none of
/// its structure. A body that does not start with the start-of-image
/// marker (a range of a JPEG file) is refused, as Wireshark's reader
/// refuses it, and goes to `media`.
enum ImageJFIF: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .imageJFIF }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("image-jfif", "JPEG File Interchange Format")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    if c.capturedLength >= 2, try c.uint16(0) != 0xffd8 {
      c.withdrawn = true
      return .layer(.media, at: c.start, end: c.end)
    }
    return .stop
  }
}
