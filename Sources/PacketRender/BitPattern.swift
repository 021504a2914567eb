/// Wireshark's picture of a masked field's bits inside its container
/// integer: one character per bit, most significant first, `0`/`1` for the
/// field's bits and `.` for the others, in groups of four:
/// `.... 0101` for a header length of 5 in the low nibble.
enum BitPattern {
  /// `bits` holds the field's bits in place; `mask` selects them in a
  /// container of `bytes` bytes.
  static func text(bits: UInt64, mask: UInt64, bytes: Int) -> String {
    let width = bytes * 8
    var out = ""
    for bit in stride(from: width - 1, through: 0, by: -1) {
      if bit != width - 1 && (bit + 1) % 4 == 0 { out += " " }
      let m: UInt64 = 1 << UInt64(bit)
      out += mask & m == 0 ? "." : bits & m != 0 ? "1" : "0"
    }
    return out
  }
}
