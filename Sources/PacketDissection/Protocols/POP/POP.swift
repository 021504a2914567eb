/// Post Office Protocol version 3 (RFC 1939), as Wireshark 4.0 dissects a
/// segment: a request's first line is a command and its parameter, a
/// response's a status indicator (`+OK`, `-ERR`) and its description;
/// further lines are shown as data lines. A server segment that starts
/// with neither indicator continues a multi-line response: it is handed
/// on as data.
enum POP: UInt8, ProtocolModule {
  case item, request, requestCommand, requestParameter, requestData, response, responseIndicator,
    responseDescription, responseData

  static var protocolID: ProtocolID { .pop }
  static var level: LayerLevel { .application }
  static let serverPort: UInt16 = 110
  static let bindings = [Binding(.tcpPort, UInt32(serverPort))]
  static let variablePart: String? = "Line"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pop", "Post Office Protocol")
    case .request: .loose("pop.request", "Request", .string)
    case .requestCommand: .loose("pop.request.command", "Request command", .string)
    case .requestParameter: .loose("pop.request.parameter", "Request parameter", .string)
    case .requestData: .loose("pop.request.data", "Data", .string)
    case .response: .loose("pop.response", "Response", .string)
    case .responseIndicator: .loose("pop.response.indicator", "Response indicator", .string)
    case .responseDescription: .loose("pop.response.description", "Response description", .string)
    case .responseData: .loose("pop.response.data", "Data", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let isRequest = !TCPSegment.fromServer(c, serverPorts: [serverPort])
    let (lineLength, next) = TextLines.lineEnd(c, from: 0)
    let line = c.bytes.slice(0, lineLength).copyBytes()
    if !isRequest && isContinuation(line) {
      return .data(at: c.start, end: c.end)
    }
    // The line item's value is empty; Wireshark shows the line as its label.
    c.computed(isRequest ? request : response, at: 0, next, bytes: [])
    let token = line.prefix { $0 != 0x20 }.count
    var argStart = 0
    if token > 0 {
      c.computed(isRequest ? requestCommand : responseIndicator, at: 0, token, bytes: HTTP.asciiText(line[0..<token]), depth: 2)
      argStart = token
      while argStart < line.count && line[argStart] == 0x20 { argStart += 1 }
    }
    if argStart < line.count {
      c.computed(
        isRequest ? requestParameter : responseDescription, at: argStart, line.count - argStart,
        bytes: HTTP.asciiText(line[argStart...]), depth: 2)
    }
    TextLines.addLines(c, from: next, as: (isRequest ? requestData : responseData).fieldID)
    return .stop
  }

  /// A response line that starts with neither `+OK` nor `-ERR`.
  static func isContinuation(_ line: [UInt8]) -> Bool {
    !(line.starts(with: "+OK".utf8) || line.starts(with: "-ERR".utf8))
  }
}
