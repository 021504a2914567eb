/// A multipart body (RFC 2046 section 5.1), which HTTP hands on by its
/// Content-Type (Wireshark's `mime_multipart`): parts between lines
/// `--boundary`, each with header lines, an empty line and a body that
/// goes to the reader of its own Content-Type (data without one). The
/// boundary is the `boundary` parameter of the Content-Type HTTP saw. A
/// part whose closing boundary is not in the segment is not shown.
enum MIMEMultipart: UInt8, ProtocolModule {
  case item, type, contentType, contentDisposition

  static var protocolID: ProtocolID { .mimeMultipart }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mime_multipart", "MIME Multipart Media Encapsulation")
    case .type: .loose("mime_multipart.type", "Type", .string)
    case .contentType: .loose("mime_multipart.header.content-type", "Content-Type", .string)
    case .contentDisposition: .loose("mime_multipart.header.content-disposition", "Content-Disposition", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let bodyType = c.state.httpBodyContentType
    guard let boundaryText = parameter(bodyType, named: "boundary"), !boundaryText.isEmpty else {
      // Without a boundary Wireshark's multipart refuses the body and HTTP
      // shows it as an untyped medium.
      c.withdrawn = true
      return .layer(.media, at: c.start, end: c.end)
    }
    let delimiter = Array("--".utf8) + boundaryText
    c.computed(type, at: 0, 0, bytes: Array(HTTP.mediaType(bodyType).utf8))
    let bytes = c.bytes.copyBytes()
    guard var line = boundaryLine(bytes, delimiter, from: 0) else { return .stop }
    while !line.last {
      var offset = line.next
      var partType: [UInt8]?
      var headers: [(field: MIMEMultipart, at: Int, count: Int, value: [UInt8])] = []
      // Header lines up to the empty line.
      while offset < bytes.count {
        var end = offset
        while end < bytes.count, bytes[end] != 0x0a { end += 1 }
        var text = bytes[offset..<end]
        if text.last == 0x0d { text = text.dropLast() }
        offset = min(end + 1, bytes.count)
        if text.isEmpty { break }
        if let colon = text.firstIndex(of: UInt8(ascii: ":")) {
          let name = String(decoding: text[..<colon].map { $0 | 0x20 }, as: UTF8.self)
          let value = Array(text[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 })
          if name == "content-type" {
            partType = value
            headers.append((contentType, text.startIndex, text.count, value))
          } else if name == "content-disposition" {
            headers.append((contentDisposition, text.startIndex, text.count, value))
          }
        }
      }
      guard let next = boundaryLine(bytes, delimiter, from: offset) else { break }
      for header in headers {
        c.computed(header.field, at: header.at, header.count, bytes: HTTP.asciiText(header.value), depth: 2)
      }
      let bodyEnd = next.crlfStart
      if bodyEnd > offset {
        let reader = partType.map(HTTP.bodyReader(contentType:)) ?? .dissected(.data)
        if let id = reader.protocolID {
          if let partType { c.state.httpBodyContentType = partType }
          c.nested(.layer(id, at: c.start + offset, end: c.start + bodyEnd))
        }
      }
      line = next
    }
    return .stop
  }

  /// A boundary line at or after `from`: where the line end before it
  /// starts (it belongs to the boundary), where the line after it starts,
  /// and whether it is the closing one (`--boundary--`).
  private static func boundaryLine(
    _ bytes: [UInt8], _ delimiter: [UInt8], from: Int
  ) -> (crlfStart: Int, next: Int, last: Bool)? {
    var i = from
    while i + delimiter.count <= bytes.count {
      let atLineStart = i == 0 || bytes[i - 1] == 0x0a
      if atLineStart, bytes[i..<i + delimiter.count].elementsEqual(delimiter) {
        var crlfStart = i
        if crlfStart > from, bytes[crlfStart - 1] == 0x0a { crlfStart -= 1 }
        if crlfStart > from, bytes[crlfStart - 1] == 0x0d { crlfStart -= 1 }
        var end = i + delimiter.count
        let last = end + 1 < bytes.count && bytes[end] == UInt8(ascii: "-") && bytes[end + 1] == UInt8(ascii: "-")
        while end < bytes.count, bytes[end] != 0x0a { end += 1 }
        return (crlfStart, min(end + 1, bytes.count), last)
      }
      i += 1
    }
    return nil
  }

  /// The value of parameter `name` in a Content-Type value, without quotes.
  static func parameter(_ value: [UInt8], named name: String) -> [UInt8]? {
    for piece in value.split(separator: UInt8(ascii: ";")).dropFirst() {
      let trimmed = piece.drop { $0 == 0x20 || $0 == 0x09 }
      guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) else { continue }
      let key = trimmed[..<equals].filter { $0 != 0x20 && $0 != 0x09 }.map { $0 | 0x20 }
      guard key.elementsEqual(name.utf8) else { continue }
      var text = Array(trimmed[(equals + 1)...])
      if text.first == UInt8(ascii: "\"") {
        text.removeFirst()
        if let close = text.firstIndex(of: UInt8(ascii: "\"")) { text.removeSubrange(close...) }
      } else {
        while let last = text.last, last == 0x20 || last == 0x09 { text.removeLast() }
      }
      return text
    }
    return nil
  }
}
