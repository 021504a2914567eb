/// File Transfer Protocol control connection (RFC 959), as Wireshark 4.0
/// dissects a segment: its first line is a request (command and argument)
/// or a response (three-digit code and text); further lines are shown as
/// text. A PORT request or a 227 (Entering Passive Mode) response gives
/// the data connection's address and port. After a 234 reply to AUTH,
/// the connection is TLS (RFC 4217), from the next segment on.
enum FTP: UInt8, ProtocolModule {
  case item, isRequest, isResponse, requestCommand, requestArg, responseCode, responseArg, activeIP, activePort,
    activeNAT, passiveIP, passivePort, passiveNAT

  static var protocolID: ProtocolID { .ftp }
  static var level: LayerLevel { .application }
  static let serverPort: UInt16 = 21
  static let bindings = [Binding(.tcpPort, UInt32(serverPort))]
  static let variablePart: String? = "Line"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ftp", "File Transfer Protocol (FTP)")
    case .isRequest: .loose("ftp.request", "Request", .boolean(bytes: 1))
    case .isResponse: .loose("ftp.response", "Response", .boolean(bytes: 1))
    case .requestCommand: .loose("ftp.request.command", "Request command", .string)
    case .requestArg: .loose("ftp.request.arg", "Request arg", .string)
    case .responseCode: .loose("ftp.response.code", "Response code", .uint(bytes: 4), values: .ftpResponseCodes)
    case .responseArg: .loose("ftp.response.arg", "Response arg", .string)
    case .activeIP: .loose("ftp.active.cip", "Active IP address", .ipv4)
    case .activePort: .loose("ftp.active.port", "Active port", .uint(bytes: 2))
    case .activeNAT: .loose("ftp.active.nat", "Active IP NAT", .boolean(bytes: 1))
    case .passiveIP: .loose("ftp.passive.ip", "Passive IP address", .ipv4)
    case .passivePort: .loose("ftp.passive.port", "Passive port", .uint(bytes: 2))
    case .passiveNAT: .loose("ftp.passive.nat", "Passive IP NAT", .boolean(bytes: 1))
    }
  }

  /// What FTP remembers about one control connection.
  struct Conversation {
    /// The last request was AUTH: a 234 reply starts TLS.
    var authRequested = false
    /// The frame after which the connection is TLS.
    var tlsAfterFrame: Int?
    /// The last request's first line, which a 250 reply to CWD or CDUP acts on.
    var lastRequest: [UInt8] = []
    /// The working directory as CWD, CDUP and PWD replies told it.
    var workingDirectory: [UInt8] = []
    /// The data connection set up last, whose command is the first request after it.
    var dataChannel: FTPDataChannel?
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.ftpConversations[$0] } ?? Conversation()
    defer { if let key { c.state.ftpConversations[key] = conversation } }
    if let frame = conversation.tlsAfterFrame, c.dissection.frame.number > frame {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    let request = !TCPSegment.fromServer(c, serverPorts: [serverPort])
    c.generated(isRequest, value: request ? 1 : 0)
    c.generated(isResponse, value: request ? 0 : 1)
    let bytes = c.bytes
    var lineLength = 0
    while lineLength < c.capturedLength, bytes.byte(lineLength) != 0x0d, bytes.byte(lineLength) != 0x0a {
      lineLength += 1
    }
    let line = bytes.slice(0, lineLength).copyBytes()
    var argStart = 0
    if request {
      let token = line.prefix { $0 != 0x20 }.count
      if token > 0 {
        c.computed(requestCommand, at: 0, token, bytes: HTTP.asciiText(line[0..<token]), depth: 2)
      }
      argStart = token
      while argStart < line.count && line[argStart] == 0x20 { argStart += 1 }
    } else if line.count >= 3, line[0..<3].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      let code = line[0..<3].reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
      try c.add(responseCode, at: 0, 3, value: code, depth: 2)
      argStart = min(4, line.count)
    }
    let arg = Array(line[argStart...])
    if !arg.isEmpty {
      c.computed(request ? requestArg : responseArg, at: argStart, arg.count, bytes: HTTP.asciiText(arg), depth: 2)
    }
    let command = request ? Array(line.prefix { $0 != 0x20 }) : []
    let frame = c.dissection.frame.number
    if request {
      conversation.authRequested = command.elementsEqual("AUTH".utf8)
      conversation.lastRequest = line
      if let channel = conversation.dataChannel, channel.command == nil {
        channel.command = line
        channel.commandFrame = frame
      }
    } else {
      if conversation.authRequested && line.starts(with: "234".utf8) { conversation.tlsAfterFrame = frame }
      if line.starts(with: "250".utf8) { FTPWorkingDirectory.changed(&conversation) }
      if line.starts(with: "257".utf8), line.count >= 4, let path = FTPWorkingDirectory.quoted(line[4...]) {
        conversation.workingDirectory = path
      }
    }
    let isPort = request && command.elementsEqual("PORT".utf8)
    let isPassive = !request && line.starts(with: "227".utf8)
    if isPort || isPassive, let (address, port) = portArgument(arg) {
      // NAT: the address given is not the one the segment came from.
      let given = NetworkAddress(low: UInt64(address))
      let nat = c.state.networkSource != given
      c.generated(isPort ? activeIP : passiveIP, value: UInt64(address))
      c.generated(isPort ? activePort : passivePort, value: UInt64(port))
      if nat { c.generated(isPort ? activeNAT : passiveNAT, value: 1) }
      // PORT: the server connects from port 20 to the address given;
      // PASV: the client connects to it from any port.
      announce(
        c, &conversation,
        isPort
          ? FTPDataChannel(
            setupFrame: frame, method: "PORT", address: c.state.networkDestination, port: 20, peer: given,
            workingDirectory: conversation.workingDirectory)
          : FTPDataChannel(
            setupFrame: frame, method: "PASV", address: given, port: port, peer: c.state.networkDestination,
            workingDirectory: conversation.workingDirectory))
    }
    if !request && line.starts(with: "229".utf8) && arg.count > 0, let port = extendedPassivePort(arg) {
      announce(
        c, &conversation,
        FTPDataChannel(
          setupFrame: frame, method: "EPASV", address: c.state.networkSource, port: port,
          peer: c.state.networkDestination, workingDirectory: conversation.workingDirectory))
    }
    return .stop
  }

  /// Remembers a data connection the control connection set up, for the
  /// segments between its endpoints and the command that follows.
  private static func announce(_ c: LayerCursor, _ conversation: inout Conversation, _ channel: FTPDataChannel) {
    c.state.ftpDataChannels.add(channel)
    conversation.dataChannel = channel
  }

  /// The port of an EPSV reply (RFC 2428), `(|||6446|)`, as Wireshark
  /// reads it: after the first `(` and three delimiters (the first of them
  /// fixes the delimiter, none may be a digit, a hex letter, `.` or `:`),
  /// digits up to a delimiter or the end, and a `)` somewhere after them.
  static func extendedPassivePort(_ text: [UInt8]) -> UInt16? {
    guard let open = text.firstIndex(of: UInt8(ascii: "(")) else { return nil }
    var p = open + 1
    var delimiter: UInt8?
    for _ in 0..<3 {
      guard p < text.count else { break }
      let b = text[p]
      if delimiter == nil && isDelimiter(b) { delimiter = b }
      guard b == delimiter else { break }
      p += 1
    }
    guard p < text.count else { return nil }
    let digitsStart = p
    var value = 0
    while p < text.count, isDigit(text[p]) {
      value = value * 10 + Int(text[p] - 0x30)
      guard value <= Int(UInt16.max) else { return nil }
      p += 1
    }
    guard p > digitsStart, p == text.count || text[p] == UInt8(ascii: "|") || text[p] == UInt8(ascii: ")") else { return nil }
    guard text[p...].contains(UInt8(ascii: ")")) else { return nil }
    return UInt16(value)
  }

  /// RFC 2428's delimiter: a printable character other than a digit, a
  /// hex letter, `.` or `:`.
  private static func isDelimiter(_ b: UInt8) -> Bool {
    guard b > 0x20 && b < 0x7f else { return false }
    let lower = b | 0x20
    return !isDigit(b) && !(lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")) && b != UInt8(ascii: ".")
      && b != UInt8(ascii: ":")
  }

  /// The address and port of a PORT argument or a 227 response, as
  /// Wireshark finds them: the first place in the text where six numbers
  /// separated by commas start (as `sscanf("%d,%d,%d,%d,%d,%d")` reads them).
  static func portArgument(_ text: [UInt8]) -> (address: UInt32, port: UInt16)? {
    var p = 0
    while p < text.count {
      while p < text.count, !isDigit(text[p]) { p += 1 }
      guard p < text.count else { return nil }
      if let numbers = sixNumbers(text, from: p) {
        var address: UInt32 = 0
        for n in numbers[0..<4] { address = address &<< 8 | UInt32(truncatingIfNeeded: n) & 0xff }
        let port = UInt16(numbers[4] & 0xff) << 8 | UInt16(numbers[5] & 0xff)
        return (address, port)
      }
      while p < text.count, isDigit(text[p]) { p += 1 }
    }
    return nil
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  /// Six `%d`s joined by commas from `start`: each may have leading white
  /// space and a sign.
  private static func sixNumbers(_ text: [UInt8], from start: Int) -> [Int]? {
    var numbers: [Int] = []
    var i = start
    while numbers.count < 6 {
      if !numbers.isEmpty {
        guard i < text.count, text[i] == UInt8(ascii: ",") else { return nil }
        i += 1
      }
      while i < text.count, text[i] == 0x20 || (text[i] >= 0x09 && text[i] <= 0x0d) { i += 1 }
      var negative = false
      if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
        negative = text[i] == UInt8(ascii: "-")
        i += 1
      }
      let digitsStart = i
      var value = 0
      while i < text.count, isDigit(text[i]) {
        value = (value &* 10 &+ Int(text[i] - 0x30)) & 0xffff_ffff
        i += 1
      }
      guard i > digitsStart else { return nil }
      numbers.append(negative ? -value : value)
    }
    return numbers
  }
}
