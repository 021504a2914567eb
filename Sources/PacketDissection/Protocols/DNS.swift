// PLACEHOLDER: being written.
enum DNS {
  static let decl = ProtocolDecl(
    .dns, name: "dns", label: "Domain Name System", level: .application, fields: [], dissect: { _ in .stop })
}
