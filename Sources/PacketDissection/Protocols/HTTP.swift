// PLACEHOLDER: being written.
enum HTTP {
  static let decl = ProtocolDecl(
    .http, name: "http", label: "Hypertext Transfer Protocol", level: .application, fields: [], dissect: { _ in .stop })
}
