import PacketWire

/// What TLS remembers about one TCP connection (Wireshark's `SslSession`):
/// the version once a message settles it, which side is the server, and
/// the frames in which each side changed cipher spec.
struct TLSConversation {
  static let tls13: UInt16 = 0x0304

  /// 0 until known.
  var version: UInt16 = 0
  /// The server's port and address, from the first ClientHello's destination.
  var serverPort: UInt16?
  var serverAddress = NetworkAddress()
  /// The cipher suite the ServerHello chose: it decides how a
  /// ServerKeyExchange reads.
  var cipherSuite: UInt16 = 0
  /// TLS's heuristic took the connection (no port of it is TLS's).
  var claimedByHeuristic = false
  var clientChangeCipherSpecFrame = 0
  var serverChangeCipherSpecFrame = 0

  /// SSL 3.0 or TLS 1.0-1.2 (or TLCP): records are then taken as they come.
  var knowsPre13Version: Bool { (0x0300...0x0303).contains(version) || version == 0x0101 }

  /// Whether the segment comes from the server: from the address and port
  /// the ClientHello went to, or, before one was seen, from a TLS port.
  func isFromServer(_ c: LayerCursor) -> Bool {
    guard let (source, _) = TCPSegment.ports(c) else { return false }
    if let serverPort {
      return source == serverPort && c.state.networkSource == serverAddress
    }
    return TLS.bindings.contains { $0.value == UInt32(source) }
  }

  /// A ClientHello names the server: where it went.
  mutating func sawClientHello(_ c: LayerCursor) {
    guard serverPort == nil, let (_, destination) = TCPSegment.ports(c) else { return }
    serverPort = destination
    serverAddress = c.state.networkDestination
  }

  /// Wireshark's `ssl_try_set_version`: any message but a ClientHello
  /// (whose record version is only a proposal) settles the version.
  mutating func trySetVersion(content: UInt8, handshakeType: UInt8, _ proposed: UInt16) {
    let authoritative =
      content == TLS.contentHandshake
      ? TLSValueNames.handshakeType(UInt64(handshakeType)) != nil && handshakeType != 1
      : TLS.isValidContentType(content)
    guard authoritative, let settled = Self.settledVersion(proposed) else { return }
    version = settled
  }

  /// The version a record or hello version stands for, if it is one TLS
  /// knows (drafts of TLS 1.3 count as TLS 1.3).
  static func settledVersion(_ version: UInt16) -> UInt16? {
    switch version {
    case 0x0300...0x0304, 0x0101: version
    case 0x7f0e...0x7f1c, 0xfb17, 0xfb1a: tls13
    default: nil
    }
  }

  mutating func sawChangeCipherSpec(_ frame: Int, fromServer: Bool) {
    if fromServer { serverChangeCipherSpecFrame = frame } else { clientChangeCipherSpecFrame = frame }
  }

  /// Whether this side changed cipher spec in an earlier frame: its
  /// handshake records are encrypted from then on.
  func changedCipherSpec(before frame: Int, fromServer: Bool) -> Bool {
    let changed = fromServer ? serverChangeCipherSpecFrame : clientChangeCipherSpecFrame
    return changed != 0 && frame > changed
  }
}
