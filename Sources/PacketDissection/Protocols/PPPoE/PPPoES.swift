/// PPP over Ethernet session stage (RFC 2516, EtherType 0x8864): the
/// 6-byte PPPoE header, whose fields Wireshark files under `pppoe.` as
/// for discovery (so they are `PPPoED`'s fields, recorded here), then a
/// PPP frame of the payload length without address and control bytes.
enum PPPoES: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .pppoes }
  static var level: LayerLevel { .link }
  static let bindings: [Binding] = [Binding(.ethertype, 0x8864)]
  /// The header's fields are discovery's (its layout draws them).
  static let variablePart: String? = "PPPoE header (as pppoed's), then the PPP frame"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pppoes", "PPP-over-Ethernet Session")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    for field in [PPPoED.version, .type, .code, .sessionID] { try c.fixed(field.fieldID) }
    let length = Int(try c.fixed(PPPoED.payloadLength.fieldID))
    let start = c.start + PPPoED.headerLength
    // Wireshark hands PPP the payload length, or what there is when it claims more.
    return .layer(.ppp, at: start, end: min(c.end, start + length))
  }
}
