/// One segment's lines as Wireshark 4.0's IMAP dissector walks them, with
/// its token rules: a token ends at a space (or the line's end), one space
/// is skipped after it, so two spaces make an empty token; commands and
/// keywords match when the token is a prefix of them (`s` is SELECT), as
/// its `strncmp` over the token's length compares.
struct IMAPLines {
  let bytes: [UInt8]
  let isRequest: Bool
  let conversation: IMAPConversation?
  /// The literals handed to the message reader, from the layer's start.
  var literals: [Range<Int>] = []

  init(bytes: [UInt8], isRequest: Bool, conversation: IMAPConversation?) {
    self.bytes = bytes
    self.isRequest = isRequest
    self.conversation = conversation
  }

  /// The commands whose first argument is a folder.
  static let folderCommands = [
    "select", "examine", "create", "delete", "rename", "subscribe", "unsubscribe", "status", "append", "search",
  ]

  /// Records every whole line; answers what Info shows.
  mutating func walk(_ c: LayerCursor) throws(DissectionStop) -> IMAP.Info {
    var offset = 0
    var info: IMAP.Info?
    var lastLength = 0
    // The last tag seen in the segment: a line without one matches again by it.
    var tag: [UInt8]?
    while offset < bytes.count {
      guard let (length, lineNext) = HTTP.lineEnd(c, from: offset, limit: bytes.count - offset, partial: false) else {
        c.needMore(at: offset, nil)
        return info ?? .protocolOnly
      }
      var next = lineNext
      lastLength = length
      if bytes[offset] == UInt8(ascii: "*") {
        var shown = false
        let tokens = Self.lookahead(bytes, from: offset, to: next)
        if tokens.count >= 2, let keyword = tokens.first(where: { Self.matches(bytes[$0], "FETCH", caseless: true) }) {
          guard let found = try fetch(c, after: keyword.upperBound, line: offset, next: &next) else {
            c.needMore(at: offset, nil)
            return info ?? .protocolOnly
          }
          shown = true
          if found { info = info ?? .protocolOnly }
        }
        if !shown { c.computed(IMAP.line, at: offset, next - offset, bytes: HTTP.asciiText(bytes[offset..<next])) }
      } else {
        if info == nil { info = .line(request: isRequest, start: offset, length: length) }
        c.computed(IMAP.line, at: offset, next - offset, bytes: HTTP.asciiText(bytes[offset..<next]))
        guard try reqresp(c, at: offset, length: length, tag: &tag) else {
          var cut = info ?? .protocolOnly
          cut.cut = true
          return cut
        }
      }
      offset = next
    }
    return info ?? .line(request: isRequest, start: 0, length: lastLength)
  }

  /// A tagged line: the request or response, its tag, command or status,
  /// and what the command names. False when Wireshark's walk ends in it.
  private func reqresp(_ c: LayerCursor, at start: Int, length: Int, tag: inout [UInt8]?) throws(DissectionStop) -> Bool {
    var offset = start
    var length = length
    if length != 0 {
      c.computed(isRequest ? IMAP.request : IMAP.response, at: offset, length, bytes: HTTP.asciiText(bytes[offset..<offset + length]), depth: 2)
    }
    let first = Self.token(bytes, offset, length)
    if first.length != 0 {
      let text = HTTP.asciiText(bytes[offset..<offset + first.length])
      tag = Self.lowercased(text[...])
      c.computed(isRequest ? IMAP.requestTag : IMAP.responseTag, at: offset, first.length, bytes: text, depth: 2)
      c.computed(IMAP.tag, at: offset, first.length, bytes: text, depth: 2, flags: .hidden)
      length -= first.next - offset
      offset = first.next
    }
    let second = Self.token(bytes, offset, length)
    if second.length != 0 {
      guard try command(c, at: offset, second, lineLength: length) else { return false }
    }
    if let tag { match(c, tag) }
    return true
  }

