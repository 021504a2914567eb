/// Line-based text (Wireshark's `data-text-lines`): a text body HTTP hands on
/// by its Content-Type (`text/html`, `text/plain`, …). It has no fields; the
/// tree shows the body line by line.
enum DataTextLines: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .dataTextLines }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("data-text-lines", "Line-based text data")
    }
  }

  /// Nothing to read: the lines are the bytes, as far as they were captured.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
