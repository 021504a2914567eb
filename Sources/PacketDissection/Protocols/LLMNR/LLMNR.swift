/// Link-Local Multicast Name Resolution (RFC 4795): a DNS message on UDP
/// port 5355. Wireshark shows it as its own protocol (`llmnr`) holding the
/// `dns.*` fields.
enum LLMNR: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .llmnr }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 5355)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("llmnr", "Link-local Multicast Name Resolution")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try DNS.message(&c, .llmnr)
  }
}
