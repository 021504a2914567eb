import PacketWire

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

  /// How many lines `lines` finds in `bytes`, counted in place: one for
  /// each end (CR, LF or CRLF), and one more for text after the last.
  static func lineCount(_ bytes: ByteView) -> Int {
    bytes.withUnsafeBytes { raw in
      let count = raw.count
      guard count > 0 else { return 0 }
      var ends = 0
      var i = 0
      while i < count {
        let b = raw[i]
        if b == 0x0a {
          ends &+= 1
        } else if b == 0x0d {
          ends &+= 1
          if i &+ 1 < count, raw[i &+ 1] == 0x0a { i &+= 1 }
        }
        i &+= 1
      }
      let last = raw[count - 1]
      return last == 0x0a || last == 0x0d ? ends : ends + 1
    }
  }
}
