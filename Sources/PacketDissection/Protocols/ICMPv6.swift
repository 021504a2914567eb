// PLACEHOLDER: being written.
enum ICMPv6 {
  static let decl = ProtocolDecl(
    .icmpv6, name: "icmpv6", label: "Internet Control Message Protocol v6", level: .transport, fields: [], dissect: { _ in .stop })
}
