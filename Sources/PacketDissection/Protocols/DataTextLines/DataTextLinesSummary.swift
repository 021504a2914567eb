/// How line-based text shows: headed by its count of lines.
extension DataTextLines {
  static var hue: LayerHue? { .green }

  static func headline(_ f: LayerFields) -> String {
    let count = lineCount(f.dissection.packet.slice(f.span.start, max(0, f.span.dataEnd - f.span.start)))
    return "\(f.label) (\(count) line\(count == 1 ? "" : "s"))"
  }
}
