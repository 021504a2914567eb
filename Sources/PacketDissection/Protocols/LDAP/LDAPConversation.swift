/// What LDAP remembers of a TCP connection, as tshark's conversation data
/// does: how the client last bound, the SASL mechanism it named, and the
/// frame from which SASL buffers carry the messages (the one after a
/// bind response with server credentials, or the first that looks like a
/// Kerberos-wrapped buffer); and StartTLS, after whose successful answer
/// the connection is TLS.
struct LDAPConversation {
  enum Authentication { case none, simple, sasl }

  var authentication = Authentication.none
  /// The last non-empty SASL mechanism a bind request named; `UNKNOWN`
  /// when a wrapped buffer was found with no bind seen.
  var mechanism: [UInt8] = []
  /// The first frame read as SASL buffers; 0 until known.
  var firstSASLFrame = 0

  /// A StartTLS request was seen and not yet answered with success.
  var startTLSPending = false
  /// The frame that answered StartTLS with success: the frames after it
  /// are TLS, as tshark's `ssl_starttls_ack` makes them.
  var tlsAfterFrame: Int?

  /// The largest SASL buffer length tshark takes as one (1 MiB).
  static let largestSASLBuffer: UInt32 = 1024 * 1024

  /// Whether the mechanism is one whose buffers hold GSS-API wrap tokens.
  var wrapsWithGSSAPI: Bool {
    mechanism.elementsEqual("GSS-SPNEGO".utf8) || mechanism.elementsEqual("GSSAPI".utf8)
  }

  /// Whether frame `number` is read as SASL buffers.
  func readsSASL(frame number: Int) -> Bool {
    authentication == .sasl && firstSASLFrame != 0 && number >= firstSASLFrame
  }
}
