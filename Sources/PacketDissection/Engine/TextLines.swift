/// Lines of the text protocols (FTP, POP), found as Wireshark's
/// `tvb_find_line_end` finds them: a line ends at CR, LF or CRLF, or at the
/// end of the captured bytes.
enum TextLines {
  /// The line at `offset`: its length without the line end, and where the
  /// next line starts.
  static func lineEnd(_ c: LayerCursor, from offset: Int) -> (length: Int, next: Int) {
    HTTP.lineEnd(c, from: offset, limit: c.capturedLength - offset, partial: true) ?? (0, offset)
  }

  /// Records every line from `offset` to the end of the segment, line end
  /// included, as `field`.
  static func addLines(_ c: LayerCursor, from offset: Int, as field: FieldID) {
    var offset = offset
    while offset < c.capturedLength {
      let (_, next) = lineEnd(c, from: offset)
      guard next > offset else { return }
      c.computed(field, at: offset, next - offset, bytes: HTTP.asciiText(c.bytes.slice(offset, next - offset).copyBytes()))
      offset = next
    }
  }

  /// The layer's first line (without its line end) as Wireshark's
  /// `format_text` writes it for the Info column.
  static func firstLine(_ f: LayerFields) -> String {
    let packet = f.dissection.packet
    let start = f.span.start
    var end = start
    while end < packet.count, packet.byte(end) != 0x0d, packet.byte(end) != 0x0a { end += 1 }
    return FieldText.escaped(packet.slice(start, end - start))
  }
}
