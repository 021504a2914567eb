/// One SIP message being dissected: its first line, its header lines and
/// its body, recorded as Wireshark's `dissect_sip_common` adds them.
struct SIPMessage {
  let c: LayerCursor
  let bytes: [UInt8]
  let line: SIPLine
  /// Where the message ends in the layer: after its body.
  private(set) var end = 0
  /// The protocol the body goes to, by its Content-Type, and where it is.
  private(set) var body: (reader: ProtocolID, range: Range<Int>)?
  private var contentType: [UInt8]?
  private var contentLength: Int?
  private var cseqNumber: UInt32?
  private var cseqMethod: [UInt8] = []
  private var callID: [UInt8] = []

  init(_ c: LayerCursor, _ bytes: [UInt8], _ line: SIPLine) {
    self.c = c
    self.bytes = bytes
    self.line = line
  }

  mutating func dissect() {
    firstLine()
    let lineEnd = c.dissection.records.count
    let headerStart = line.next
    let headerItem = c.dissection.records.count
    // Its tree line is a heading (`SIP.headings`): Wireshark shows the item as "Message Header".
    c.computed(
      SIP.messageHeader, at: headerStart, bytes.count - headerStart, bytes: text(headerStart..<bytes.count), flags: .hidden)
    var offset = headerStart
    while offset < bytes.count {
      var (length, next) = SIPLine.lineEnd(bytes, from: offset)
      if length == 0 {
        offset = next
        break
      }
      // Lines that start with white space continue the header.
      while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 {
        let more = SIPLine.lineEnd(bytes, from: next)
        length = next - offset + more.length
        next = more.next
      }
      guard header(at: offset, length: length, next: next) else { break }
      offset = next
    }
    var bodyLength = bytes.count - offset
    if let contentLength { bodyLength = min(bodyLength, contentLength) }
    if bodyLength > 0 {
      if headerItem < c.dissection.records.count, c.dissection.records[headerItem].field == SIP.messageHeader.fieldID {
        c.dissection.records[headerItem].length = Int32(offset - headerStart)
      }
      c.computed(SIP.messageBody, at: offset, bodyLength, bytes: [UInt8]())
      if let contentType, let reader = SIPMessage.bodyReader(contentType) {
        c.state.httpBodyContentType = contentType
        body = (reader, offset..<offset + bodyLength)
      }
      offset += bodyLength
    }
    end = offset
    // Wireshark adds what it matched last, under the first line.
    let matched = c.dissection.records.count
    transactions()
    let added = Array(c.dissection.records[matched...])
    c.dissection.records.removeSubrange(matched...)
    c.dissection.records.insert(contentsOf: added, at: lineEnd)
  }

  /// The request or status line and its parts.
  private func firstLine() {
    let lineRange = 0..<line.length
    switch line.kind {
    case .request:
      c.computed(SIP.requestLine, at: 0, line.length, bytes: text(lineRange))
      c.computed(SIP.method, at: 0, line.tokenLength, bytes: text(0..<line.tokenLength), depth: 2)
      let uriStart = line.tokenLength + 1
      let uriEnd = bytes[uriStart..<line.length].firstIndex(of: 0x20) ?? line.length
      if let uri = SIPAddress.uri(bytes, uriStart..<uriEnd, end: uriEnd) {
        address(uri, uri: SIP.requestURI, user: .requestURIUser, host: .requestURIHost, port: .requestURIPort,
          param: .requestURIParam, depth: 2)
      }
    case .status:
      c.computed(SIP.statusLine, at: 0, line.length, bytes: text(lineRange))
      try? c.add(SIP.statusCode, at: line.tokenLength + 1, 3, value: statusCode, depth: 2)
    }
  }

  /// The status line's code (0 for a request).
  var statusCode: UInt64 {
    guard line.kind == .status else { return 0 }
    return bytes[(line.tokenLength + 1)..<(line.tokenLength + 4)].reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
  }

