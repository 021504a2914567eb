/// Multicast DNS (RFC 6762): a DNS message on UDP port 5353. Wireshark
/// shows it as its own protocol (`mdns`) holding the `dns.*` fields.
enum MDNS: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .mdns }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 5353)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mdns", "Multicast Domain Name System")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try DNS.message(&c, .mdns)
  }
}
