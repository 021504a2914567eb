// PLACEHOLDER: being written.
enum IPv6 {
  static let decl = ProtocolDecl(
    .ipv6, name: "ipv6", label: "Internet Protocol Version 6", level: .network, fields: [], dissect: { _ in .stop })
}
enum IPv6HopByHop {
  static let decl = ProtocolDecl(
    .ipv6HopByHop, name: "ipv6.hopopts", label: "IPv6 Hop-by-Hop Option", level: .network, fields: [], dissect: { _ in .stop })
}
enum IPv6Routing {
  static let decl = ProtocolDecl(
    .ipv6Routing, name: "ipv6.routing", label: "Routing Header for IPv6", level: .network, fields: [], dissect: { _ in .stop })
}
enum IPv6Fragment {
  static let decl = ProtocolDecl(
    .ipv6Fragment, name: "ipv6.fraghdr", label: "Fragment Header for IPv6", level: .network, fields: [], dissect: { _ in .stop })
}
enum IPv6DestinationOptions {
  static let decl = ProtocolDecl(
    .ipv6DestinationOptions, name: "ipv6.dstopts", label: "Destination Options for IPv6", level: .network, fields: [], dissect: { _ in .stop })
}
