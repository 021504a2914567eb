/// How HTTP/2 shows: Protocol `HTTP2`; Info lists `Magic` for the preface
/// and each frame as its type and stream (`SETTINGS[0]`, `DATA[1]`),
/// separated by commas, as Wireshark's does without the decoded headers.
extension HTTP2 {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [magic, type, streamID].map(\.fieldID) }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var parts = f.has(magic) ? ["Magic"] : []
    let streams = f.all(streamID)
    for (i, record) in f.all(type).enumerated() {
      let name = HTTP2Names.frameTypes[record.value] ?? "Unknown type (\(record.value))"
      parts.append(name + "[\(i < streams.count ? streams[i].value : 0)]")
    }
    row.set("HTTP2", info: parts.joined(separator: ", "))
  }
}
