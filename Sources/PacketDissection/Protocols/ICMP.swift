// PLACEHOLDER: being written.
enum ICMP {
  static let decl = ProtocolDecl(
    .icmp, name: "icmp", label: "Internet Control Message Protocol", level: .transport, fields: [], dissect: { _ in .stop })
}
