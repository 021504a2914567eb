/// A domain name read from a DNS message (RFC 1035 section 4.1.4), with
/// compression pointers followed, as Wireshark expands it.
struct DNSName {
  /// The name's text: labels joined by dots, or one of Wireshark's
  /// placeholders (`<Root>`, `<Name too long>`, ...).
  var text: [UInt8]
  /// Bytes the name occupies where it was read (up to and including the
  /// first pointer).
  var wireLength: Int

  /// Longest name text kept, as Wireshark's buffer (`MAX_DNAME_LEN`).
  static let maxText = 255
  /// More pointers than this in one name is taken for a loop.
  static let maxPointers = 255

  /// Reads the name at `offset` (relative to the layer); pointers count
  /// from `messageStart`. Throws where Wireshark's expansion throws: a
  /// read past the data, a reserved label type (0x80), or a name that
  /// decodes to nothing although it is longer than one byte.
  static func read(_ c: LayerCursor, at start: Int, messageStart: Int) throws(DissectionStop) -> DNSName {
    var buffer: [UInt8] = []
    /// Length of the text proper; bitstring labels add text but not length.
    var textLength = 0
    var room = maxText
    var offset = start
    var length = -1
    var pointers = 0
    loop: while true {
      let component = Int(try c.uint8(offset))
      offset += 1
      if component == 0 { break }
      switch component & 0xc0 {
      case 0x00:
        if buffer.isEmpty {
          room -= 1
        } else if room > 0 {
          buffer.append(UInt8(ascii: "."))
          textLength += 1
          room -= 1
        }
        for _ in 0..<component {
          // Bytes past the buffer's room are skipped unread.
          if room > 0 {
            buffer.append(try c.uint8(offset))
            textLength += 1
            room -= 1
          }
          offset += 1
        }
      case 0x40:
        guard component & 0x3f == 1 else {
          return DNSName(text: Array("<Unknown extended label>".utf8), wireLength: offset - start)
        }
        // Bitstring label (RFC 2673), shown as \[xHEX/BITS].
        let bits = Int(try c.uint8(offset))
        offset += 1
        var pieces = ["\\[x"]
        for _ in 0..<((bits - 1) / 8 + 1) {
          if room > 0 { pieces.append(FieldText.hexByte(try c.uint8(offset))) }
          offset += 1
        }
        pieces.append("/\(bits)]")
        for piece in pieces where room > 0 {
          let utf8 = Array(piece.utf8)
          if utf8.count <= room {
            buffer += utf8
            room -= utf8.count
          } else {
            room = 0
          }
        }
      case 0x80:
        throw .malformed
      default:
        let target = messageStart + ((component & 0x3f) << 8 | Int(try c.uint8(offset)))
        offset += 1
        pointers += 1
        if length < 0 { length = offset - start }
        // Wireshark's test for a pointer to itself compares with the
        // offset two bytes on; kept for identical results.
        if target == offset + 2 || pointers > maxPointers {
          return DNSName(text: Array("<Name contains a pointer that loops>".utf8), wireLength: length)
        }
        offset = target
      }
    }
    if length < 0 { length = offset - start }
    var text = Array(buffer.prefix(textLength))
    if room <= 0 { text = Array("<Name too long>".utf8) }
    if text.isEmpty && length <= 1 {
      return DNSName(text: Array("<Root>".utf8), wireLength: length)
    }
    if length > 1 && text.isEmpty { throw .malformed }
    return DNSName(text: text, wireLength: length)
  }

  /// Labels: dots plus one, or 0 for a name of at most one byte.
  var labelCount: Int {
    text.count > 1 ? text.reduce(1) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) } : 0
  }
}
