/// What IMAP remembers about one TCP connection, as Wireshark's session
/// state: how many segments may still turn out to be TLS, whether a
/// STARTTLS waits for its OK, the frame after which the connection is TLS,
/// and each tag's last request, for the responses that answer it.
final class IMAPConversation {
  /// At most this many tags are remembered; past it the oldest half is
  /// forgotten. A longer tag than `longestTag` bytes is not remembered.
  static let capacity = 4096
  static let longestTag = 1024

  struct Request {
    var frame: Int
    var time: Int64
  }

  /// Segments left that Wireshark's TLS heuristic looks at.
  var heuristicTriesLeft = 2
  var startTLSRequested = false
  var tlsAfterFrame: Int?
  private var requests = OldestHalfForgottenTable<[UInt8], Request>(capacity: IMAPConversation.capacity)

  /// The conversation of the segment's TCP stream, made on first sight.
  static func of(_ c: LayerCursor) -> IMAPConversation? {
    guard let key = TCPSegment.streamIndex(c) else { return nil }
    if let known = c.state.imapConversations[key] { return known }
    let made = IMAPConversation()
    c.state.imapConversations[key] = made
    return made
  }

  /// The last request with this tag (lower-cased).
  func request(_ tag: [UInt8]) -> Request? { requests[tag] }

  func record(_ tag: [UInt8], _ request: Request) {
    guard tag.count <= Self.longestTag else { return }
    requests.set(tag, request)
  }
}
