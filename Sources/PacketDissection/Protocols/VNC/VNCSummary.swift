/// How VNC shows: Info names the handshake step the segment was read as
/// (`Server protocol version: 003.008`, `Security type VNC (2) selected
/// by client`) or the message (`Client pointer event`). A step whose
/// bytes run past the segment keeps its name, as Wireshark writes it
/// before reading (the summarizer adds `[BoundErrorUnreassembled Packet]`).
extension VNC {
  static var hue: LayerHue? { .magenta }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("VNC", info: info(layer.fields) ?? "")
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let record = f.first(item), let step = step(of: record) else { return nil }
    switch step {
    case .serverVersion: return f.text(serverVersion).map { "Server protocol version: " + $0 }
    case .clientVersion: return f.text(clientVersion).map { "Client protocol version: " + $0 }
    case .security: return "Security types supported"
    case .securityTypes:
      return f.uint(clientSecurityType).map {
        "Security type \(VNCNames.securityTypeName($0) ?? "Unknown") (\($0)) selected by client"
      }
    case .authenticationChallenge: return "Authentication challenge from server"
    case .authenticationResponse: return "Authentication response from client"
    case .ardChallenge: return "ARD authentication challenge"
    case .ardResponse: return "ARD authentication response"
    case .securityResult: return "Authentication result"
    case .clientInit: return "Share desktop flag"
    case .serverInit: return "Server framebuffer parameters"
    case .normal:
      if let code = f.uint(clientMessageType) { return VNCNames.clientInfo(code) }
      return f.uint(serverMessageType).map(VNCNames.serverInfo)
    case .unfollowed: return nil
    }
  }
}
