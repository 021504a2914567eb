/// Internet Relay Chat (RFC 2812), as Wireshark 4.0 dissects a segment:
/// each line a message, with its prefix (after `:`), command, parameters
/// and trailer (after ` :`); a server's numeric reply also gives its
/// number. Lines to the server's port are requests.
enum IRC: UInt8, ProtocolModule {
  case item, response, request, requestPrefix, requestCommand, requestParameter, requestTrailer, responsePrefix,
    responseCommand, responseNumber, responseParameter, responseTrailer

  static var protocolID: ProtocolID { .irc }
  static var level: LayerLevel { .application }
  static let serverPorts: Set<UInt16> = [6667, 57000]
  static let bindings = [Binding(.tcpPort, 6667), Binding(.tcpPort, 57000)]
  static let variablePart: String? = "Line"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("irc", "Internet Relay Chat")
    case .response: .loose("irc.response", "Response", .string)
    case .request: .loose("irc.request", "Request", .string)
    case .requestPrefix: .loose("irc.request.prefix", "Prefix", .string)
    case .requestCommand: .loose("irc.request.command", "Command", .string)
    case .requestParameter: .loose("irc.request.command_parameter", "Parameter", .string)
    case .requestTrailer: .loose("irc.request.trailer", "Trailer", .string)
    case .responsePrefix: .loose("irc.response.prefix", "Prefix", .string)
    case .responseCommand: .loose("irc.response.command", "Command", .string)
    case .responseNumber: .loose("irc.response.num_command", "Command", .uint(bytes: 2))
    case .responseParameter: .loose("irc.response.command_parameter", "Parameter", .string)
    case .responseTrailer: .loose("irc.response.trailer", "Trailer", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let isRequest = !TCPSegment.fromServer(c, serverPorts: serverPorts)
    let bytes = c.bytes.copyBytes()
    for line in DataTextLines.lines(bytes) where line.length > 0 {
      message(c, Array(bytes[line.start..<line.start + line.length]), at: line.start, isRequest: isRequest)
    }
    return .stop
  }

  /// One line: its item, then prefix, command, parameters and trailer.
  private static func message(_ c: LayerCursor, _ line: [UInt8], at start: Int, isRequest: Bool) {
    let (prefix, command, parameter, trailer) =
      isRequest
      ? (requestPrefix, requestCommand, requestParameter, requestTrailer)
      : (responsePrefix, responseCommand, responseParameter, responseTrailer)
    c.computed(isRequest ? request : response, at: start, line.count, bytes: HTTP.asciiText(line))
    let parts = parse(line)
    if let p = parts.prefix {
      c.computed(prefix, at: start + p.lowerBound, p.count, bytes: HTTP.asciiText(line[p]), depth: 2)
    }
    guard let name = parts.command else { return }
    c.computed(command, at: start + name.lowerBound, name.count, bytes: HTTP.asciiText(line[name]), depth: 2)
    // A command alone on its line is not read as a number.
    if !isRequest, name.upperBound < line.count, let number = number(line[name]) {
      try? c.add(responseNumber, at: start + name.lowerBound, name.count, value: UInt64(number), depth: 2, flags: .hidden)
    }
    for p in parts.parameters {
      c.computed(parameter, at: start + p.lowerBound, p.count, bytes: HTTP.asciiText(line[p]), depth: 3)
    }
    if let t = parts.trailer {
      c.computed(trailer, at: start + t.lowerBound, t.count, bytes: HTTP.asciiText(line[t]), depth: 2)
    }
  }

  /// The parts of a message line, as ranges of the line.
  static func parse(_ line: [UInt8]) -> (prefix: Range<Int>?, command: Range<Int>?, parameters: [Range<Int>], trailer: Range<Int>?) {
    let space = UInt8(ascii: " ")
    // Spaces before the message are skipped.
    var offset = line.firstIndex { $0 != space } ?? line.count
    var prefix: Range<Int>?
    if offset < line.count, line[offset] == UInt8(ascii: ":") {
      guard let end = line[offset...].firstIndex(of: space) else { return (nil, nil, [], nil) }
      prefix = offset + 1..<end
      offset = end + 1
    }
    let commandEnd = line[offset...].firstIndex(of: space) ?? line.count
    let command = offset..<commandEnd
    var parameters: [Range<Int>] = []
    var trailer: Range<Int>?
    offset = commandEnd + 1
    while offset < line.count {
      // Runs of spaces separate parameters as one space does.
      if line[offset] == space {
        offset += 1
        continue
      }
      if line[offset] == UInt8(ascii: ":") {
        trailer = offset + 1..<line.count
        break
      }
      let end = line[offset...].firstIndex(of: space) ?? line.count
      parameters.append(offset..<end)
      offset = end + 1
    }
    return (prefix, command.isEmpty ? nil : command, parameters, trailer)
  }

  /// A numeric reply's number: digits only, as `ws_strtou16` takes them.
  static func number(_ text: ArraySlice<UInt8>) -> UInt16? {
    guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    let value = text.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    return value <= Int(UInt16.max) ? UInt16(value) : nil
  }
}
