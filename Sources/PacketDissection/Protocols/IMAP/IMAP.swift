/// Internet Message Access Protocol (RFC 9051), as Wireshark 4.0 dissects
/// a segment, line by line. A line starting with `*` is an untagged
/// response, shown whole; a `FETCH` among its first tokens whose literal
/// (`{N}`) and closing `)` are in the segment hands the literal's bytes to
/// the message reader (data here, IMF being one pktsh does not read) and
/// goes on after them; one cut short stops the segment. Any other line is a
/// request or response: its tag, command or status, the command of a
/// response, the folder of the commands that name one, LOGIN's username and
/// password, and the request a tagged response answers. A segment is a
/// request when it goes to port 143; a line without its line end is not
/// shown (the segment waits for the rest when TCP reassembles).
///
/// After a server's OK to STARTTLS, or when one of the first two segments
/// does not start with five printable characters, the connection is TLS:
/// the segments TLS refuses as text are still IMAP's.
enum IMAP: UInt8, ProtocolModule {
  case item, isRequest, line, request, requestTag, response, responseTag, requestCommand, responseCommand,
    responseStatus, tag, command, requestFolder, requestUID, requestUsername, requestPassword, responseIn,
    responseTo, time

  static var protocolID: ProtocolID { .imap }
  static var level: LayerLevel { .application }
  static let serverPort: UInt16 = 143
  static let bindings = [Binding(.tcpPort, UInt32(serverPort))]
  static let variablePart: String? = "Line"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("imap", "Internet Message Access Protocol")
    case .isRequest: .loose("imap.isrequest", "Request", .boolean(bytes: 1))
    case .line: .loose("imap.line", "Line", .string)
    case .request: .loose("imap.request", "Request", .string)
    case .requestTag: .loose("imap.request_tag", "Request Tag", .string)
    case .response: .loose("imap.response", "Response", .string)
    case .responseTag: .loose("imap.response_tag", "Response Tag", .string)
    case .requestCommand: .loose("imap.request.command", "Request Command", .string)
    case .responseCommand: .loose("imap.response.command", "Response Command", .string)
    case .responseStatus: .loose("imap.response.status", "Response Status", .string)
    case .tag: .loose("imap.tag", "Tag", .string)
    case .command: .loose("imap.command", "Command", .string)
    case .requestFolder: .loose("imap.request.folder", "Request Folder", .string)
    case .requestUID: .loose("imap.request.command.uid", "Request isUID", .boolean(bytes: 1))
    case .requestUsername: .loose("imap.request.username", "Request Username", .string)
    case .requestPassword: .loose("imap.request.password", "Request Password", .string)
    case .responseIn: .loose("imap.response_in", "Response In", .frameNumber)
    case .responseTo: .loose("imap.response_to", "Request In", .frameNumber)
    case .time: .loose("imap.time", "Response Time", .relativeTime)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let conversation = IMAPConversation.of(c)
    let frame = c.dissection.frame.number
    // Since STARTTLS, TLS sees each segment first.
    if let last = conversation?.tlsAfterFrame, frame > last, !TLS.refusesAsText(c) {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    // A connection seen from after its STARTTLS: TLS from here on.
    if let conversation, conversation.heuristicTriesLeft > 0 {
      conversation.heuristicTriesLeft -= 1
      if c.capturedLength >= 5, !(0..<5).allSatisfy({ isPrintable(c.packet.byte(c.start + $0)) }) {
        conversation.heuristicTriesLeft = 0
        if conversation.tlsAfterFrame == nil { conversation.tlsAfterFrame = frame - 1 }
        c.hideItem()
        c.dissection.setLayerItemValue(Info.untouched.raw)
        return .layer(.tls, at: c.start, end: c.end)
      }
    }
    let isRequest = !TCPSegment.fromServer(c, serverPorts: [serverPort])
    let bytes = c.bytes.copyBytes()
    guard HTTP.lineEnd(c, from: 0, limit: bytes.count, partial: false) != nil else {
      c.needMore(at: 0, nil)
      c.dropFromChain()
      return .stop
    }
    try? c.add(IMAP.isRequest, at: 0, 0, value: isRequest ? 1 : 0, flags: .hidden)
    var lines = IMAPLines(bytes: bytes, isRequest: isRequest, conversation: conversation)
    let info = try lines.walk(c)
    c.dissection.setLayerItemValue(info.raw)
    for literal in lines.literals where c.dissection.layers.count < Dissector.maximumLayers {
      c.runAbove(.data(at: c.start + literal.lowerBound, end: c.start + literal.upperBound))
    }
    return .stop
  }

  /// `g_ascii_isprint`.
  static func isPrintable(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x7f }

  /// What the summary shows, kept in the protocol item's value: nothing
  /// (the segment went to TLS first), the protocol alone, or the protocol
  /// and a line of the segment as a request or response; and whether the
  /// walk ended at a read past the bytes (Wireshark's BoundError).
  struct Info {
    var raw: UInt64

    static let protocolOnly = Info(raw: 0)
    static let untouched = Info(raw: 1)

    /// The line at `start` (from the layer's start), `length` bytes long.
    static func line(request: Bool, start: Int, length: Int) -> Info {
      Info(raw: (request ? 2 : 3) | UInt64(truncatingIfNeeded: start & 0x7fff_ffff) << 3 | UInt64(truncatingIfNeeded: length) << 34)
    }

    var kind: UInt64 { raw & 3 }
    var start: Int { Int((raw >> 3) & 0x7fff_ffff) }
    var length: Int { Int(raw >> 34) }
    var cut: Bool {
      get { raw & 4 != 0 }
      set { raw = newValue ? raw | 4 : raw & ~4 }
    }
  }
}
