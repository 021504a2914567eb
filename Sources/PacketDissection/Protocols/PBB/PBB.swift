/// IEEE 802.1ah provider backbone bridging ("MAC-in-MAC", EtherType
/// 0x88e7): the I-TAG's control bits and service instance id, then the
/// customer's destination and source addresses and EtherType.
enum PBB: UInt8, ProtocolModule {
  case item, priority, drop, nca, res1, res2, isid, cdst, csrc, etype, trailer

  static var protocolID: ProtocolID { .ieee8021ah }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x88e7)]
  static let headerBits = 144
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ieee8021ah", "IEEE 802.1ah")
    case .priority: .uint("ieee8021ah.priority", "Priority", at: 0, bytes: 4, mask: 0xe000_0000)
    case .drop: .uint("ieee8021ah.drop", "DROP", at: 0, bytes: 4, mask: 0x1000_0000)
    case .nca: .uint("ieee8021ah.nca", "NCA", at: 0, bytes: 4, mask: 0x0800_0000, blurb: "No Customer Addresses")
    case .res1: .uint("ieee8021ah.res1", "RES1", at: 0, bytes: 4, mask: 0x0400_0000, blurb: "Reserved1")
    case .res2: .uint("ieee8021ah.res2", "RES2", at: 0, bytes: 4, mask: 0x0300_0000, blurb: "Reserved2")
    case .isid: .uint("ieee8021ah.isid", "I-SID", at: 0, bytes: 4, mask: 0x00ff_ffff)
    case .cdst: .fixed("ieee8021ah.cdst", "C-Destination", .ether, at: 4, bytes: 6, blurb: "Customer Destination Address")
    case .csrc: .fixed("ieee8021ah.csrc", "C-Source", .ether, at: 10, bytes: 6, blurb: "Customer Source Address")
    case .etype: .uint("ieee8021ah.etype", "Type", at: 16, bytes: 2, base: .hex, values: .ethertypes)
    case .trailer: .loose("ieee8021ah.trailer", "Trailer", .bytes, blurb: "802.1ah Trailer")
    }
  }

  static let headerLength = 18

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [priority, drop, nca, res1, res2, isid, cdst, csrc] { try c.fixed(field) }
    let type = try c.fixed(etype)
    c.dissection.own(trailer: TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + headerLength, padding: Ethernet.padding.fieldID,
      trailer: trailer.fieldID, guessesFCS: false))
    return .dispatch(.ethertype, key: UInt32(type), at: c.start + headerLength, end: c.end)
  }
}