  /// One header line (continuation lines included) of `length` bytes at
  /// `offset`; false when the message's dissection stops there, as
  /// Wireshark's does at a CSeq without a method.
  private mutating func header(at offset: Int, length: Int, next: Int) -> Bool {
    let lineEnd = offset + length
    guard let colon = bytes[offset..<lineEnd].firstIndex(of: 0x3a) else { return true }
    let name = bytes[offset..<colon].map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
    guard let field = SIP.headersByName[name] else { return true }
    var valueStart = colon + 1
    while valueStart < lineEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
    let value = valueStart..<lineEnd
    let span = next - offset
    switch field {
    case .contentLength, .expires, .maxForwards, .rSeq, .retryAfter:
      let number = SIPMessage.leadingNumber(bytes[value])
      if field == .contentLength { contentLength = Int(clamping: number) }
      try? c.add(field, at: offset, span, value: number, depth: 2)
    case .cseq:
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
      return cseq(value)
    case .contentType:
      contentType = Array(bytes[value])
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
    case .callID:
      callID = Array(bytes[value])
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
      c.computed(SIP.callIDGenerated, at: offset, span, bytes: text(value), depth: 2, flags: .generated)
    case .from, .to:
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
      fromOrTo(field == .from, value)
    case .contact:
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
      contacts(value)
    case .via:
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
      SIPVia(bytes: bytes, c: c).dissect(value)
    default:
      c.computed(field, at: offset, span, bytes: text(value), depth: 2)
    }
    return true
  }

