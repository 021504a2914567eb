import PacketWire

/// How RESP shows: Info is `Request:` (to port 6379) or `Response:`,
/// then what tshark 4.0 lists of the elements: a request's command words
/// (the bulk strings of its top array), a response's top-level values
/// (`OK`, `3`, `Array(3)`), every error, and `[fragment]` for a line of
/// no known type.
extension RESP {
  static var hue: LayerHue? { .yellow }

  /// Wireshark's Info column holds at most this many bytes.
  private static let infoLimit = 4095

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let d = f.dissection
    var toServer = false, fromServer = false
    if let tcp = f.lastTopLayer(.tcp), let source = tcp.uint(TCP.srcport), let destination = tcp.uint(TCP.dstport) {
      fromServer = source == UInt64(port)
      toServer = destination == UInt64(port)
    }
    let span = f.span
    let bytes = d.packet.slice(span.start, max(0, min(span.end, d.packet.count) - span.start))
    var info = fromServer ? "Response:" : "Request:"
    for element in RESPReader.elements(bytes) where info.utf8.count < infoLimit {
      info += text(element, bytes, request: toServer, response: fromServer)
    }
    row.set("RESP", info: info.utf8.count > infoLimit ? String(decoding: info.utf8.prefix(infoLimit), as: UTF8.self) : info)
  }

  /// What one element adds to Info, with its leading space.
  private static func text(_ element: RESPElement, _ bytes: ByteView, request: Bool, response: Bool) -> String {
    let top = element.depth == 0
    switch element.kind {
    case .string: return response && top ? " " + line(element, bytes) : ""
    case .error: return " Error: " + line(element, bytes)
    case .integer: return response && top ? " \(element.number)" : ""
    case .array: return response && top && element.number > 0 ? " Array(\(element.number))" : ""
    case .fragment: return " [fragment]"
    case .nullBulkString, .emptyLine: return ""
    case .bulkString:
      var text = element.partial ? " [partial]" : ""
      if element.unended { return text }
      let value = bytes.slice(element.dataStart, element.dataCount).copyBytes()
      let shown = value.prefix { $0 != 0 }
      let length = element.number
      guard shown.allSatisfy({ $0 < 0x80 }) else { return top ? text + " BulkString(\(length))" : text }
      let string = String(decoding: shown, as: UTF8.self)
      if request && element.depth == 1 {
        text += length < 100 ? " " + string : " BulkString(\(length))"
      } else if response && top && length < 100 {
        text += " " + string
      } else if top {
        text += " BulkString(\(length))"
      }
      return text
    }
  }

  private static func line(_ element: RESPElement, _ bytes: ByteView) -> String {
    let text = bytes.slice(element.start + 1, max(0, element.lineLength - 1)).copyBytes()
    return String(decoding: text.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
  }
}
