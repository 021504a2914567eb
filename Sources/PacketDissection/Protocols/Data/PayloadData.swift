/// Bytes no dissector claims (Wireshark's `data`).
enum PayloadData {
  static let decl = ProtocolDecl(
    .data, name: "data", label: "Data", level: .application,
    fields: [
      .loose("data.data", "Data", .bytes),
      .loose("data.len", "Length", .uint(bytes: 4)),
    ])

  static let data = FieldID(.data, 1, "data.data")
  static let len = FieldID(.data, 2, "data.len")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let count = c.capturedLength
    try c.add(data, at: 0, count)
    c.generated(len, value: UInt64(count))
    if count < c.length { throw .truncated }
    return .stop
  }
}

/// The marker Wireshark adds to a packet that broke its own length rules.
enum Malformed {
  static let decl = ProtocolDecl(
    .malformed, name: "_ws.malformed", label: "Malformed Packet", level: .frame, fields: [])
}
