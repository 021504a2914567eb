/// What VNC remembers about one TCP connection, as Wireshark's dissector
/// does: the step of the opening handshake the next segment is read as,
/// the client's protocol version (3.7 and later list security types), and
/// the server's port, learnt from its version message.
struct VNCConnection {
  enum Step: UInt64 {
    case serverVersion, clientVersion, security, securityTypes, authenticationChallenge, authenticationResponse,
      ardChallenge, ardResponse, securityResult, clientInit, serverInit, normal
    /// A step this dissector does not follow (Tight, VeNCrypt): the
    /// segments after it show only the protocol.
    case unfollowed
  }

  var next = Step.serverVersion
  /// `003.008` as 3008.
  var clientVersion = 0
  var serverPort: UInt16?
  /// The key length of an Apple Remote Desktop challenge, which its
  /// response's client key has too.
  var ardKeyLength = 0

  /// The step after the security type `type` was chosen; nil for a type
  /// Wireshark does not know, after which it reads the next segment as
  /// the same step again.
  func afterSecurityType(_ type: UInt64) -> Step? {
    switch type {
    case 1: clientVersion >= 3008 ? .securityResult : .clientInit
    case 2: .authenticationChallenge
    case 16, 19: .unfollowed
    case 30: .ardChallenge
    default: nil
    }
  }
}
