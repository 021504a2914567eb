/// Cisco VN-Tag (EtherType 0x8926): a 4-byte tag naming the virtual
/// interfaces a frame goes between, then the EtherType.
enum VNTag: UInt8, ProtocolModule {
  case item, dir, ptr, dst, looped, r, version, src, etype, trailer

  static var protocolID: ProtocolID { .vntag }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x8926)]
  static let headerBits = 48
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("vntag", "VN-Tag")
    case .dir: .flag("vntag.dir", "Direction", at: 0, bytes: 4, mask: 0x8000_0000,
      values: .flagLabels(set: "From Bridge", notSet: "To Bridge"))
    case .ptr: .flag("vntag.ptr", "Pointer", at: 0, bytes: 4, mask: 0x4000_0000,
      values: .flagLabels(set: "vif_list_id", notSet: "vif_id"))
    case .dst: .uint("vntag.dst", "Destination", at: 0, bytes: 4, mask: 0x3fff_0000)
    case .looped: .flag("vntag.looped", "Looped", at: 0, bytes: 4, mask: 0x8000, values: .flagLabels(set: "Yes", notSet: "No"))
    case .r: .uint("vntag.r", "Reserved", at: 0, bytes: 4, mask: 0x4000)
    case .version: .uint("vntag.version", "Version", at: 0, bytes: 4, mask: 0x3000)
    case .src: .uint("vntag.src", "Source", at: 0, bytes: 4, mask: 0x0fff)
    case .etype: .uint("vntag.etype", "Type", at: 4, bytes: 2, base: .hex, values: .ethertypes)
    case .trailer: .loose("vntag.trailer", "Trailer", .bytes)
    }
  }

  static let headerLength = 6

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [dir, ptr, dst, looped, r, version, src] { try c.fixed(field) }
    let type = try c.fixed(etype)
    c.dissection.own(trailer: TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + headerLength, padding: Ethernet.padding.fieldID,
      trailer: trailer.fieldID, guessesFCS: false))
    return .dispatch(.ethertype, key: UInt32(type), at: c.start + headerLength, end: c.end)
  }
}
