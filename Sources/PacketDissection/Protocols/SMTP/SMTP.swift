/// Simple Mail Transfer Protocol (RFC 5321), as Wireshark 4.0 dissects a
/// segment with TCP reassembly off. A client segment is commands (each
/// line a command and its parameter), a fragment of a message after DATA
/// or BDAT (shown as line-based text), or the end of a message (`.`),
/// which closes the message's fragments as SMTP's own reassembly does. A
/// server segment is replies: a code and its text on each line, one
/// response item for each reply, multi-line (`250-`) or not. After STARTTLS
/// and a 220 reply, the connection is TLS. AUTH LOGIN's and AUTH PLAIN's
/// credentials are shown as sent (base64 is not decoded, as Wireshark's
/// default).
enum SMTP: UInt8, ProtocolModule {
  case item, isRequest, isResponse, commandLine, requestCommand, requestParameter, response, responseCode,
    responseParameter, username, password, endOfMessage, fragment, fragmentCount, reassembledLength

  static var protocolID: ProtocolID { .smtp }
  static var level: LayerLevel { .application }
  static let serverPorts: Set<UInt16> = [25, 587]
  static let bindings = [Binding(.tcpPort, 25), Binding(.tcpPort, 587)]
  static let variablePart: String? = "Line"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("smtp", "Simple Mail Transfer Protocol")
    case .isRequest: .loose("smtp.req", "Request", .boolean(bytes: 1))
    case .isResponse: .loose("smtp.rsp", "Response", .boolean(bytes: 1))
    case .commandLine: .loose("smtp.command_line", "Command Line", .string)
    case .requestCommand: .loose("smtp.req.command", "Command", .string)
    case .requestParameter: .loose("smtp.req.parameter", "Request parameter", .string)
    case .response: .loose("smtp.response", "Response", .string)
    case .responseCode: .loose("smtp.response.code", "Response code", .uint(bytes: 4), values: .smtpResponseCodes)
    case .responseParameter: .loose("smtp.rsp.parameter", "Response parameter", .string)
    case .username: .loose("smtp.auth.username", "Username", .string)
    case .password: .loose("smtp.auth.password", "Password", .string)
    case .endOfMessage: .loose("smtp.eom", "EOM", .label)
    case .fragment: .loose("smtp.data.fragment", "DATA fragment", .frameNumber)
    case .fragmentCount: .loose("smtp.data.fragment.count", "DATA fragment count", .uint(bytes: 4))
    case .reassembledLength: .loose("smtp.data.reassembled.length", "Reassembled DATA length", .uint(bytes: 4))
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.smtpConversations[$0] } ?? SMTPConversation()
    defer { if let key { c.state.smtpConversations[key] = conversation } }
    let frame = c.dissection.frame.number
    if let last = conversation.tlsAfterFrame, frame > last {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    let bytes = c.bytes.copyBytes()
    let lines = DataTextLines.lines(bytes)
    if TCPSegment.fromServer(c, serverPorts: serverPorts) {
      replies(c, bytes, lines, &conversation)
      return .stop
    }
    let found = conversation.read(bytes, lines, whole: c.capturedLength == c.length)
    switch found.kind {
    case .message:
      // The last BDAT chunk puts no message together in tshark 4.0.
      conversation.addFragment(frame: frame, length: c.length)
      return .layer(.dataTextLines, at: c.start, end: c.end)
    case .endOfMessage:
      let line = lines.first { $0.start == found.endOffset }
      c.computed(endOfMessage, at: found.endOffset, line?.length ?? 0, bytes: [])
      if found.endOffset > 0 { conversation.addFragment(frame: frame, length: found.endOffset) }
      reassembled(c, &conversation)
    case .command:
      commands(c, bytes, lines, found)
      if !found.moreFragments { reassembled(c, &conversation) }
    }
    return .stop
  }

  /// The client's lines as commands, or as the credentials AUTH asked for.
  private static func commands(_ c: LayerCursor, _ bytes: [UInt8], _ lines: [(start: Int, length: Int, next: Int)], _ found: SMTPConversation.Found) {
    for line in lines {
      try? c.add(isRequest, at: 0, 0, value: 1, flags: .hidden)
      let text = HTTP.asciiText(bytes[line.start..<line.start + line.length])
      switch found.role {
      case .username:
        c.computed(username, at: line.start, line.length, bytes: text)
        continue
      case .password:
        c.computed(password, at: line.start, line.length, bytes: text)
        continue
      case .credentials:
        c.computed(username, at: line.start, line.length, bytes: text)
        c.computed(password, at: line.start, line.length, bytes: text)
        continue
      case .command: break
      }
      c.computed(commandLine, at: line.start, line.next - line.start, bytes: HTTP.asciiText(bytes[line.start..<line.next]))
      let commandLength = min(4, line.length)
      c.computed(requestCommand, at: line.start, commandLength, bytes: text.prefix(commandLength), depth: 2)
      guard line.length > 5 else { continue }
      c.computed(requestParameter, at: line.start + 5, line.length - 5, bytes: text.dropFirst(5), depth: 2)
      // AUTH LOGIN and AUTH PLAIN may carry their credentials.
      let login = SMTPConversation.startsCaseless(text[...], "AUTH LOGIN")
      if line.length > 11, login || SMTPConversation.startsCaseless(text[...], "AUTH PLAIN") {
        let given = Array(text.dropFirst(11))
        c.computed(username, at: line.start + 11, line.length - 11, bytes: given, depth: 2)
        if !login { c.computed(password, at: line.start + 11, line.length - 11, bytes: given, depth: 2) }
      }
    }
  }

  /// The server's reply lines: one response item for each reply, with its
  /// code, and a parameter for each line.
  private static func replies(_ c: LayerCursor, _ bytes: [UInt8], _ lines: [(start: Int, length: Int, next: Int)], _ conversation: inout SMTPConversation) {
    try? c.add(isResponse, at: 0, 0, value: 1, flags: .hidden)
    var multiline = false
    for line in lines {
      guard let code = replyCode(bytes, line) else { continue }
      conversation.reply(code, frame: c.dissection.frame.number)
      if !multiline {
        c.computed(response, at: line.start, line.next - line.start, bytes: HTTP.asciiText(bytes[line.start..<line.next]))
        try? c.add(responseCode, at: line.start, 3, value: UInt64(code), depth: 2)
      }
      multiline = line.length >= 4 && bytes[line.start + 3] == UInt8(ascii: "-")
      if line.length >= 4 {
        c.computed(
          responseParameter, at: line.start + 4, line.length - 4,
          bytes: HTTP.asciiText(bytes[line.start + 4..<line.start + line.length]), depth: 2)
      }
    }
  }

  /// The three-digit code a reply line starts with.
  static func replyCode(_ bytes: [UInt8], _ line: (start: Int, length: Int, next: Int)) -> Int? {
    guard line.length >= 3 else { return nil }
    let digits = bytes[line.start..<line.start + 3]
    guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }

  /// Records the message's fragments, put together by this segment, and
  /// starts the next message's.
  private static func reassembled(_ c: LayerCursor, _ conversation: inout SMTPConversation) {
    guard conversation.fragmentCount > 0 else { return }
    for frame in conversation.fragmentFrames { c.generated(fragment, value: UInt64(frame), depth: 2) }
    c.generated(fragmentCount, value: UInt64(conversation.fragmentCount), depth: 2)
    c.generated(reassembledLength, value: UInt64(conversation.fragmentBytes), depth: 2)
    conversation.fragmentFrames = []
    conversation.fragmentCount = 0
    conversation.fragmentBytes = 0
  }
}
