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
    let groups = min(max(bytes, 0), 8) * 2
    // A group is four characters, one word: each byte '.' (0x2e), or
    // '0' or '1' (0x30, 0x31) where the mask has the bit; then a space.
    out.write(upTo: groups * 5) { p in
      var n = 0
      var group = groups
      while group > 0 {
        group -= 1
        let shift = UInt64(group * 4)
        let m = mask >> shift & 0xf
        // Most groups lie outside the mask: four dots.
        let word: UInt32 = m == 0 ? 0x2e2e_2e2e : 0x2e2e_2e2e &+ spread(m) &* 2 &+ spread(bits >> shift & m)
        UnsafeMutableRawPointer(p + n).storeBytes(of: UInt32(littleEndian: word), as: UInt32.self)
        p[n + 4] = UInt8(ascii: " ")
        n += 5
      }
      return max(0, n - 1)
    }
  }

  /// The four bits of `nibble`, most significant first, one to a byte of
  /// the word as it lies in memory (little-endian): the multiplication
  /// puts bit k at bit 8k + k, the mask keeps it at 8k, the swap reverses
  /// the bytes.
  @inline(__always)
  private static func spread(_ nibble: UInt64) -> UInt32 {
    let x = UInt32(truncatingIfNeeded: nibble)
    return ((x &* 0x0020_4081) & 0x0101_0101).byteSwapped
  }
}
