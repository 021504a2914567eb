/// Text that a protocol hands on as lines (Wireshark's `data-text-lines`,
/// "Line-based text data"): a text body HTTP hands on by its Content-Type
/// (`text/html`, `text/plain`, …), an SMTP message's DATA fragments. It has
/// no fields; the tree shows each line.
enum DataTextLines: UInt8, ProtocolModule {
  case item

  static var protocolID: ProtocolID { .dataTextLines }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("data-text-lines", "Line-based text data")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }

  /// The lines of `bytes` as Wireshark's `tvb_find_line_end` finds them:
  /// each ends at CR, LF or CRLF (the end included in `next`), the last at
  /// the end of the bytes.
  static func lines(_ bytes: [UInt8]) -> [(start: Int, length: Int, next: Int)] {
    var out: [(Int, Int, Int)] = []
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != 0x0d, bytes[end] != 0x0a { end += 1 }
      var next = end
      if end < bytes.count {
        next = end + 1
        if bytes[end] == 0x0d, next < bytes.count, bytes[next] == 0x0a { next += 1 }
      }
      out.append((start, end - start, next))
      start = next
    }
    return out
  }
}
