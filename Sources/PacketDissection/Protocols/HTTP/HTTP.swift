/// Hypertext Transfer Protocol version 1.x (RFC 9112), as Wireshark 4.0
/// dissects it. With TCP reassembly (the default) a message cut by the
/// segment's end waits for the rest (`HTTPReassembly.swift`); with it off,
/// every segment is read on its own.
///
/// A segment holds one or more messages. A message starts with a request or
/// status line, or is a continuation (body bytes, or the rest of a header
/// block). Lines run to CR, LF or CRLF; a line with a colon is a header; a
/// blank line ends the header block; the body follows, as long as
/// Content-Length says or to the end of the segment, de-chunked when the
/// message says `Transfer-Encoding: chunked`.
///
/// A body goes to the reader its Content-Type names in Wireshark's
/// `media_type` table (`HTTPMediaTypes.swift`), or to data without one. A
/// response with `Upgrade: websocket` or `h2…` switches the connection to
/// WebSocket or HTTP/2 from the next frame, and HTTP/2's preface switches
/// it at once; HTTP then hands every segment to that protocol. After a
/// CONNECT request's 200 response the connection is a tunnel: HTTP hands
/// the segments to the protocol of the port the request named.
///
/// A content-encoded body (gzip, deflate) is inflated first
/// (`HTTPBodyDecoding.swift`). Deliberate differences from tshark: a body
/// whose type belongs to a dissector pktsh lacks (XML, SDP, …) ends the
/// dissection here; a Brotli body is not inflated (it is data).
enum HTTP: UInt8, ProtocolModule {
  case item, method, uri, requestVersion, responseVersion, code, codeDescription, phrase, host, userAgent, accept,
    acceptLanguage, acceptEncoding, referer, cookie, connection, contentType, contentLengthHeader, contentLength,
    contentEncoding, transferEncoding, server, date, location, cacheControl, lastModified, setCookie, requestLine,
    responseLine, unknownHeader, fullURI, isRequest, isResponse, isNotification, fileData, proxyConnectHost,
    proxyConnectPort

