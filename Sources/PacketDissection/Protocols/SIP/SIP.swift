/// Session Initiation Protocol (RFC 3261), as Wireshark 4.0 dissects a
/// message: its request or status line, its headers (each known one a
/// field, long or compact form; From, To, Contact, Via and CSeq read into
/// their parts), and its body, as long as Content-Length says, handed to
/// the reader of its Content-Type when pktsh has one. Over UDP a
/// request is matched with its resends and its responses
/// (`SIPTransactions`). Deliberate differences from tshark: the
/// parameters of authentication headers, Route-like headers and Reason are
/// not read into parts, unknown headers and the body's lines have no item,
/// and over TCP only a segment's first message is read.
enum SIP: UInt8, ProtocolModule {
  case item, requestLine, method, requestURI, requestURIUser, requestURIHost, requestURIPort, requestURIParam,
    statusLine, statusCode, resend, resendOriginal, responseRequest, responseTime, releaseTime, messageHeader,
    via, viaTransport, viaSentByAddress, viaSentByPort, viaBranch, viaMaddr, viaReceived, viaRport, viaTTL,
    from, fromDisplayInfo, displayInfo, fromAddress, fromUser, fromHost, fromPort, fromParam, fromTag, tag,
    to, toDisplayInfo, toAddress, toUser, toHost, toPort, toParam, toTag,
    contact, contactDisplayInfo, contactURI, contactUser, contactHost, contactPort, contactParam, contactParameter,
    callID, callIDGenerated, cseq, cseqSeq, cseqMethod,
    accept, acceptContact, acceptEncoding, acceptLanguage, alertInfo, allow, allowEvents, authenticationInfo,
    authorization, callInfo, contentDisposition, contentEncoding, contentLanguage, contentLength, contentType,
    date, diversion, errorInfo, event, expires, identity, identityInfo, inReplyTo, maxForwards, mimeVersion,
    minExpires, minSE, organization, pAssertedIdentity, pAssociatedURI, pPreferredIdentity, path, priority,
    privacy, proxyAuthenticate, proxyAuthorization, proxyRequire, rAck, reason, recordRoute, referTo, referredBy,
    rejectContact, replaces, replyTo, requestDisposition, require, retryAfter, route, rSeq, server, serviceRoute,
    sessionExpires, subject, subscriptionState, supported, timestamp, unsupported, userAgent, warning,
    wwwAuthenticate, messageBody

