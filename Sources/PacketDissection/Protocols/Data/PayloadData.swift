/// Bytes no dissector claims (Wireshark's `data`).
enum PayloadData: UInt8, ProtocolModule {
  case item, data, len

  static var protocolID: ProtocolID { .data }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("data", "Data")
    case .data: .loose("data.data", "Data", .bytes)
    case .len: .loose("data.len", "Length", .uint(bytes: 4))
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let count = c.capturedLength
    try c.add(data, at: 0, count)
    c.generated(len, value: UInt64(count))
    if count < c.length { throw .truncated }
    return .stop
  }
}

/// The marker Wireshark adds to a packet that broke its own length rules.
enum Malformed: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .malformed }
  static var level: LayerLevel { .frame }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("_ws.malformed", "Malformed Packet")
    }
  }

  /// A marker: no bytes of its own to walk.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
