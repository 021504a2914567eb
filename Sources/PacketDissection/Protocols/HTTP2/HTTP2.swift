/// HTTP/2 (RFC 9113), on a connection HTTP switched to it: by an
/// `Upgrade: h2c` response, or by the client's connection preface (prior
/// knowledge). pktsh reads the preface, each frame's header (section 4.1),
/// SETTINGS' header table size, and the header blocks of HEADERS,
/// PUSH_PROMISE and CONTINUATION frames, decompressed with HPACK
/// (`HPACKDecoder`, one per direction of the connection), and DATA
/// frames, whose payloads are put together into the message body and
/// handed to its Content-Type's reader when the stream ends
/// (`HTTP2Body`); the first body a segment completes is handed on. A frame that
/// runs past the segment tells TCP where it ends, as Wireshark's PDU
/// tracking does; its header block is not decoded, as Wireshark's reading
/// of it stops at the missing bytes.
enum HTTP2: UInt8, ProtocolModule {
  case item, magic, length, type, flags, reserved, streamID
  case padding, padLength, exclusive, streamDependency, weight, weightReal, promisedStreamID
  case headerBlock, pushPromiseHeader, headerLength, headerCount
  case headerNameLength, headerName, headerValueLength, headerValue
  case headersAuthority, headersStatus, headersPath, headersMethod, headersScheme, headersAccept, headersAcceptCharset, headersAcceptEncoding, headersAcceptLanguage, headersAcceptRanges, headersAccessControlAllowOrigin, headersAge, headersAllow, headersAuthorization, headersCacheControl, headersContentDisposition, headersContentEncoding, headersContentLanguage, headersContentLength, headersContentLocation, headersContentRange, headersContentType, headersCookie, headersDate, headersEtag, headersExpect, headersExpires, headersFrom, headersIfMatch, headersIfModifiedSince, headersIfNoneMatch, headersIfRange, headersIfUnmodifiedSince, headersLastModified, headersLink, headersLocation, headersMaxForwards, headersProxyAuthenticate, headersProxyAuthorization, headersRange, headersReferer, headersRefresh, headersRetryAfter, headersServer, headersSetCookie, headersStrictTransportSecurity, headersUserAgent, headersVary, headersVia, headersWwwAuthenticate
  case headerUnescaped, headerRepresentation, headerIndex, headerTableSize, fullURI
  case settingsIdentifier, settingsHeaderTableSize
  case bodyFragment, bodyFragmentCount, bodyReassembledLength, dataData