  static var protocolID: ProtocolID { .http }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371].map {
      Binding(.tcpPort, $0)
    }
  static let variablePart: String? = "Message"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("http", "Hypertext Transfer Protocol")
    case .method: .loose("http.request.method", "Request Method", .string)
    case .uri: .loose("http.request.uri", "Request URI", .string)
    case .requestVersion: .loose("http.request.version", "Request Version", .string)
    case .responseVersion: .loose("http.response.version", "Response Version", .string)
    case .code: .loose("http.response.code", "Status Code", .uint(bytes: 2))
    case .codeDescription: .loose("http.response.code.desc", "Status Code Description", .string)
    case .phrase: .loose("http.response.phrase", "Response Phrase", .string)
    case .host: .loose("http.host", "Host", .string)
    case .userAgent: .loose("http.user_agent", "User-Agent", .string)
    case .accept: .loose("http.accept", "Accept", .string)
    case .acceptLanguage: .loose("http.accept_language", "Accept-Language", .string)
    case .acceptEncoding: .loose("http.accept_encoding", "Accept Encoding", .string)
    case .referer: .loose("http.referer", "Referer", .string)
    case .cookie: .loose("http.cookie", "Cookie", .string)
    case .connection: .loose("http.connection", "Connection", .string)
    case .contentType: .loose("http.content_type", "Content-Type", .string)
    case .contentLengthHeader: .loose("http.content_length_header", "Content-Length", .string)
    case .contentLength: .loose("http.content_length", "Content length", .uint(bytes: 8))
    case .contentEncoding: .loose("http.content_encoding", "Content-Encoding", .string)
    case .transferEncoding: .loose("http.transfer_encoding", "Transfer-Encoding", .string)
    case .server: .loose("http.server", "Server", .string)
    case .date: .loose("http.date", "Date", .string)
    case .location: .loose("http.location", "Location", .string)
    case .cacheControl: .loose("http.cache_control", "Cache-Control", .string)
    case .lastModified: .loose("http.last_modified", "Last-Modified", .string)
    case .setCookie: .loose("http.set_cookie", "Set-Cookie", .string)
    case .requestLine: .loose("http.request.line", "Request line", .string, blurb: "Each header line of a request, with its line end")
    case .responseLine: .loose("http.response.line", "Response line", .string, blurb: "Each header line of a response, with its line end")
    case .unknownHeader: .loose("http.unknown_header", "Unknown header", .string)
    case .fullURI: .loose("http.request.full_uri", "Full request URI", .string)
    case .isRequest: .loose("http.request", "Request", .boolean(bytes: 1))
    case .isResponse: .loose("http.response", "Response", .boolean(bytes: 1))
    case .isNotification: .loose("http.notification", "Notification", .boolean(bytes: 1))
    case .fileData: .loose("http.file_data", "File Data", .string, blurb: "The message body, de-chunked, up to its first NUL")
    case .proxyConnectHost: .loose("http.proxy_connect_host", "Proxy-Connect-Hostname", .string)
    case .proxyConnectPort: .loose("http.proxy_connect_port", "Proxy-Connect-Port", .uint(bytes: 2))
    }
  }

  /// Header names Wireshark knows (lower case), with the field pktsh
  /// records for them; a known header without a field here still counts as
  /// known (it is not an unknown header).
  static let knownHeaders: [String: HTTP?] = {
    var table: [String: HTTP?] = [:]
    for name in [
      "authorization", "proxy-authorization", "proxy-authenticate", "www-authenticate", "upgrade",
      "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-key",
      "sec-websocket-protocol", "sec-websocket-version", "x-forwarded-for", "http2-settings",
    ] { table[name] = .some(nil) }
    for (name, field): (String, HTTP) in [
      ("content-type", .contentType), ("content-length", .contentLengthHeader),
      ("content-encoding", .contentEncoding), ("transfer-encoding", .transferEncoding),
      ("user-agent", .userAgent), ("host", .host), ("connection", .connection),
      ("cookie", .cookie), ("accept", .accept), ("referer", .referer),
      ("accept-language", .acceptLanguage), ("accept-encoding", .acceptEncoding),
      ("date", .date), ("cache-control", .cacheControl), ("server", .server),
      ("location", .location), ("set-cookie", .setCookie),
      ("last-modified", .lastModified),
    ] { table[name] = field }
    return table
  }()

  /// What HTTP remembers about one TCP connection (Wireshark's `http_conv_t`).
  struct Conversation {
    /// A request line was dissected: from then on a segment that starts
    /// with a non-printable byte is shown as an HTTP continuation.
    var sawRequest = false
    /// The method of the last request (full URIs of CONNECT requests are
    /// the URI itself).
    var requestMethod: [UInt8] = []
    /// The target of the last request, and the status code of the last
    /// response: a CONNECT answered by 200 makes the connection a tunnel.
    var requestURI: [UInt8]?
    var responseCode = 0
    /// The connection was found by the heuristic (`HTTP.claims`): it is
    /// HTTP whatever its ports.
    var claimedByHeuristic = false
    /// The protocol the last response switched the connection to, and the
    /// frame from which it holds.
    var upgrade = Upgrade.none
    var upgradeFrame = 0
  }

  /// Protocols a response's `Upgrade` header (or HTTP/2's connection
  /// preface) switches a connection to.
  /// `other`: a protocol no dissector takes (`Upgrade: tcp`), whose bytes
  /// are data after a 101 response.
  enum Upgrade { case none, websocket, http2, other }

  /// HTTP/2's connection preface (RFC 9113 section 3.4).
  static let http2Preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

  enum MessageType { case request, response, notification, others }

  /// Transfer codings (RFC 9112 section 7) as Wireshark classifies them.
  enum TransferCoding { case none, unknown, identity, compressed }

  /// What the header block says about the body.
  struct Headers {
    var contentType = false
    var contentTypeValue: [UInt8] = []
    var upgrade = Upgrade.none
    var contentLength: Int64?
    var contentEncoding: [UInt8]?
    var coding = TransferCoding.none
    var chunked = false
    var host: [UInt8]?
    var requestURI: [UInt8]?
    var statusCode = 0
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.httpConversations[$0] } ?? Conversation()
    defer { if let key { c.state.httpConversations[key] = conversation } }
    if let next = tunnelled(&c, conversation) { return next }
    if let next = upgraded(&c, &conversation) { return next }
    var offset = 0
    var body: Next = .stop
    var shown = false
    defer { c.withdrawn = !shown }
    while offset < c.length {
      guard let (length, next) = try message(c, at: offset, &conversation, shown: &shown) else { break }
      if case .stop = body { body = next }
      if length <= 0 { break }
      offset += length
    }
    // An inflated body lies past the packet's own bytes: HTTP's item and
    // data end with the message, not there.
    if case .layer(_, let at, _) = body, at >= c.end { c.headerEnd = c.end }
    return body
  }

  /// After a CONNECT request's 200 response, the segment belongs to the
  /// protocol of the port the request named (Wireshark's
  /// `http_payload_subdissector`): HTTP shows the host and port, and hands
  /// the bytes on as TCP would with that port in place of the HTTP one,
  /// reassembly included; to data when that port is HTTP's too.
  private static func tunnelled(_ c: inout LayerCursor, _ conversation: Conversation) -> Next? {
    guard conversation.responseCode == 200, conversation.requestMethod.starts(with: "CONNECT".utf8),
      let uri = conversation.requestURI
    else { return nil }
    guard let colon = uri.firstIndex(of: UInt8(ascii: ":")), let (source, destination) = TCPSegment.ports(c) else {
      return .stop
    }
    let portText = uri[(colon + 1)...]
    var port = 0
    for b in portText.drop(while: { $0 == 0x20 }).prefix(while: { $0 >= 0x30 && $0 <= 0x39 }) {
      port = min(port * 10 + Int(b - 0x30), Int(Int32.max))
    }
    c.computed(proxyConnectHost, at: 0, 0, bytes: uri[..<colon], flags: .generated)
    c.generated(proxyConnectPort, value: UInt64(UInt16(truncatingIfNeeded: port)))
    let httpPorts = Set(bindings.map(\.value))
    let data = Next.data(at: c.start, end: c.end)
    if httpPorts.contains(UInt32(port)) { return data }
    let tunnelPort = UInt32(UInt16(truncatingIfNeeded: port))
    let (x, y) =
      httpPorts.contains(UInt32(destination)) ? (UInt32(source), tunnelPort) : (tunnelPort, UInt32(destination))
    // The ports' protocol, else TLS's heuristic; never HTTP again (the
    // connection is HTTP's: Wireshark hands that to data).
    let found =
      c.bound(.tcpPort, min(x, y)) ?? c.bound(.tcpPort, max(x, y))
      ?? (TLS.claims(c.packet, at: c.start, end: c.end, dissection: c.dissection, state: c.state) ? .tls : nil)
    guard let found, found != .http else { return data }
    return .layer(found, at: c.start, end: c.end)
  }

  /// The protocol a connection was switched to carries the segment from
  /// the frame after the switching response, or from the HTTP/2 preface on.
  private static func upgraded(_ c: inout LayerCursor, _ conversation: inout Conversation) -> Next? {
    let frame = c.dissection.frame.number
    if conversation.upgrade == .none, c.capturedLength >= http2Preface.count,
      c.bytes.slice(0, http2Preface.count).copyBytes() == http2Preface
    {
      conversation.upgrade = .http2
      conversation.upgradeFrame = frame
    }
    guard conversation.upgrade != .none, frame >= conversation.upgradeFrame else { return nil }
    switch conversation.upgrade {
    case .http2: return .layer(.http2, at: c.start, end: c.end)
    case .websocket: return .layer(.websocket, at: c.start, end: c.end)
    case .none, .other: return .data(at: c.start, end: c.end)
    }
  }

  /// Dissects one message at `start`; answers how many bytes it took and
  /// what its body hands on to, or nil when the rest is not HTTP. Sets
  /// `shown` when Wireshark shows the message (it does not show a
  /// continuation before any request or header line).
  private static func message(
    _ c: LayerCursor, at start: Int, _ conversation: inout Conversation, shown: inout Bool
  ) throws(DissectionStop) -> (Int, Next)? {
    let captured = c.capturedLength
    var offset = start
    // RFC 9112 section 2.2: an empty line before a request line is ignored.
    if c.length - start > 3, try c.uint16(start) == 0x0d0a { offset += 2 }
    let first = try c.uint8(offset)
    guard first >= 0x20 && first < 0x7f else {
      // Binary bytes: a continuation of a body when the connection has
      // carried a request, otherwise nothing Wireshark shows.
      guard conversation.sawRequest else { return nil }
      shown = true
      return (c.length - start, .data(at: c.start + start, end: c.end))
    }
    let firstLine = lineEnd(c, from: offset, limit: captured - offset, partial: false)
    if c.canDesegment {
      // A message the segment cuts waits for the rest, before anything is shown.
      if let firstLine {
        let line = c.bytes.slice(offset, firstLine.length).copyBytes()
        if let type = kind(of: line),
          !isWhole(c, at: offset, body: awaitsBody(c, line: line, type: type, conversation), untilFIN: type == .response)
        {
          return nil
        }
      } else if !isWhole(c, at: offset, body: true, untilFIN: false) {
        return nil
      }
    }
    var tree =
      conversation.sawRequest
      || firstLine.map { kind(of: c.bytes.slice(offset, $0.length).copyBytes()) != nil } ?? false
    if tree { shown = true }
    var type = MessageType.others
    var headers = Headers()
    var sawLine = false
    while offset < captured {
      guard let (length, next) = lineEnd(c, from: offset, limit: captured - offset, partial: true) else { break }
      let line = c.bytes.slice(offset, length).copyBytes()
      let lineKind = kind(of: line)
      var colon: Int?
      if lineKind == nil && length > 0 {
        colon = line.firstIndex(of: UInt8(ascii: ":"))
        if colon == nil {
          // A colon-less line at the end of the segment after a header is
          // a header cut off by the segment end.
          if sawLine && offset + length + 1 > captured { throw .truncated }
          break
        }
      }
      tree = true
      shown = true
      if length == 0 {
        offset = next
        break
      }
      sawLine = true
      if let lineKind {
        type = lineKind
        if lineKind == .response {
          statusLine(c, line: line, at: offset, &headers)
        } else {
          requestLine(c, line: line, at: offset, &headers, &conversation)
        }
      } else if let colon {
        header(c, line: line, at: offset, lineLength: next - offset, colon: colon, type: type, &headers)
      }
      offset = next
    }
    if tree, let host = headers.host, let uri = headers.requestURI {
      let absolute =
        hasPrefix(uri, "http://") || hasPrefix(uri, "https://") || hasPrefix(conversation.requestMethod, "CONNECT")
      c.computed(fullURI, at: 0, 0, bytes: absolute ? uri : Array("http://".utf8) + stripped(host) + uri, flags: .generated)
    }
    if tree {
      switch type {
      case .request: c.generated(isRequest, value: 1)
      case .response: c.generated(isResponse, value: 1)
      case .notification: c.generated(isNotification, value: 1)
      case .others: break
      }
    }
    let (length, next) = try bodyPart(c, at: offset, headers: headers, type: type, tree: tree)
    if type == .response {
      conversation.responseCode = headers.statusCode
      conversation.upgrade = headers.upgrade == .other && headers.statusCode != 101 ? .none : headers.upgrade
      conversation.upgradeFrame = c.dissection.frame.number + 1
    }
    return (offset + length - start, next)
  }

  /// Whether a message whose first line is `line` has a body to wait for:
  /// not at the end of the stream, nor in a response to HEAD, a 2xx
  /// response to CONNECT (or SSTP's duplex POST), a 1xx, 204 or 304.
  private static func awaitsBody(_ c: LayerCursor, line: [UInt8], type: MessageType, _ conversation: Conversation) -> Bool {
    guard !endsStream(c) else { return false }
    guard type == .response else { return true }
    var code = 0
    let (_, codeStart) = token(line, from: 0)
    for b in line[codeStart...].prefix(3) {
      guard b >= 0x30 && b <= 0x39 else { break }
      code = code * 10 + Int(b - 0x30)
    }
    let method = conversation.requestMethod
    let noBody =
      method.elementsEqual("HEAD".utf8)
      || (code / 100 == 2 && (method.elementsEqual("CONNECT".utf8) || method.elementsEqual("SSTP_DUPLEX_POST".utf8)))
      || code / 100 == 1 || code == 204 || code == 304
    return !noBody
  }

  /// The message body from `offset`: its length in the segment and what
  /// it hands on to.
  private static func bodyPart(
    _ c: LayerCursor, at offset: Int, headers: Headers, type: MessageType, tree: Bool
  ) throws(DissectionStop) -> (Int, Next) {
    var available = max(0, c.capturedLength - offset)
    var declared = max(0, c.length - offset)
    if let length = headers.contentLength, headers.coding == .none {
      available = Int(min(Int64(available), length))
      declared = Int(min(Int64(declared), length))
    } else {
      switch type {
      case .request where headers.coding == .none:
        available = 0
      case .response where headers.statusCode / 100 == 1 || headers.statusCode == 204 || headers.statusCode == 304:
        available = 0
      default:
        break
      }
    }
    guard available > 0 else { return (0, .stop) }
    // Text that is neither a message nor a continuation of one: tshark's
    // HTTP takes it and shows nothing, not even data.
    guard tree else { return (max(available, declared), .stop) }
    let data = Next.data(at: c.start + offset, end: c.start + offset + max(available, declared))
    var content = c.bytes.slice(offset, available).copyBytes()
    var used = available
    if headers.chunked {
      guard let (dechunked, consumed) = try dechunk(c, at: offset, available: available, declared: declared)
      else { return (available, .stop) }
      content = dechunked
      used = consumed
    }
    if headers.coding == .compressed { return (used, data) }
    let reader = headers.contentType ? bodyReader(contentType: headers.contentTypeValue) : .dissected(.data)
    let handedOn: Next
    switch reader {
    case .unknown: handedOn = .stop
    case .dissected(let id): handedOn = .layer(id, at: c.start + offset, end: c.start + offset + max(available, declared))
    }
    c.state.httpBodyContentType = headers.contentTypeValue
    if let encoding = headers.contentEncoding, !equalsIgnoringCase(encoding, "identity") {
      // The inflated body is the file data, and its reader reads it,
      // appended to the packet's bytes; one that cannot be inflated is data.
      guard inflates(encoding), let body = inflated(content) else { return (used, data) }
      c.computed(fileData, at: offset, used, bytes: c.wantsValue(fileData) ? asciiText(body) : [])
      guard case .dissected(let id) = reader else { return (used, .stop) }
      let at = c.dissection.appendReassembled(body)
      return (used, .layer(id, at: at, end: at + body.count))
    }
    if tree { c.computed(fileData, at: offset, used, bytes: c.wantsValue(fileData) ? asciiText(content) : []) }
    guard !content.isEmpty else { return (used, .stop) }
    if headers.chunked, case .dissected(let id) = reader {
      // Its reader reads the de-chunked body, as tshark's, appended to the packet's bytes.
      let at = c.dissection.appendReassembled(content)
      return (used, .layer(id, at: at, end: at + content.count))
    }
    return (used, handedOn)
  }

  /// Removes the chunked transfer coding (RFC 9112 section 7.1) from the
  /// body at `offset`: answers the chunk data and the bytes the chunks
  /// took, or nil when no chunk was found.
  private static func dechunk(
    _ c: LayerCursor, at offset: Int, available: Int, declared: Int
  ) throws(DissectionStop) -> ([UInt8], Int)? {
    let total = max(available, declared)
    var remaining = total
    var position = 0
    var out: [UInt8] = []
    while remaining > 0 {
      guard let (length, dataStart) = lineEnd(c, from: offset + position, limit: available - position, partial: false),
        length > 0
      else { break }
      var sizeLine = c.bytes.slice(offset + position, length).copyBytes()
      if let semicolon = sizeLine.firstIndex(of: UInt8(ascii: ";")) { sizeLine.removeSubrange(semicolon...) }
      var size = Int(UInt32(truncatingIfNeeded: strtol16(asciiText(sizeLine))))
      if size > remaining { size = remaining }
      let relative = dataStart - offset
      // The chunk must be in the segment: Wireshark stops here otherwise.
      guard relative + size <= available else { throw .truncated }
      out += c.bytes.slice(dataStart, size).copyBytes()
      position = relative + size + (size > 0 ? 2 : 0)
      remaining = max(0, total - position)
      if size == 0 {
        // The trailer section (header lines) and the final empty line.
        var trailerEnd = position
        var trailerLength = 0
        var lineLength: Int?
        repeat {
          trailerLength = trailerEnd - position
          let found = lineEnd(c, from: offset + trailerEnd, limit: min(remaining - trailerLength, available - trailerEnd), partial: false)
          lineLength = found?.length
          if let found { trailerEnd = found.next - offset }
        } while (lineLength ?? -1) > 0
        if trailerLength > 0 {
          position += trailerLength
          remaining -= trailerLength
        }
        if lineLength == 0 { remaining -= trailerEnd - position }
        break
      }
    }
    guard remaining < total else { return nil }
    return (out, total - remaining)
  }

  /// Where the line at `offset` ends (Wireshark's `tvb_find_line_end`),
  /// looking at most `limit` bytes: its length without the line end, and
  /// where the next line starts. A line ends at CR, LF or CRLF; without one
  /// a `partial` search takes everything, otherwise answers nil.
  static func lineEnd(_ c: LayerCursor, from offset: Int, limit: Int, partial: Bool) -> (length: Int, next: Int)? {
    let end = offset + max(0, min(limit, c.capturedLength - offset))
    guard offset <= end else { return nil }
    let bytes = c.bytes
    var i = offset
    while i < end {
      let b = bytes.byte(i)
      if b == 0x0a { return (i - offset, i + 1) }
      if b == 0x0d {
        if i + 1 >= end { return partial ? (i - offset, i + 1) : nil }
        return (i - offset, bytes.byte(i + 1) == 0x0a ? i + 2 : i + 1)
      }
      i += 1
    }
    return partial ? (end - offset, end) : nil
  }

  /// Whether `line` is a request, status or notification line; nil for
  /// anything else. Methods are matched case-sensitively, as Wireshark does.
  static func kind(of line: [UInt8]) -> MessageType? {
    var rest = line[...]
    if rest.starts(with: "M-".utf8) { rest = rest.dropFirst(2) }
    if rest.starts(with: "HTTP/".utf8) || rest.starts(with: "ICY".utf8) { return .response }
    // Compared as bytes: most lines a segment holds are body or headers,
    // and a String per line cost more than the rest of the dissection.
    let token = rest.prefix { $0 != UInt8(ascii: " ") }
    func among(_ tokens: [[UInt8]]) -> Bool { tokens.contains { $0.count == token.count && $0.elementsEqual(token) } }
    if among(notifications) { return .notification }
    return among(methods) ? .request : nil
  }

  static let methods: [[UInt8]] = [
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE",
    "PATCH", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "BDELETE", "CONNECT",
    "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
    "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA", "RPC_OUT_DATA",
    "VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST",
  ].map { Array($0.utf8) }
  static let notifications: [[UInt8]] = ["NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE"].map { Array($0.utf8) }

  /// The first token of `line` from `from`: its length, and where the next
  /// token starts (after the spaces).
  private static func token(_ line: [UInt8], from: Int) -> (length: Int, next: Int) {
    var i = from
    while i < line.count && line[i] != 0x20 && line[i] != 0x0d && line[i] != 0x0a { i += 1 }
    let length = i - from
    while i < line.count && line[i] == 0x20 { i += 1 }
    return (length, i)
  }

  /// Request line (RFC 9112 section 3): method, target, version.
  private static func requestLine(
    _ c: LayerCursor, line: [UInt8], at offset: Int, _ headers: inout Headers,
    _ conversation: inout Conversation
  ) {
    var (length, next) = token(line, from: 0)
    guard length > 0 else { return }
    let methodEnd = length
    conversation.requestMethod = Array(line[(line.starts(with: "M-".utf8) ? 2 : 0)..<methodEnd])
    c.computed(method, at: offset, length, bytes: asciiText(line[0..<length]))
    // Two spaces after the method mean an empty target.
    if next > 2 && line[next - 1] == 0x20 && line[next - 2] == 0x20 { next -= 1 }
    let uriStart = next
    (length, next) = token(line, from: uriStart)
    let target = asciiText(line[uriStart..<uriStart + length])
    headers.requestURI = target
    conversation.requestURI = target
    conversation.sawRequest = true
    c.computed(uri, at: offset + uriStart, length, bytes: target)
    c.computed(requestVersion, at: offset + next, line.count - next, bytes: asciiText(line[next...]))
  }

  /// Status line (RFC 9112 section 4): version, three-digit code, reason.
  private static func statusLine(_ c: LayerCursor, line: [UInt8], at offset: Int, _ headers: inout Headers) {
    var (length, next) = token(line, from: 0)
    guard length > 0 else { return }
    c.computed(responseVersion, at: offset, length, bytes: asciiText(line[0..<length]))
    let codeStart = next
    (length, next) = token(line, from: codeStart)
    guard length >= 3 else { return }
    // Like strtoul over the three characters: leading digits only.
    var value = 0
    for b in line[codeStart..<codeStart + 3] {
      guard b >= 0x30 && b <= 0x39 else { break }
      value = value * 10 + Int(b - 0x30)
    }
    headers.statusCode = value
    _ = try? c.add(code, at: offset + codeStart, 3, value: UInt64(value))
    let description = statusDescriptions[value] ?? "Unknown (\(value))"
    c.computed(codeDescription, at: offset + codeStart, 3, bytes: Array(description.utf8), flags: .generated)
    if next < line.count {
      c.computed(phrase, at: offset + next, line.count - next, bytes: asciiText(line[next...]))
    }
  }

  /// One header line (RFC 9112 section 5): `name: value`, the name a
  /// token. `lineLength` includes the line end.
  private static func header(
    _ c: LayerCursor, line: [UInt8], at offset: Int, lineLength: Int, colon: Int, type: MessageType,
    _ headers: inout Headers
  ) {
    let lineField: HTTP? = type == .request ? requestLine : type == .response ? responseLine : nil
    // The whole line's text, made only for a field that is kept.
    func recordLine(_ field: HTTP, flags: FieldRecord.Flags = FieldRecord.Flags()) {
      guard c.wants(field) else { return }
      c.computed(field, at: offset, lineLength, bytes: asciiText(c.bytes.slice(offset, lineLength).copyBytes()), flags: flags)
    }
    let name = line[0..<colon]
    guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
      recordLine(lineField ?? unknownHeader)
      return
    }
    let lowered = String(decoding: name.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }, as: UTF8.self)
    var valueStart = colon + 1
    while valueStart < line.count && (line[valueStart] == 0x20 || line[valueStart] == 0x09) { valueStart += 1 }
    // The value is kept as a C string: it ends at a NUL.
    let value = Array(line[valueStart...].prefix { $0 != 0 })
    guard let known = knownHeaders[lowered] else {
      recordLine(lineField ?? unknownHeader)
      return
    }
    if let field = known { c.computed(field, at: offset, lineLength, bytes: value) }
    if let lineField { recordLine(lineField, flags: .hidden) }
    switch lowered {
    case "content-type":
      headers.contentType = true
      headers.contentTypeValue = value
    case "upgrade":
      // As Wireshark compares: the value a prefix of "WebSocket" in any
      // case, or starting with "h2".
      if !value.isEmpty, value.count <= 9, equalsIgnoringCase(value, String("websocket".prefix(value.count))) {
        headers.upgrade = .websocket
      }
      if value.starts(with: "h2".utf8) { headers.upgrade = .http2 }
      if headers.upgrade == .none, !value.isEmpty { headers.upgrade = .other }
    case "content-length":
      headers.contentLength = contentLengthValue(value)
      if let length = headers.contentLength {
        _ = try? c.add(contentLength, at: offset, lineLength, value: UInt64(length), depth: 2, flags: .generated)
      }
    case "content-encoding":
      headers.contentEncoding = value
    case "transfer-encoding":
      parseTransferCoding(value, &headers)
    case "host":
      headers.host = value
    default:
      break
    }
  }

  /// `tchar` as Wireshark checks it: letters, digits and ``!#$%&\:*+-.^_`|~``.
  static func isTokenCharacter(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7a)
      || "!#$%&\\:*+-.^_`|~".utf8.contains(b)
  }

  /// A Content-Length value as `g_ascii_strtoll` reads it; nil when
  /// negative, out of range, or followed by anything but white space.
  static func contentLengthValue(_ value: [UInt8]) -> Int64? {
    let spaces: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0c, 0x0d]
    var i = 0
    while i < value.count && spaces.contains(value[i]) { i += 1 }
    var negative = false
    if i < value.count && (value[i] == UInt8(ascii: "+") || value[i] == UInt8(ascii: "-")) {
      negative = value[i] == UInt8(ascii: "-")
      i += 1
    }
    let digitsStart = i
    var result: Int64 = 0
    while i < value.count && value[i] >= 0x30 && value[i] <= 0x39 {
      let (times, o1) = result.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int64(value[i] - 0x30))
      if o1 || o2 { return nil }
      result = sum
      i += 1
    }
    guard i > digitsStart, !(negative && result > 0) else { return nil }
    guard i == value.count || spaces.contains(value[i]) else { return nil }
    return result
  }

  /// Transfer-Encoding (RFC 9112 section 6.1) as Wireshark parses it:
  /// `chunked` plus at most one compression coding, names case-sensitive.
  static func parseTransferCoding(_ value: [UInt8], _ headers: inout Headers) {
    headers.coding = .unknown
    var rest = value[...]
    while true {
      rest = rest.drop { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") }
      guard !rest.isEmpty else { return }
      if rest.starts(with: "chunked".utf8) {
        headers.chunked = true
        rest = rest.dropFirst(7)
        continue
      }
      guard headers.coding == .unknown else { return }
      let codings: [(String, TransferCoding)] = [
        ("compress", .compressed), ("deflate", .compressed), ("gzip", .compressed),
        ("identity", .identity), ("x-compress", .compressed), ("x-gzip", .compressed),
      ]
      if let (name, coding) = codings.first(where: { rest.starts(with: $0.0.utf8) }) {
        headers.coding = coding
        rest = rest.dropFirst(name.utf8.count)
      } else {
        guard let comma = rest.firstIndex(of: UInt8(ascii: ",")) else { return }
        rest = rest[comma...]
      }
    }
  }

  /// `strtol(text, NULL, 16)`: leading white space, a sign, an optional
  /// `0x`, hex digits; saturates like strtol; 0 when there is no digit.
  static func strtol16(_ text: [UInt8]) -> Int64 {
    guard let (negative, magnitude) = scanHex(text) else { return 0 }
    if magnitude > UInt64(Int64.max) { return negative ? Int64.min : Int64.max }
    return negative ? -Int64(magnitude) : Int64(magnitude)
  }

  /// The hex number C's `strtol` and `sscanf("%x")` read: leading white
  /// space, a sign, an optional `0x` (when a digit follows it), hex digits,
  /// the magnitude saturating at `UInt64.max`; nil when there is no digit.
  static func scanHex(_ text: [UInt8]) -> (negative: Bool, magnitude: UInt64)? {
    text.withUnsafeBufferPointer { scanHex($0) }
  }

  /// `scanHex` of bytes in place (a chunk's size line, read at every
  /// segment while a chunked body is incomplete).
  static func scanHex(_ text: UnsafeBufferPointer<UInt8>) -> (negative: Bool, magnitude: UInt64)? {
    var i = 0
    while i < text.count && (text[i] == 0x20 || (text[i] >= 0x09 && text[i] <= 0x0d)) { i += 1 }
    var negative = false
    if i < text.count && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) {
      negative = text[i] == UInt8(ascii: "-")
      i += 1
    }
    func digit(_ b: UInt8) -> UInt64? {
      switch b {
      case 0x30...0x39: UInt64(b - 0x30)
      case 0x41...0x46: UInt64(b - 0x37)
      case 0x61...0x66: UInt64(b - 0x57)
      default: nil
      }
    }
    if i + 2 < text.count, text[i] == 0x30, text[i + 1] | 0x20 == 0x78, digit(text[i + 2]) != nil { i += 2 }
    guard i < text.count, digit(text[i]) != nil else { return nil }
    var value: UInt64 = 0
    while i < text.count, let d = digit(text[i]) {
      let (times, o1) = value.multipliedReportingOverflow(by: 16)
      let (sum, o2) = times.addingReportingOverflow(d)
      value = o1 || o2 ? UInt64.max : sum
      i += 1
    }
    return (negative, value)
  }

  /// Bytes as Wireshark's ASCII decoding shows them: up to the first NUL,
  /// each byte above 0x7f replaced by U+FFFD.
  static func asciiText(_ bytes: some Collection<UInt8>) -> [UInt8] {
    if let text = bytes.withContiguousStorageIfAvailable(asciiText(contiguous:)) { return text }
    // Counted first, then written in place: a binary body has many high bytes.
    let text = bytes.prefix { $0 != 0 }
    var high = 0
    for b in text where b >= 0x80 { high &+= 1 }
    return [UInt8](unsafeUninitializedCapacity: text.count + 2 * high) { out, written in
      var i = 0
      for b in text {
        if b < 0x80 {
          out[i] = b
          i &+= 1
        } else {
          out[i] = 0xef
          out[i &+ 1] = 0xbf
          out[i &+ 2] = 0xbd
          i &+= 3
        }
      }
      written = i
    }
  }

  /// `asciiText` of bytes in memory, read eight at a time where they
  /// allow: a body of a few kilobytes with one high byte took a few
  /// hundred thousand instructions a byte at a time.
  private static func asciiText(contiguous bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    // Most text is already plain ASCII: then it is its own decoding.
    if isPlainASCII(bytes) { return Array(bytes) }
    guard let base = bytes.baseAddress else { return [] }
    let raw = UnsafeRawPointer(base)
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    // The text ends at the first NUL; count its high bytes on the way.
    var length = 0
    var high = 0
    while length &+ 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: length, as: UInt64.self)
      if (word &- ones) & ~word & highBits != 0 { break }
      high &+= (word & highBits).nonzeroBitCount
      length &+= 8
    }
    while length < bytes.count, base[length] != 0 {
      high &+= Int(base[length] >> 7)
      length &+= 1
    }
    return [UInt8](unsafeUninitializedCapacity: length + 2 * high) { out, written in
      guard let to = out.baseAddress else { return written = 0 }
      var i = 0
      var k = 0
      while k < length {
        if k &+ 8 <= length {
          let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
          if word & highBits == 0 {
            UnsafeMutableRawPointer(to + i).storeBytes(of: word, as: UInt64.self)
            i &+= 8
            k &+= 8
            continue
          }
        }
        let b = base[k]
        if b < 0x80 {
          to[i] = b
          i &+= 1
        } else {
          to[i] = 0xef
          to[i &+ 1] = 0xbf
          to[i &+ 2] = 0xbd
          i &+= 3
        }
        k &+= 1
      }
      written = i
    }
  }

  /// Whether no byte is NUL or above 0x7f, tested eight bytes at a time.
  private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    var i = 0
    while i &+ 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // A high bit set, or (with none set) a zero byte.
      if word & highBits != 0 || (word &- ones) & ~word & highBits != 0 { return false }
      i &+= 8
    }
    while i < count {
      if base[i] == 0 || base[i] >= 0x80 { return false }
      i &+= 1
    }
    return true
  }

  /// `g_strstrip`: without leading and trailing white space.
  private static func stripped(_ bytes: [UInt8]) -> [UInt8] {
    func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0d) }
    return Array(bytes.drop(while: space).reversed().drop(while: space).reversed())
  }

  /// Whether `bytes` start with the ASCII `prefix`, in any case.
  static func hasPrefix(_ bytes: [UInt8], _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard bytes.count >= count else { return false }
    let text = prefix.utf8Start
    for i in 0..<count where asciiLowercased(bytes[i]) != asciiLowercased(text[i]) { return false }
    return true
  }

  /// Whether `bytes` are the ASCII `text`, in any case.
  static func equalsIgnoringCase(_ bytes: [UInt8], _ text: String) -> Bool {
    bytes.count == text.utf8.count && zip(bytes, text.utf8).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
  }

  private static func asciiLowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5a ? b | 0x20 : b }

  /// Wireshark's status code descriptions (`vals_http_status_code`).
  static let statusDescriptions: [Int: String] = [
    100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
    199: "Informational - Others",
    200: "OK", 201: "Created", 202: "Accepted", 203: "Non-authoritative Information",
    204: "No Content", 205: "Reset Content", 206: "Partial Content", 207: "Multi-Status",
    208: "Already Reported", 226: "IM Used", 299: "Success - Others",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    304: "Not Modified", 305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
    399: "Redirection - Others",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Time-out", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Request Entity Too Large",
    414: "Request-URI Too Long", 415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a teapot",
    421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
    424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    499: "Client Error - Others",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Time-out", 505: "HTTP Version not supported",
    506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
    510: "Not Extended", 511: "Network Authentication Required", 599: "Server Error - Others",
  ]
}
