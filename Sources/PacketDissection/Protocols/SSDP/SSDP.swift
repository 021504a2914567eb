/// Simple Service Discovery Protocol (UPnP Device Architecture 2.0 section
/// 1.3): HTTP messages over UDP port 1900, which Wireshark reads with its
/// HTTP dissector under the name `ssdp`. Its fields are HTTP's (`http.*`).
enum SSDP: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .ssdp }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 1900)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ssdp", "Simple Service Discovery Protocol")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try HTTP.dissect(&c)
  }
}
