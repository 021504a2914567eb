/// Virtual eXtensible Local Area Network (RFC 7348, with the group policy
/// extension of draft-smith-vxlan-group-policy): an eight-byte header
/// before an Ethernet frame, on UDP port 4789.
enum VXLAN: UInt8, ProtocolModule {
  case item, flags, flagG, flagI, flagD, flagA, flagsReserved, gbp, vni, reserved

  static var protocolID: ProtocolID { .vxlan }
  /// At the transport level, so that a question about an inner layer
  /// (which is dissected down to the transport level) reaches it.
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.udpPort, 4789)]
  static let headerBits = 64
  static let variablePart: String? = "Ethernet frame"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("vxlan", "Virtual eXtensible Local Area Network")
    case .flags: .uint("vxlan.flags", "Flags", at: 0, bytes: 2, base: .hex)
    case .flagG: .flag("vxlan.flag_g", "GBP Extension", at: 0, bytes: 2, mask: 0x8000, abbreviation: "G", values: .vxlanDefined)
    case .flagI: .flag("vxlan.flag_i", "VXLAN Network ID (VNI)", at: 0, bytes: 2, mask: 0x0800, abbreviation: "I")
    case .flagD: .flag("vxlan.flag_d", "Don't Learn", at: 0, bytes: 2, mask: 0x0040, abbreviation: "D")
    case .flagA: .flag("vxlan.flag_a", "Policy Applied", at: 0, bytes: 2, mask: 0x0008, abbreviation: "A")
    case .flagsReserved: .uint("vxlan.flags_reserved", "Reserved(R)", at: 0, bytes: 2, mask: 0x77b7, base: .hex, abbreviation: "R")
    case .gbp: .uint("vxlan.gbp", "Group Policy ID", at: 2, bytes: 2)
    case .vni: .uint("vxlan.vni", "VXLAN Network Identifier (VNI)", at: 4, bytes: 3, abbreviation: "VNI")
    case .reserved: .uint("vxlan.reserved8", "Reserved", at: 7, bytes: 1)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(flags)
    for field in [flagG, flagI, flagD, flagA, flagsReserved] { try c.fixed(field, depth: 2) }
    for field in [gbp, vni, reserved] { try c.fixed(field) }
    // Ethernet runs even on no bytes, and finds them malformed, as in Wireshark.
    return .layer(.eth, at: c.start + 8, end: c.end)
  }
}
