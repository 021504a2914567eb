import PacketWire

/// Wireshark's picture of a masked field's bits inside its container
/// integer: one character per bit, most significant first, `0`/`1` for the
/// field's bits and `.` for the others, in groups of four:
/// `.... 0101` for a header length of 5 in the low nibble.
enum BitPattern {
  /// `bits` holds the field's bits in place; `mask` selects them in a
  /// container of `bytes` bytes.
  static func text(bits: UInt64, mask: UInt64, bytes: Int) -> String {
    var out = ByteWriter(capacity: 80)
    append(bits: bits, mask: mask, bytes: bytes, to: &out)
    return out.text
  }

  /// Writes `text(bits:mask:bytes:)` into `out`.
  static func append(bits: UInt64, mask: UInt64, bytes: Int, to out: inout ByteWriter) {
    let width = bytes * 8
    // One character per bit and a space between groups of four.
    out.write(upTo: width + width / 4) { p in
      var n = 0
      for bit in stride(from: width - 1, through: 0, by: -1) {
        if bit != width - 1 && (bit + 1) % 4 == 0 {
          p[n] = UInt8(ascii: " ")
          n += 1
        }
        let m: UInt64 = 1 << UInt64(bit)
        p[n] = mask & m == 0 ? UInt8(ascii: ".") : bits & m != 0 ? UInt8(ascii: "1") : UInt8(ascii: "0")
        n += 1
      }
      return n
    }
  }
}
