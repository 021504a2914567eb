/// How HTTP shows: yellow; Info is the request or status line and a space
/// (`GET / HTTP/1.1 `), then the body's media type when the segment
/// carries body bytes (`HTTP/1.1 200 OK  (text/html)`); `Continuation` for
/// a segment without a request or status line.
///
/// Only the segment's first message is shown; Wireshark also appends the
/// first lines of further messages in the same segment.
extension HTTP {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] {
    [method, responseVersion, contentType, code, fileData, contentEncoding].map(\.fieldID) + [TCP.len.fieldID]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("HTTP", info: info(layer.fields, complete: layer.complete, body: layer.next))
  }

  /// `complete` is false when the segment ended inside the message:
  /// Wireshark then stops before handing the body on, so no media type.
  private static func info(_ f: LayerFields, complete: Bool, body: ProtocolID?) -> String {
    let isMessage = f.has(method) || f.has(responseVersion)
    guard isMessage, let segmentEnd = segmentEnd(f) else { return "Continuation" }
    let packet = f.dissection.packet
    var start = f.span.start
    if packet.uint16(at: start) == 0x0d0a { start += 2 }
    var end = start
    while end < segmentEnd, packet.byte(end) != 0x0d, packet.byte(end) != 0x0a { end += 1 }
    // A request or status line the segment cuts off is not recognised.
    guard end < segmentEnd else { return "Continuation" }
    var out = FieldText.escaped(packet.slice(start, end - start)) + " "
    if complete, let type = mediaType(f), handsBodyOn(f, from: f.span.start, to: segmentEnd) {
      out += bodyNote(type, reader: body)
    }
    return out
  }

  /// What the body's reader adds to Info, as Wireshark's readers do: the
  /// media type for text, forms and untyped media (and for readers pktsh
  /// lacks), its own words for JSON and images, nothing for data and
  /// multipart.
  static func bodyNote(_ type: String, reader: ProtocolID?) -> String {
    switch reader {
    case .data?, .mimeMultipart?, .imageGIF?: ""
    case .json?: ", JavaScript Object Notation (\(type))"
    case .png?: " (PNG)"
    case .imageJFIF?: " (JPEG JFIF image)"
    default: " (\(type))"
    }
  }

  /// The Content-Type without parameters, lowercased, as Wireshark's
  /// media dissectors are keyed.
  private static func mediaType(_ f: LayerFields) -> String? {
    guard let value = f.text(contentType) else { return nil }
    let type = trimmed(value.prefix { $0 != ";" }).lowercased()
    if let code = f.uint(code), code / 100 == 1 || code == 204 || code == 304 { return nil }
    return type.isEmpty ? nil : type
  }

  /// Where the TCP segment carrying the message ends (captured bytes only).
  private static func segmentEnd(_ f: LayerFields) -> Int? {
    guard let tcp = f.lastTopLayer(.tcp), let length = tcp.uint(TCP.len) else { return nil }
    return min(f.dissection.packet.count, tcp.span.end &+ Int(clamping: length))
  }

  /// Whether Wireshark handed a body to its media dissectors: when the
  /// dissector kept the body as `http.file_data`, or when the body is
  /// content-encoded (pktsh does not decompress) and present.
  private static func handsBodyOn(_ f: LayerFields, from start: Int, to end: Int) -> Bool {
    if f.has(fileData) { return true }
    guard let encoding = f.text(contentEncoding), encoding.lowercased() != "identity" else { return false }
    let packet = f.dissection.packet
    var i = start
    while i &+ 1 < end {
      if packet.byte(i) == 0x0a {
        if packet.byte(i + 1) == 0x0a { return i + 2 < end }
        if packet.byte(i + 1) == 0x0d, i + 2 < end, packet.byte(i + 2) == 0x0a { return i + 3 < end }
      }
      i += 1
    }
    return false
  }

  private static func trimmed(_ text: Substring) -> String {
    var text = text
    while text.first == " " || text.first == "\t" { text.removeFirst() }
    while text.last == " " || text.last == "\t" { text.removeLast() }
    return String(text)
  }
}

extension FieldID {
  /// HTTP's message body, which the tree shows by its length alone, as
  /// Wireshark does: `File Data: 162 bytes`.
  public static var httpFileData: FieldID { HTTP.fileData.fieldID }
}
