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
    let width = min(max(bytes, 0), 8) * 8
    // One character per bit and a space between groups of four; a group
    // outside the mask (most of them) is four dots at once.
    out.write(upTo: width + width / 4) { p in
      var n = 0
      var group = width / 4
      while group > 0 {
        group -= 1
        if n > 0 {
          p[n] = UInt8(ascii: " ")
          n += 1
        }
        let shift = UInt64(group * 4)
        let m = mask >> shift & 0xf
        if m == 0 {
          (p + n).initialize(repeating: UInt8(ascii: "."), count: 4)
        } else {
          let b = bits >> shift
          for k in 0..<4 {
            let bit: UInt64 = 8 >> UInt64(k)
            p[n + k] = m & bit == 0 ? UInt8(ascii: ".") : b & bit != 0 ? UInt8(ascii: "1") : UInt8(ascii: "0")
          }
        }
        n += 4
      }
      return n
    }
  }
}