  /// CSeq's number and method; false when no method follows the number.
  private mutating func cseq(_ value: Range<Int>) -> Bool {
    let number = SIPMessage.leadingNumber(bytes[value])
    cseqNumber = UInt32(truncatingIfNeeded: number)
    let digits = bytes[value].prefix { $0 >= 0x30 && $0 <= 0x39 }.count
    if digits < value.count { try? c.add(SIP.cseqSeq, at: value.lowerBound, digits, value: UInt64(cseqNumber ?? 0), depth: 3) }
    guard let methodStart = bytes[value].firstIndex(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7a }) else {
      return false
    }
    cseqMethod = Array(bytes[methodStart..<value.upperBound])
    c.computed(SIP.cseqMethod, at: methodStart, value.upperBound - methodStart, bytes: text(methodStart..<value.upperBound), depth: 3)
    return true
  }

  private func fromOrTo(_ isFrom: Bool, _ value: Range<Int>) {
    var tagSearch = value.lowerBound
    if let a = SIPAddress.nameAddrOrAddrSpec(bytes, from: value.lowerBound, to: value.upperBound) {
      if let d = a.displayInfo {
        c.computed(isFrom ? SIP.fromDisplayInfo : .toDisplayInfo, at: d.lowerBound, d.count, bytes: text(d), depth: 3)
        c.computed(SIP.displayInfo, at: d.lowerBound, d.count, bytes: text(d), depth: 3, flags: .hidden)
      }
      if isFrom {
        address(a, uri: .fromAddress, user: .fromUser, host: .fromHost, port: .fromPort, param: .fromParam, depth: 3)
      } else {
        address(a, uri: .toAddress, user: .toUser, host: .toHost, port: .toPort, param: .toParam, depth: 3)
      }
      tagSearch = a.end
    }
    let tag = Array("tag=".utf8)
    var offset = tagSearch
    while offset + tag.count <= value.upperBound, !bytes[offset..<offset + tag.count].elementsEqual(tag) { offset += 1 }
    guard offset + tag.count <= value.upperBound else { return }
    let start = offset + tag.count
    let end = bytes[start..<value.upperBound].firstIndex(of: 0x3b) ?? value.upperBound
    c.computed(isFrom ? SIP.fromTag : .toTag, at: start, end - start, bytes: text(start..<end), depth: 3)
    c.computed(SIP.tag, at: start, end - start, bytes: text(start..<end), depth: 3, flags: .hidden)
  }

  /// The contacts of a Contact header, separated by commas: each an
  /// address and its parameters.
  private func contacts(_ value: Range<Int>) {
    guard value.lowerBound < value.upperBound, bytes[value.lowerBound] != 0x2a else { return }
    var offset = value.lowerBound
    while offset < value.upperBound,
      let a = SIPAddress.nameAddrOrAddrSpec(bytes, from: offset, to: value.upperBound)
    {
      if let d = a.displayInfo {
        c.computed(SIP.contactDisplayInfo, at: d.lowerBound, d.count, bytes: text(d), depth: 3)
        c.computed(SIP.displayInfo, at: d.lowerBound, d.count, bytes: text(d), depth: 3, flags: .hidden)
      }
      address(a, uri: .contactURI, user: .contactUser, host: .contactHost, port: .contactPort, param: .contactParam, depth: 3)
      offset = a.end
      while offset < value.upperBound, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
      let itemEnd = bytes[offset..<value.upperBound].firstIndex(of: 0x2c) ?? value.upperBound
      for p in SIPAddress.parameters(bytes, from: offset, to: itemEnd) {
        c.computed(SIP.contactParameter, at: p.lowerBound, p.count, bytes: text(p), depth: 3)
      }
      offset = itemEnd + 1
    }
  }

  /// An address's URI item and its parts under it.
  private func address(_ a: SIPAddress, uri: SIP, user: SIP, host: SIP, port: SIP, param: SIP, depth: UInt8) {
    c.computed(uri, at: a.uri.lowerBound, a.uri.count, bytes: text(a.uri), depth: depth)
    for (field, range) in [(user, a.user), (host, a.host), (port, a.port)] {
      if let range { c.computed(field, at: range.lowerBound, range.count, bytes: text(range), depth: depth + 1) }
    }
    for p in a.parameters { c.computed(param, at: p.lowerBound, p.count, bytes: text(p), depth: depth + 1) }
  }

  /// Resend and request matching (over UDP).
  private func transactions() {
    let match = SIPTransactions.match(
      c, callID: callID, cseq: cseqNumber, method: cseqMethod, isRequest: line.kind == .request, statusCode: Int(statusCode))
    let depth: UInt8 = 2
    c.generated(SIP.resend, value: match.resendOf != nil ? 1 : 0, depth: depth)
    if let frame = match.resendOf { c.generated(SIP.resendOriginal, value: UInt64(frame), depth: depth) }
    if let (frame, time) = match.request {
      c.generated(SIP.responseRequest, value: UInt64(frame), depth: depth)
      c.generated(SIP.responseTime, value: UInt64(truncatingIfNeeded: time), depth: depth)
      if line.kind == .status, cseqMethod.elementsEqual("BYE".utf8) {
        c.generated(SIP.releaseTime, value: UInt64(truncatingIfNeeded: time), depth: depth)
      }
    }
  }

  /// The reader of a body of this Content-Type in Wireshark's `media_type`
  /// table, of the protocols pktsh has; nil sends its lines to the tree
  /// as text (SDP's too: pktsh has no SDP reader, and the goldens are
  /// made with SDP off).
  static func bodyReader(_ contentType: [UInt8]) -> ProtocolID? {
    let type = HTTP.mediaType(contentType)
    if let id = HTTP.mediaTypes[type] { return id }
    return type.hasPrefix("multipart/") ? .mimeMultipart : nil
  }

  private func text(_ range: Range<Int>) -> [UInt8] { HTTP.asciiText(bytes[range]) }

  /// The decimal number the bytes start with, as `strtoul` reads it (0 if none).
  static func leadingNumber(_ text: ArraySlice<UInt8>) -> UInt64 {
    var value: UInt64 = 0
    for b in text.drop(while: { $0 == 0x20 || $0 == 0x09 }) {
      guard b >= 0x30 && b <= 0x39 else { break }
      value = min(value &* 10 &+ UInt64(b - 0x30), UInt64(UInt32.max))
    }
    return value
  }
}
