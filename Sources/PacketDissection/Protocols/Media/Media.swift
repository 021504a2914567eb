/// A body whose media type no dissector takes (Wireshark's `media`, "Media
/// Type"): HTTP hands it on by its Content-Type. It has no fields.
enum Media: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .media }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("media", "Media Type")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