  static var protocolID: ProtocolID { .http2 }
  static var level: LayerLevel { .application }
  static let headerBits = 72
  static let variablePart: String? = "Frame Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("http2", "HyperText Transfer Protocol 2")
    case .magic: .loose("http2.magic", "Magic", .string)
    case .length: .uint("http2.length", "Length", at: 0, bytes: 3)
    case .type: .uint("http2.type", "Type", at: 3, bytes: 1, values: .http2FrameTypes)
    case .flags: .uint("http2.flags", "Flags", at: 4, bytes: 1, base: .hex)
    case .reserved: .uint("http2.r", "Reserved", at: 5, bytes: 4, mask: 0x8000_0000, base: .hex)
    case .streamID: .uint("http2.streamid", "Stream Identifier", at: 5, bytes: 4, mask: 0x7fff_ffff)
    case .padding: .loose("http2.padding", "Pad Length", .uint(bytes: 1), base: .hex)
    case .padLength: .loose("http2.pad_length", "Pad Length", .uint(bytes: 2))
    case .exclusive: .loose("http2.exclusive", "Exclusive", .boolean(bytes: 4))
    case .streamDependency: .loose("http2.stream_dependency", "Stream Dependency", .uint(bytes: 4))
    case .weight: .loose("http2.headers.weight", "Weight", .uint(bytes: 1))
    case .weightReal: .loose("http2.headers.weight_real", "Weight real", .uint(bytes: 1))
    case .promisedStreamID: .loose("http2.push_promise.promised_stream_id", "Promised-Stream-ID", .uint(bytes: 4))
    case .headerBlock: .loose("http2.headers", "Header Block Fragment", .bytes)
    case .pushPromiseHeader: .loose("http2.push_promise.header", "Header Block Fragment", .bytes)
    case .headerLength: .loose("http2.header.length", "Header Length", .uint(bytes: 4))
    case .headerCount: .loose("http2.header.count", "Header Count", .uint(bytes: 4))
    case .headerNameLength: .loose("http2.header.name.length", "Name Length", .uint(bytes: 4))
    case .headerName: .loose("http2.header.name", "Name", .string)
    case .headerValueLength: .loose("http2.header.value.length", "Value Length", .uint(bytes: 4))
    case .headerValue: .loose("http2.header.value", "Value", .string)
    case .headersAuthority: .loose("http2.headers.authority", ":authority", .string)
    case .headersStatus: .loose("http2.headers.status", ":status", .uint(bytes: 2))
    case .headersPath: .loose("http2.headers.path", ":path", .string)
    case .headersMethod: .loose("http2.headers.method", ":method", .string)
    case .headersScheme: .loose("http2.headers.scheme", ":scheme", .string)
    case .headersAccept: .loose("http2.headers.accept", "accept", .string)
    case .headersAcceptCharset: .loose("http2.headers.accept_charset", "accept-charset", .string)
    case .headersAcceptEncoding: .loose("http2.headers.accept_encoding", "accept-encoding", .string)
    case .headersAcceptLanguage: .loose("http2.headers.accept_language", "accept-language", .string)
    case .headersAcceptRanges: .loose("http2.headers.accept_ranges", "accept-ranges", .string)
    case .headersAccessControlAllowOrigin: .loose("http2.headers.access_control_allow_origin", "access-control-allow-origin", .string)
    case .headersAge: .loose("http2.headers.age", "age", .uint(bytes: 8))
    case .headersAllow: .loose("http2.headers.allow", "allow", .string)
    case .headersAuthorization: .loose("http2.headers.authorization", "authorization", .string)
    case .headersCacheControl: .loose("http2.headers.cache_control", "cache-control", .string)
    case .headersContentDisposition: .loose("http2.headers.content_disposition", "content-disposition", .string)
    case .headersContentEncoding: .loose("http2.headers.content_encoding", "content-encoding", .string)
    case .headersContentLanguage: .loose("http2.headers.content_language", "content-language", .string)
    case .headersContentLength: .loose("http2.headers.content_length", "content-length", .uint(bytes: 8))
    case .headersContentLocation: .loose("http2.headers.content_location", "content-location", .string)
    case .headersContentRange: .loose("http2.headers.content_range", "content-range", .string)
    case .headersContentType: .loose("http2.headers.content_type", "content-type", .string)
    case .headersCookie: .loose("http2.headers.cookie", "cookie", .string)
    case .headersDate: .loose("http2.headers.date", "date", .string)
    case .headersEtag: .loose("http2.headers.etag", "etag", .string)
    case .headersExpect: .loose("http2.headers.expect", "expect", .string)
    case .headersExpires: .loose("http2.headers.expires", "expires", .string)
    case .headersFrom: .loose("http2.headers.from", "from", .string)
    case .headersIfMatch: .loose("http2.headers.if_match", "if-match", .string)
    case .headersIfModifiedSince: .loose("http2.headers.if_modified_since", "if-modified-since", .string)
    case .headersIfNoneMatch: .loose("http2.headers.if_none_match", "if-none-match", .string)
    case .headersIfRange: .loose("http2.headers.if_range", "if-range", .string)
    case .headersIfUnmodifiedSince: .loose("http2.headers.if_unmodified_since", "if-unmodified-since", .string)
    case .headersLastModified: .loose("http2.headers.last_modified", "last-modified", .string)
    case .headersLink: .loose("http2.headers.link", "link", .string)
    case .headersLocation: .loose("http2.headers.location", "location", .string)
    case .headersMaxForwards: .loose("http2.headers.max_forwards", "max-forwards", .uint(bytes: 8))
    case .headersProxyAuthenticate: .loose("http2.headers.proxy_authenticate", "proxy-authenticate", .string)
    case .headersProxyAuthorization: .loose("http2.headers.proxy_authorization", "proxy-authorization", .string)
    case .headersRange: .loose("http2.headers.range", "range", .string)
    case .headersReferer: .loose("http2.headers.referer", "referer", .string)
    case .headersRefresh: .loose("http2.headers.refresh", "refresh", .string)
    case .headersRetryAfter: .loose("http2.headers.retry_after", "retry-after", .string)
    case .headersServer: .loose("http2.headers.server", "server", .string)
    case .headersSetCookie: .loose("http2.headers.set_cookie", "set-cookie", .string)
    case .headersStrictTransportSecurity: .loose("http2.headers.strict_transport_security", "strict-transport-security", .string)
    case .headersUserAgent: .loose("http2.headers.user_agent", "user-agent", .string)
    case .headersVary: .loose("http2.headers.vary", "vary", .string)
    case .headersVia: .loose("http2.headers.via", "via", .string)
    case .headersWwwAuthenticate: .loose("http2.headers.www_authenticate", "www-authenticate", .string)
    case .headerUnescaped: .loose("http2.header.unescaped", "Unescaped", .string)
    case .headerRepresentation: .loose("http2.header.repr", "Representation", .string)
    case .headerIndex: .loose("http2.header.index", "Index", .uint(bytes: 4))
    case .headerTableSize: .loose("http2.header_table_size_update.header_table_size", "Header table size", .uint(bytes: 4))
    case .fullURI: .loose("http2.request.full_uri", "Full request URI", .string)
    case .bodyFragment: .loose("http2.body.fragment", "Body fragment", .frameNumber)
    case .bodyFragmentCount: .loose("http2.body.fragment.count", "Body fragment count", .uint(bytes: 4))
    case .bodyReassembledLength: .loose("http2.body.reassembled.length", "Reassembled body length", .uint(bytes: 4))
    case .dataData: .loose("http2.data.data", "Data", .bytes)
    case .settingsIdentifier: .loose("http2.settings.id", "Settings Identifier", .uint(bytes: 2))
    case .settingsHeaderTableSize: .loose("http2.settings.header_table_size", "Header table size", .uint(bytes: 4))
    }
  }

  /// The fields Wireshark gives the headers it knows by name, besides
  /// `http2.header.name` and `http2.header.value`.
  static let namedHeaders: [String: HTTP2] = [
    ":authority": .headersAuthority,
    ":status": .headersStatus,
    ":path": .headersPath,
    ":method": .headersMethod,
    ":scheme": .headersScheme,
    "accept": .headersAccept,
    "accept-charset": .headersAcceptCharset,
    "accept-encoding": .headersAcceptEncoding,
    "accept-language": .headersAcceptLanguage,
    "accept-ranges": .headersAcceptRanges,
    "access-control-allow-origin": .headersAccessControlAllowOrigin,
    "age": .headersAge,
    "allow": .headersAllow,
    "authorization": .headersAuthorization,
    "cache-control": .headersCacheControl,
    "content-disposition": .headersContentDisposition,
    "content-encoding": .headersContentEncoding,
    "content-language": .headersContentLanguage,
    "content-length": .headersContentLength,
    "content-location": .headersContentLocation,
    "content-range": .headersContentRange,
    "content-type": .headersContentType,
    "cookie": .headersCookie,
    "date": .headersDate,
    "etag": .headersEtag,
    "expect": .headersExpect,
    "expires": .headersExpires,
    "from": .headersFrom,
    "if-match": .headersIfMatch,
    "if-modified-since": .headersIfModifiedSince,
    "if-none-match": .headersIfNoneMatch,
    "if-range": .headersIfRange,
    "if-unmodified-since": .headersIfUnmodifiedSince,
    "last-modified": .headersLastModified,
    "link": .headersLink,
    "location": .headersLocation,
    "max-forwards": .headersMaxForwards,
    "proxy-authenticate": .headersProxyAuthenticate,
    "proxy-authorization": .headersProxyAuthorization,
    "range": .headersRange,
    "referer": .headersReferer,
    "refresh": .headersRefresh,
    "retry-after": .headersRetryAfter,
    "server": .headersServer,
    "set-cookie": .headersSetCookie,
    "strict-transport-security": .headersStrictTransportSecurity,
    "user-agent": .headersUserAgent,
    "vary": .headersVary,
    "via": .headersVia,
    "www-authenticate": .headersWwwAuthenticate,
  ]

  static let frameHeaderLength = 9
  static let flagEndStream: UInt8 = 0x01
  static let flagEndHeaders: UInt8 = 0x04
  static let flagPadded: UInt8 = 0x08
  static let flagPriority: UInt8 = 0x20
  static let flagAck: UInt8 = 0x01

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    let preface = HTTP.http2Preface
    if c.capturedLength >= preface.count, c.bytes.slice(0, preface.count).copyBytes() == preface {
      c.computed(magic, at: 0, preface.count, bytes: preface)
      // tshark's loop reads the preface as a PDU of its own.
      TCPSegment.dissectsPDU(c, at: 0, length: preface.count)
      offset = preface.count
    }
    let connection = HTTP2Connection.find(c)
    var handedOn = Next.stop
    while offset < c.length {
      guard offset + frameHeaderLength <= c.length else { break }
      let size = Int(try c.uint(offset, 3))
      let frameEnd = offset + frameHeaderLength + size
      TCPSegment.pdu(c, at: offset, length: frameHeaderLength + size)
      TCPSegment.dissectsPDU(c, at: offset, length: frameHeaderLength + size)
      let kind = try c.uint8(offset + 3)
      let flagBits = try c.uint8(offset + 4)
      try c.add(length, at: offset, 3, value: UInt64(size))
      try c.add(type, at: offset + 3, 1, value: UInt64(kind))
      try c.add(flags, at: offset + 4, 1, value: UInt64(flagBits))
      let word = try c.uint32(offset + 5)
      try c.add(reserved, at: offset + 5, 4, value: UInt64(word >> 31))
      try c.add(streamID, at: offset + 5, 4, value: UInt64(word & 0x7fff_ffff))
      let payload = Frame(
        kind: kind, flags: flagBits, stream: word & 0x7fff_ffff, start: offset + frameHeaderLength, end: frameEnd)
      if let body = try dissectPayload(&c, payload, connection), case .stop = handedOn { handedOn = body }
      offset = frameEnd
    }
    return handedOn
  }

  /// A frame's type, flags and payload range (offsets in the layer).
  struct Frame {
    let kind: UInt8
    let flags: UInt8
    let stream: UInt32
    let start: Int
    let end: Int
  }

  static let typeData: UInt8 = 0
  static let typeHeaders: UInt8 = 1
  static let typeSettings: UInt8 = 4
  static let typePushPromise: UInt8 = 5
  static let typeContinuation: UInt8 = 9

  /// Reads one frame's payload; returns where a message body it completed
  /// goes.
  private static func dissectPayload(
    _ c: inout LayerCursor, _ frame: Frame, _ connection: HTTP2Connection
  ) throws(DissectionStop) -> Next? {
    let whole = frame.end <= c.capturedLength
    switch frame.kind {
    case typeSettings:
      guard whole else { return nil }
      try dissectSettings(&c, frame, connection)
      return nil
    case typeData, typeHeaders, typePushPromise, typeContinuation:
      // Trailers end the stream: the body before them is whole.
      let trailed = frame.kind == typeHeaders && frame.flags & flagEndStream != 0
      let completed = trailed ? endBody(&c, stream: frame.stream, connection) : nil
      var offset = frame.start
      var padBytes = 0
      if frame.flags & flagPadded != 0 {
        guard offset < frame.end else { return completed }
        padBytes = Int(try c.uint8(offset))
        try c.add(padding, at: offset, 1, value: UInt64(padBytes))
        try c.add(padLength, at: offset, 1, value: UInt64(padBytes), flags: .generated)
        offset += 1
      } else {
        c.generated(padLength, value: 0)
      }
      guard whole else { return completed }
      if frame.kind == typeData {
        guard frame.end - padBytes >= offset else { throw .malformed }
        return try dissectData(&c, frame, from: offset, to: frame.end - padBytes, connection)
      }
      if frame.kind == typeHeaders, frame.flags & flagPriority != 0 {
        let dependency = try c.uint32(offset)
        try c.add(exclusive, at: offset, 4, value: UInt64(dependency >> 31))
        try c.add(streamDependency, at: offset, 4, value: UInt64(dependency & 0x7fff_ffff))
        let weightValue = UInt64(try c.uint8(offset + 4))
        try c.add(weight, at: offset + 4, 1, value: weightValue)
        try c.add(weightReal, at: offset + 4, 1, value: weightValue + 1, flags: .generated)
        offset += 5
      }
      if frame.kind == typePushPromise {
        try c.add(promisedStreamID, at: offset, 4, value: UInt64(try c.uint32(offset) & 0x7fff_ffff))
        offset += 4
      }
      let blockEnd = frame.end - padBytes
      guard blockEnd >= offset else { throw .malformed }
      let fragment = c.bytes.slice(offset, blockEnd - offset).copyBytes()
      switch frame.kind {
      case typeHeaders: c.computed(headerBlock, at: offset, fragment.count, bytes: fragment)
      case typePushPromise: c.computed(pushPromiseHeader, at: offset, fragment.count, bytes: fragment)
      default: break
      }
      let block = connection.decode(c, fragment, endsHeaders: frame.flags & flagEndHeaders != 0)
      try record(&c, block, at: offset)
      if frame.kind != typePushPromise { connection.noteHeaders(c, stream: frame.stream, block) }
      return completed
    default:
      return nil
    }
  }

  /// A DATA frame's payload (`start ..< end`, padding left out): shown as
  /// data, and added to its stream's body when a header block began one;
  /// the frame that ends the stream hands the whole body on.
  private static func dissectData(
    _ c: inout LayerCursor, _ frame: Frame, from start: Int, to end: Int, _ connection: HTTP2Connection
  ) throws(DissectionStop) -> Next? {
    let key = HTTP2Connection.bodyKey(c, stream: frame.stream)
    guard var body = connection.bodies[key], !body.unassembled else {
      try c.add(dataData, at: start, end - start)
      return nil
    }
    let endsStream = frame.flags & flagEndStream != 0
    if end > start || !endsStream {
      body.data.append(contentsOf: c.bytes.slice(start, end - start).copyBytes())
      body.frames.append(c.dissection.frame.number)
    }
    guard body.data.count <= HTTP2Body.maximumBytes else {
      connection.bodies[key] = nil
      try c.add(dataData, at: start, end - start)
      return nil
    }
    guard endsStream, !body.frames.isEmpty else {
      connection.bodies[key] = body
      try c.add(dataData, at: start, end - start)
      return nil
    }
    connection.bodies[key] = nil
    let inflated = body.inflated
    if body.frames.count == 1, inflated == nil {
      try c.add(dataData, at: start, end - start)
      return reader(c, body, at: c.start + start, end: c.start + end)
    }
    return handOn(&c, body, as: inflated ?? body.data, at: start)
  }

  /// Ends the body of `stream` in this direction at a header block (its
  /// trailers), if one is under way with payload, and hands it on.
  private static func endBody(_ c: inout LayerCursor, stream: UInt32, _ connection: HTTP2Connection) -> Next? {
    let key = HTTP2Connection.bodyKey(c, stream: stream)
    guard let body = connection.bodies[key], !body.unassembled, !body.frames.isEmpty else { return nil }
    connection.bodies[key] = nil
    return handOn(&c, body, as: body.inflated ?? body.data)
  }

  /// A finished body, `decoded` as its reader reads it: records it as
  /// Wireshark's body reassembly does (the frames, their count and the
  /// length when there were several), appends it to the packet's bytes,
  /// and returns its reader.
  private static func handOn(_ c: inout LayerCursor, _ body: HTTP2Body, as decoded: [UInt8], at offset: Int = 0) -> Next? {
    if body.frames.count > 1 {
      for frame in body.frames { c.generated(bodyFragment, value: UInt64(frame)) }
      c.generated(bodyFragmentCount, value: UInt64(body.frames.count))
      c.generated(bodyReassembledLength, value: UInt64(body.data.count))
    }
    c.computed(dataData, at: offset, 0, bytes: decoded, flags: .generated)
    let at = c.dissection.appendReassembled(decoded)
    return reader(c, body, at: at, end: at + decoded.count)
  }

  /// Where a finished body goes: the reader of its Content-Type; nowhere
  /// without one, or when its reader is a dissector pktsh lacks.
  private static func reader(_ c: LayerCursor, _ body: HTTP2Body, at start: Int, end: Int) -> Next? {
    guard let type = body.contentType, case .dissected(let id) = HTTP.bodyReader(contentType: type) else { return nil }
    c.state.httpBodyContentType = type
    c.dissection.handedMediaType = HTTP.mediaType(type)
    return .layer(id, at: start, end: end)
  }

  /// SETTINGS' identifiers, and the header table size the receiving
  /// direction's decoder will allow once the peer acknowledges it.
  private static func dissectSettings(
    _ c: inout LayerCursor, _ frame: Frame, _ connection: HTTP2Connection
  ) throws(DissectionStop) {
    if frame.flags & flagAck != 0 {
      connection.acknowledgeSettings(c)
      return
    }
    var offset = frame.start
    while offset + 6 <= frame.end {
      let identifier = try c.uint16(offset)
      try c.add(settingsIdentifier, at: offset, 2, value: UInt64(identifier))
      let value = try c.uint32(offset + 2)
      if identifier == 1 {
        try c.add(settingsHeaderTableSize, at: offset + 2, 4, value: UInt64(value))
        connection.announceTableSize(c, UInt64(value))
      }
      offset += 6
    }
  }

  /// Records a frame's decoded header fields, in Wireshark's order: the
  /// block's totals, then each field (and each table size update) in turn,
  /// then the request's full URI.
  private static func record(
    _ c: inout LayerCursor, _ block: HPACKDecoder.Block, at base: Int
  ) throws(DissectionStop) {
    let total = block.fields.reduce(0) { $0 + 8 + $1.name.count + $1.value.count }
    c.generated(headerLength, value: UInt64(total))
    // Wireshark counts a table size update as one of the headers.
    c.generated(headerCount, value: UInt64(block.fields.count + block.sizeUpdates.count))
    var updates = block.sizeUpdates[...]
    var uri: (scheme: [UInt8]?, authority: [UInt8]?, path: [UInt8]?) = (nil, nil, nil)
    for field in block.fields {
      while let update = updates.first, update.offset <= field.offset {
        try c.add(headerTableSize, at: base + update.offset, update.length, value: UInt64(update.size))
        updates = updates.dropFirst()
      }
      let at = base + field.offset
      try c.add(headerNameLength, at: at, field.length, value: UInt64(field.name.count))
      c.computed(headerName, at: at, field.length, bytes: field.name)
      try c.add(headerValueLength, at: at, field.length, value: UInt64(field.value.count))
      c.computed(headerValue, at: at, field.length, bytes: field.value)
      let name = String(decoding: field.name, as: UTF8.self)
      if let named = namedHeaders[name] {
        if case .uint = named.declaration.kind {
          try c.add(named, at: at, field.length, value: leadingNumber(field.value))
        } else {
          c.computed(named, at: at, field.length, bytes: field.value)
        }
      }
      c.computed(headerUnescaped, at: at, field.length, bytes: field.value)
      c.computed(headerRepresentation, at: at, field.length, bytes: Array(field.representationText.utf8))
      if let index = field.index { try c.add(headerIndex, at: at, field.length, value: UInt64(index)) }
      switch name {
      case ":scheme": uri.scheme = field.value
      case ":authority": uri.authority = field.value
      case ":path": uri.path = field.value
      default: break
      }
    }
    for update in updates {
      try c.add(headerTableSize, at: base + update.offset, update.length, value: UInt64(update.size))
    }
    if let scheme = uri.scheme, let authority = uri.authority, let path = uri.path {
      c.computed(fullURI, at: base, 0, bytes: scheme + Array("://".utf8) + authority + path, flags: .generated)
    }
  }

  /// The decimal number a header value starts with (as `strtoul` reads
  /// it), 0 when none; capped rather than overflowing.
  static func leadingNumber(_ value: [UInt8]) -> UInt64 {
    var number: UInt64 = 0
    for byte in value.drop(while: { $0 == 0x20 || $0 == 0x09 }) {
      guard byte >= 0x30 && byte <= 0x39 else { break }
      let (product, overflow) = number.multipliedReportingOverflow(by: 10)
      guard !overflow else { return UInt64.max }
      number = product &+ UInt64(byte - 0x30)
    }
    return number
  }
}

extension HPACKDecoder.Field {
  /// How Wireshark's `http2.header.repr` names the representation.
  var representationText: String {
    let literal: String
    switch representation {
    case .indexed: return "Indexed Header Field"
    case .incremental: literal = "Literal Header Field with Incremental Indexing"
    case .withoutIndexing: literal = "Literal Header Field without Indexing"
    case .neverIndexed: literal = "Literal Header Field never Indexed"
    }
    return literal + (index == nil ? " - New Name" : " - Indexed Name")
  }
}
