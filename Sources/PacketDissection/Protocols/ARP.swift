// PLACEHOLDER: being written.
enum ARP {
  static let decl = ProtocolDecl(
    .arp, name: "arp", label: "Address Resolution Protocol", level: .link, fields: [], dissect: { _ in .stop })
}