  /// The second token and what follows from it. False when Wireshark's
  /// walk ends in it.
  private func command(_ c: LayerCursor, at offset: Int, _ second: (length: Int, next: Int), lineLength length: Int)
    throws(DissectionStop) -> Bool
  {
    let word = bytes[offset..<offset + second.length]
    var name: Range<Int>?
    var folder = (length: 0, next: 0, start: 0)
    if isRequest && Self.matches(word, "UID", caseless: true) {
      try c.add(IMAP.requestUID, at: offset, second.length, value: 1, depth: 2)
      // UID comes before the command.
      let command = Self.token(bytes, second.next, length - (second.next - offset))
      if command.length != 0 {
        c.computed(IMAP.requestCommand, at: second.next, command.length, bytes: text(second.next, command.length), depth: 2)
        c.computed(IMAP.command, at: offset, second.length, bytes: text(offset, second.length), depth: 2, flags: .hidden)
        name = second.next..<second.next + command.length
        let found = Self.token(bytes, command.next, length - (command.next - offset))
        folder = (found.length, found.next, command.next)
      }
    } else {
      let value = text(offset, second.length)
      c.computed(isRequest ? IMAP.requestCommand : IMAP.responseStatus, at: offset, second.length, bytes: value, depth: 2)
      if isRequest {
        c.computed(IMAP.command, at: offset, second.length, bytes: value, depth: 2, flags: .hidden)
        name = offset..<offset + second.length
        let found = Self.token(bytes, second.next, length - (second.next - offset))
        folder = (found.length, found.next, second.next)
      }
    }
    if let name, !name.isEmpty {
      let command = Self.lowercased(bytes[name])[...]
      if Self.folderCommands.contains(where: { Self.matches(command, $0, caseless: false) }) {
        if folder.length != 0 {
          c.computed(IMAP.requestFolder, at: folder.start, folder.length, bytes: text(folder.start, folder.length), depth: 2)
        }
      } else if length > 0 && Self.matches(command, "copy", caseless: false) {
        // COPY's folder is its second argument.
        let found = Self.token(bytes, folder.next, length - (folder.next - offset))
        if found.length != 0 {
          c.computed(IMAP.requestFolder, at: folder.next, found.length, bytes: text(folder.next, found.length), depth: 2)
        }
      } else if Self.matches(command, "starttls", caseless: false) {
        conversation?.startTLSRequested = true
      } else if Self.matches(command, "login", caseless: false) {
        guard login(c, after: second.next, lineStart: offset, lineLength: length) else { return false }
      }
    }
    if !isRequest {
      let found = Self.token(bytes, second.next, length - (second.next - offset))
      if found.length > 0 {
        let value = text(second.next, found.length)
        c.computed(IMAP.responseCommand, at: second.next, found.length, bytes: value, depth: 2)
        c.computed(IMAP.command, at: second.next, found.length, bytes: value, depth: 2, flags: .hidden)
      }
    }
    if let conversation, conversation.startTLSRequested, !isRequest,
      Self.matches(Self.lowercased(word)[...], "ok", caseless: false)
    {
      // STARTTLS accepted: TLS after this segment.
      if conversation.tlsAfterFrame == nil { conversation.tlsAfterFrame = c.dissection.frame.number }
      conversation.heuristicTriesLeft = 0
      conversation.startTLSRequested = false
    }
    return true
  }

  /// LOGIN's username and password, the quotes taken off the password by
  /// dropping its first and last bytes. False when the password is shorter
  /// than two bytes: Wireshark's read of `length - 2` bytes fails there.
  private func login(_ c: LayerCursor, after start: Int, lineStart offset: Int, lineLength length: Int) -> Bool {
    let user = Self.token(bytes, start, length - (start - offset))
    c.computed(IMAP.requestUsername, at: start, user.length, bytes: text(start, user.length), depth: 2)
    let password = Self.token(bytes, user.next, length - (user.next - offset))
    guard password.length >= 2 else { return false }
    c.computed(
      IMAP.requestPassword, at: user.next, password.length,
      bytes: HTTP.asciiText(bytes[user.next + 1..<user.next + password.length - 1]), depth: 2)
    return true
  }

  /// A request is remembered by its tag; a response shows the request it answers.
  private func match(_ c: LayerCursor, _ tag: [UInt8]) {
    guard let conversation else { return }
    let frame = c.dissection.frame
    if isRequest {
      conversation.record(tag, IMAPConversation.Request(frame: frame.number, time: frame.time))
    } else if let request = conversation.request(tag) {
      c.generated(IMAP.responseTo, value: UInt64(request.frame), depth: 2)
      c.generated(IMAP.time, value: UInt64(bitPattern: frame.time &- request.time), depth: 2)
    }
  }

  private func text(_ start: Int, _ count: Int) -> [UInt8] { HTTP.asciiText(bytes[start..<start + count]) }
}
