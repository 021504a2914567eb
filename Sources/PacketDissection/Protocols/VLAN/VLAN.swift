/// IEEE 802.1Q VLAN tags (also under the old Q-in-Q EtherType 0x9100).
enum VLAN {
  static let decl = ProtocolDecl(
    .vlan, name: "vlan", label: "802.1Q Virtual LAN", level: .link,
    fields: [
      .uint("vlan.priority", "Priority", at: 0, bytes: 2, mask: 0xe000, abbreviation: "PCP"),
      .flag("vlan.dei", "DEI", at: 0, bytes: 2, mask: 0x1000, blurb: "Drop Eligible Indicator"),
      .uint("vlan.id", "ID", at: 0, bytes: 2, mask: 0x0fff, blurb: "VLAN ID"),
      .uint("vlan.etype", "Type", at: 2, bytes: 2, base: .hex, blurb: "Ethertype"),
      .loose("vlan.len", "Length", .uint(bytes: 2)),
      .loose("vlan.trailer", "Trailer", .bytes, blurb: "VLAN Trailer"),
    ],
    bindings: [Binding(.ethertype, 0x8100), Binding(.ethertype, 0x9100)],
    headerBits: 32, variablePart: "Payload")

  static let priority = FieldID(.vlan, 1, "vlan.priority")
  static let dei = FieldID(.vlan, 2, "vlan.dei")
  static let id = FieldID(.vlan, 3, "vlan.id")
  static let etype = FieldID(.vlan, 4, "vlan.etype")
  static let len = FieldID(.vlan, 5, "vlan.len")
  static let trailer = FieldID(.vlan, 6, "vlan.trailer")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(priority)
    try c.fixed(dei)
    try c.fixed(id)
    let typeOrLength = try c.uint16(2)
    if typeOrLength <= 1500 {
      try c.add(len, at: 2, 2, value: UInt64(typeOrLength))
      return .data(at: c.start + 4, end: min(c.end, c.start + 4 + Int(typeOrLength)))
    }
    try c.fixed(etype)
    c.dissection.trailerOwner = TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 4, padding: Ethernet.padding,
      trailer: trailer)
    return .dispatch(.ethertype, key: UInt32(typeOrLength), at: c.start + 4, end: c.end)
  }
}

/// IEEE 802.1ad service tags (the outer tag of "Q-in-Q", EtherType 0x88a8).
/// Wireshark shows them as their own protocol, with the same layout as 802.1Q.
enum ServiceVLAN {
  static let decl = ProtocolDecl(
    .ieee8021ad, name: "ieee8021ad", label: "IEEE 802.1ad", level: .link,
    fields: [
      .uint("ieee8021ad.priority", "Priority", at: 0, bytes: 2, mask: 0xe000, abbreviation: "PCP"),
      .uint("ieee8021ad.dei", "DEI", at: 0, bytes: 2, mask: 0x1000),
      .uint("ieee8021ad.id", "ID", at: 0, bytes: 2, mask: 0x0fff),
    ],
    bindings: [Binding(.ethertype, 0x88a8)], headerBits: 32, variablePart: "Payload")

  static let priority = FieldID(.ieee8021ad, 1, "ieee8021ad.priority")
  static let dei = FieldID(.ieee8021ad, 2, "ieee8021ad.dei")
  static let id = FieldID(.ieee8021ad, 3, "ieee8021ad.id")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(priority)
    try c.fixed(dei)
    try c.fixed(id)
    let type = try c.uint16(2)
    c.dissection.trailerOwner = TrailerOwner(
      layer: c.dissection.layers.count - 1, payloadStart: c.start + 4, padding: Ethernet.padding,
      trailer: VLAN.trailer)
    return .dispatch(.ethertype, key: UInt32(type), at: c.start + 4, end: c.end)
  }
}