  static var protocolID: ProtocolID { .sip }
  static var level: LayerLevel { .application }
  static let port: UInt32 = 5060
  static let bindings = [Binding(.udpPort, port), Binding(.tcpPort, port)]
  static let variablePart: String? = "Message"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("sip", "Session Initiation Protocol")
    case .requestLine: .loose("sip.Request-Line", "Request-Line", .string)
    case .method: .loose("sip.Method", "Method", .string)
    case .requestURI: .loose("sip.r-uri", "Request-URI", .string)
    case .requestURIUser: .loose("sip.r-uri.user", "Request-URI User Part", .string)
    case .requestURIHost: .loose("sip.r-uri.host", "Request-URI Host Part", .string)
    case .requestURIPort: .loose("sip.r-uri.port", "Request-URI Host Port", .string)
    case .requestURIParam: .loose("sip.r-uri.param", "Request URI parameter", .string)
    case .statusLine: .loose("sip.Status-Line", "Status-Line", .string)
    case .statusCode: .loose("sip.Status-Code", "Status-Code", .uint(bytes: 4))
    case .resend: .loose("sip.resend", "Resent Packet", .boolean(bytes: 1))
    case .resendOriginal: .loose("sip.resend-original", "Suspected resend of frame", .frameNumber)
    case .responseRequest: .loose("sip.response-request", "Request Frame", .frameNumber)
    case .responseTime: .loose("sip.response-time", "Response Time (ms)", .uint(bytes: 4))
    case .releaseTime: .loose("sip.release-time", "Release Time (ms)", .uint(bytes: 4))
    case .messageHeader: .loose("sip.msg_hdr", "Message Header", .string)
    case .via: .loose("sip.Via", "Via", .string)
    case .viaTransport: .loose("sip.Via.transport", "Transport", .string)
    case .viaSentByAddress: .loose("sip.Via.sent-by.address", "Sent-by Address", .string)
    case .viaSentByPort: .loose("sip.Via.sent-by.port", "Sent-by port", .uint(bytes: 2))
    case .viaBranch: .loose("sip.Via.branch", "Branch", .string)
    case .viaMaddr: .loose("sip.Via.maddr", "Maddr", .string)
    case .viaReceived: .loose("sip.Via.received", "Received", .string)
    case .viaRport: .loose("sip.Via.rport", "RPort", .string)
    case .viaTTL: .loose("sip.Via.ttl", "TTL", .string)
    case .from: .loose("sip.From", "From", .string)
    case .fromDisplayInfo: .loose("sip.from.display.info", "SIP from display info", .string)
    case .displayInfo: .loose("sip.display.info", "SIP Display info", .string)
    case .fromAddress: .loose("sip.from.addr", "SIP from address", .string)
    case .fromUser: .loose("sip.from.user", "SIP from address User Part", .string)
    case .fromHost: .loose("sip.from.host", "SIP from address Host Part", .string)
    case .fromPort: .loose("sip.from.port", "SIP from address Host Port", .string)
    case .fromParam: .loose("sip.from.param", "SIP From URI parameter", .string)
    case .fromTag: .loose("sip.from.tag", "SIP from tag", .string)
    case .tag: .loose("sip.tag", "SIP tag", .string)
    case .to: .loose("sip.To", "To", .string)
    case .toDisplayInfo: .loose("sip.to.display.info", "SIP to display info", .string)
    case .toAddress: .loose("sip.to.addr", "SIP to address", .string)
    case .toUser: .loose("sip.to.user", "SIP to address User Part", .string)
    case .toHost: .loose("sip.to.host", "SIP to address Host Part", .string)
    case .toPort: .loose("sip.to.port", "SIP to address Host Port", .string)
    case .toParam: .loose("sip.to.param", "SIP To URI parameter", .string)
    case .toTag: .loose("sip.to.tag", "SIP to tag", .string)
    case .contact: .loose("sip.Contact", "Contact", .string)
    case .contactDisplayInfo: .loose("sip.contact.display.info", "SIP contact display info", .string)
    case .contactURI: .loose("sip.contact.uri", "Contact URI", .string)
    case .contactUser: .loose("sip.contact.user", "Contact URI User Part", .string)
    case .contactHost: .loose("sip.contact.host", "Contact URI Host Part", .string)
    case .contactPort: .loose("sip.contact.port", "Contact URI Host Port", .string)
    case .contactParam: .loose("sip.contact.param", "Contact URI parameter", .string)
    case .contactParameter: .loose("sip.contact.parameter", "Contact parameter", .string)
    case .callID: .loose("sip.Call-ID", "Call-ID", .string)
    case .callIDGenerated: .loose("sip.call_id_generated", "Generated Call-ID", .string)
    case .cseq: .loose("sip.CSeq", "CSeq", .string)
    case .cseqSeq: .loose("sip.CSeq.seq", "Sequence Number", .uint(bytes: 4))
    case .cseqMethod: .loose("sip.CSeq.method", "Method", .string)
    case .messageBody: .loose("sip.msg_body", "Message Body", .label)
    default: headerDeclaration
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let bytes = c.bytes.copyBytes()
    guard let first = SIPLine.parse(bytes) else {
      // Not a SIP message: what the port carried is data.
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    var message = SIPMessage(c, bytes, first)
    message.dissect()
    c.limit(to: message.end)
    guard let body = message.body else { return .stop }
    return .layer(body.reader, at: c.start + body.range.lowerBound, end: c.start + body.range.upperBound)
  }

  /// Wireshark's heuristic over UDP: a payload whose first line is a SIP
  /// request or status line.
  static func claims(_ c: LayerCursor, at offset: Int) -> Bool {
    let start = c.start + offset
    let end = min(c.end, c.packet.count)
    // Cheap refusal first: a SIP message starts with a printable character.
    guard end > start, c.packet.byte(start) > 0x20, c.packet.byte(start) < 0x7f else { return false }
    return SIPLine.parse(c.packet.slice(start, end - start).copyBytes()) != nil
  }
}
