/// IEEE 802.1Q VLAN tags (also under the old Q-in-Q EtherType 0x9100).
enum VLAN: UInt8, ProtocolModule {
  case item, priority, dei, id, etype, len, trailer

  static var protocolID: ProtocolID { .vlan }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x8100), Binding(.ethertype, 0x9100)]
  static let headerBits = 32
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("vlan", "802.1Q Virtual LAN")
    case .priority: .uint("vlan.priority", "Priority", at: 0, bytes: 2, mask: 0xe000, abbreviation: "PCP", values: .vlanPriorities, kernel: .fixed(after: 2))
    case .dei: .flag("vlan.dei", "DEI", at: 0, bytes: 2, mask: 0x1000, blurb: "Drop Eligible Indicator",
      values: .flagLabels(set: "Eligible", notSet: "Ineligible"), kernel: .fixed(after: 2))
    case .id: .uint("vlan.id", "ID", at: 0, bytes: 2, mask: 0x0fff, blurb: "VLAN ID", kernel: .fixed(after: 2))
    case .etype: .uint("vlan.etype", "Type", at: 2, bytes: 2, base: .hex, blurb: "Ethertype", values: .ethertypes, kernel: .fixed(after: 4, condition: .typeNotLength))
    case .len: .loose("vlan.len", "Length", .uint(bytes: 2))
    case .trailer: .loose("vlan.trailer", "Trailer", .bytes, blurb: "VLAN Trailer")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(priority)
    try c.fixed(dei)
    try c.fixed(id)
    let typeOrLength = try c.uint16(2)
    if typeOrLength <= 1500 {
      try c.add(len, at: 2, 2, value: UInt64(typeOrLength))
      return .layer(.llc, at: c.start + 4, end: min(c.end, c.start + 4 + Int(typeOrLength)))
    }
    try c.fixed(etype)
    c.dissection.own(trailer: TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 4, padding: Ethernet.padding.fieldID,
      trailer: trailer.fieldID, guessesFCS: false))
    return .dispatch(.ethertype, key: UInt32(typeOrLength), at: c.start + 4, end: c.end)
  }
}

/// IEEE 802.1ad service tags (the outer tag of "Q-in-Q", EtherType 0x88a8).
/// Wireshark shows them as their own protocol, with the same layout as
/// 802.1Q, and the EtherType as `ieee8021ah.etype`.
enum ServiceVLAN: UInt8, ProtocolModule {
  case item, priority, dei, id

  static var protocolID: ProtocolID { .ieee8021ad }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x88a8)]
  static let headerBits = 32
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ieee8021ad", "IEEE 802.1ad")
    case .priority: .uint("ieee8021ad.priority", "Priority", at: 0, bytes: 2, mask: 0xe000, abbreviation: "PCP")
    case .dei: .uint("ieee8021ad.dei", "DEI", at: 0, bytes: 2, mask: 0x1000)
    case .id: .uint("ieee8021ad.id", "ID", at: 0, bytes: 2, mask: 0x0fff)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(priority)
    try c.fixed(dei)
    try c.fixed(id)
    let type = try c.uint16(2)
    // Wireshark's 802.1ad dissector files the EtherType as 802.1ah's.
    try c.add(PBB.etype.fieldID, at: 2, 2, value: UInt64(type))
    c.dissection.own(trailer: TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 4, padding: Ethernet.padding.fieldID,
      trailer: VLAN.trailer.fieldID, guessesFCS: false))
    return .dispatch(.ethertype, key: UInt32(type), at: c.start + 4, end: c.end)
  }
}
