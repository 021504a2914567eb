/// NetBIOS names as Wireshark writes them: 15 characters with trailing
/// spaces dropped and unprintable bytes as `<xx>`, then the name's type
/// byte as `<xx>` (RFC 1001 section 14).
enum NetBIOSName {
  /// The text of a name read from the message: its first label, 32
  /// letters of "first-level encoding" (two letters `A`–`P` a byte), is
  /// decoded, and any scope after it kept as it was.
  static func decode(_ text: [UInt8]) -> [UInt8] {
    let label = text.prefix { $0 != UInt8(ascii: ".") }
    guard label.count == 32 else { return illegal("Illegal NetBIOS name (\(label.count / 2) bytes long)") }
    var bytes: [UInt8] = []
    var i = label.startIndex
    while i < label.endIndex {
      let high = label[i] &- UInt8(ascii: "A")
      let low = label[i + 1] &- UInt8(ascii: "A")
      guard high < 16, low < 16 else {
        return illegal("Illegal NetBIOS name (character not between A and Z in first-level encoding)")
      }
      bytes.append(high << 4 | low)
      i += 2
    }
    var out = listed(Array(bytes.prefix(15)))
    out += Array("<\(FieldText.hexByte(bytes[15]))>".utf8)
    out += text.dropFirst(32)
    return out
  }

  /// The first 15 bytes of a name: unprintable bytes as `<xx>`, trailing
  /// spaces dropped.
  static func listed(_ bytes: [UInt8]) -> [UInt8] {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
    var out: [UInt8] = []
    for byte in bytes.prefix(end) {
      if byte >= 0x20 && byte < 0x7f {
        out.append(byte)
      } else {
        out += Array("<\(FieldText.hexByte(byte))>".utf8)
      }
    }
    return out
  }

  /// Wireshark writes its complaint into the 16-byte name buffer, so only
  /// its first 15 characters remain.
  private static func illegal(_ message: String) -> [UInt8] { Array(message.utf8.prefix(15)) }
}
