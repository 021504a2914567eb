/// How HTTP/2 shows: Protocol `HTTP2`; Info lists `Magic` for the preface
/// and each frame as its type and stream (`SETTINGS[0]`, `DATA[1]`),
/// separated by commas; a header block adds the response's status and its
/// description (`HEADERS[1]: 200 OK`) or the request's method and path
/// (`HEADERS[1]: GET /`), as Wireshark's does. The frame that ends a
/// stream whose body went to a reader gets the reader's note
/// (`DATA[1] (text/plain)`).
extension HTTP2 {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [magic, type, flags, streamID, headersMethod, headersPath, headersStatus].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var parts = f.has(magic) ? ["Magic"] : []
    var frameType: UInt64?
    var method: String?
    var path: String?
    // The note of a handed-on body, until the frame that ended its stream.
    var note = f.dissection.handedMediaType.map { HTTP.bodyNote($0, reader: layer.next) }
    var endsStream = false
    /// Ends the frame's part: the request line, if it had one.
    func finish() {
      if let method, let path { parts[parts.count - 1] += ": \(method) \(path)" }
      (method, path) = (nil, nil)
    }
    for (field, record) in f.occurrences(of: HTTP2.self) {
      switch field {
      case .type:
        if frameType != nil { finish() }
        frameType = record.value
        let name = HTTP2Names.frameTypes[record.value] ?? "Unknown type (\(record.value))"
        parts.append(name)
      case .flags:
        endsStream = record.value & UInt64(flagEndStream) != 0
      case .streamID where !parts.isEmpty && frameType != nil:
        parts[parts.count - 1] += "[\(record.value)]"
        if endsStream, frameType == UInt64(typeData) || frameType == UInt64(typeHeaders), let text = note {
          parts[parts.count - 1] += text
          note = nil
        }
      case .headersStatus where frameType != nil:
        let code = Int(clamping: record.value)
        parts[parts.count - 1] += ": \(code) \(HTTP.statusDescriptions[code] ?? "Unknown")"
      case .headersMethod: method = f.text(record)
      case .headersPath: path = f.text(record)
      default: break
      }
    }
    if frameType != nil { finish() }
    // Wireshark appends each frame with a separator, so text put before
    // Info (`[Continuation to #7] `) is followed by one too.
    row.set("HTTP2", info: (row.isFenced ? ", " : "") + parts.joined(separator: ", "))
  }
}
