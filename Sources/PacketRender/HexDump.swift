import PacketDissection
import PacketWire

/// Hex dumps in `tshark -x`'s layout: a 4-digit hex offset (more digits
/// for packets past 64 KiB), two spaces, sixteen bytes separated by single
/// spaces, three spaces, and the same bytes as ASCII with `.` for
/// anything not printable.
///
/// Bytes can be singled out: with `colour`, by ANSI colours; without, by
/// brackets in the space before and after each run (`[45 00]`), which keeps
/// every column where tshark has it.
///
/// Each dump is written byte by byte into a `ByteWriter` (`append…`); the
/// `render…` forms return the same text as a String.
public enum HexDump {
  /// The plain dump, byte for byte as `tshark -x` prints one data source
  /// (without the blank line tshark prints after each packet).
  public static func render(_ bytes: ByteView) -> String {
    var out = ByteWriter(capacity: bytes.count * 5 + 80)
    append(bytes, to: &out)
    return out.text
  }

  /// The dump with the bytes of `marked` (absolute offsets) highlighted:
  /// black on yellow with `colour`, else bracketed.
  public static func render(_ bytes: ByteView, marked: [Range<Int>], colour: Bool) -> String {
    var out = ByteWriter(capacity: bytes.count * 5 + 80)
    append(bytes, marked: marked, colour: colour, to: &out)
    return out.text
  }

  /// The packet's dump with each layer's bytes in its layer colour
  /// (`LayerHue`); without `colour`, each layer is bracketed and
  /// neighbouring layers are separated by `|`. Bytes no layer claims
  /// (padding, trailers) stay plain.
  public static func renderLayers(_ d: Dissection, colour: Bool) -> String {
    var out = ByteWriter(capacity: d.capturedCount * 5 + 80)
    appendLayers(d, colour: colour, to: &out)
    return out.text
  }

  /// Writes the plain dump (`render(_:)`) into `out`: all of the
  /// packet's lines in one reservation, each byte's ` xx` as one 4-byte
  /// store from a table (the fourth byte is overwritten by what follows).
  public static func append(_ bytes: ByteView, to out: inout ByteWriter) {
    let count = bytes.count
    guard count > 0, let base = bytes.base else { return }
    let digitsCount = offsetDigits(count)
    // Offset, 16 slots of " xx", two spaces, 16 characters, newline.
    let lineLimit = digitsCount + 1 + 48 + 3 + 16 + 1
    let spaced = spacedHexPairs
    // Within the view: every index read is below `count`, and each line
    // stays inside its `lineLimit` bytes of the reservation.
    let source = base.assumingMemoryBound(to: UInt8.self)
    out.write(upTo: (count + 15) / 16 * lineLimit) { p in
      var q = p
      var row = 0
      while row < count {
        let n = min(16, count &- row)
        let s = source + row
        q += writeOffset(row, digits: digitsCount, to: q)
        q.pointee = space
        q += 1
        if n == 16 {
          for k in 0..<16 { UnsafeMutableRawPointer(q + 3 &* k).storeBytes(of: spaced[Int(s[k])], as: UInt32.self) }
          q += 48
          UnsafeMutableRawPointer(q).storeBytes(of: fourSpaces, as: UInt32.self)
          q += 3
          let raw = UnsafeRawPointer(s)
          UnsafeMutableRawPointer(q).storeBytes(of: printable8(raw.loadUnaligned(as: UInt64.self)), as: UInt64.self)
          UnsafeMutableRawPointer(q + 8).storeBytes(
            of: printable8(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)), as: UInt64.self)
          q += 16
        } else {
          for k in 0..<n { UnsafeMutableRawPointer(q + 3 &* k).storeBytes(of: spaced[Int(s[k])], as: UInt32.self) }
          q += 3 &* n
          let padding = 3 &* (16 &- n) &+ 3
          for k in 0..<padding { q[k] = space }
          q += padding
          for k in 0..<n { q[k] = printable(s[k]) }
          q += n
        }
        q.pointee = newline
        q += 1
        row &+= n
      }
      return q - p
    }
  }

  /// Writes the marked dump (`render(_:marked:colour:)`) into `out`.
  public static func append(_ bytes: ByteView, marked: [Range<Int>], colour: Bool, to out: inout ByteWriter) {
    var classes = [Int](repeating: 0, count: bytes.count)
    for range in marked {
      for i in range.clamped(to: 0..<bytes.count) { classes[i] = 1 }
    }
    append(bytes, classes: classes, codes: [[], Array(ANSI.start(ANSI.mark).utf8)], colour: colour, to: &out)
  }

  /// Writes the layered dump (`renderLayers`) into `out`.
  public static func appendLayers(_ d: Dissection, colour: Bool, to out: inout ByteWriter) {
    var classes = [Int](repeating: 0, count: d.capturedCount)
    var codes: [[UInt8]] = [[]]
    for (n, layer) in ByteRanges.layers(in: d).enumerated() {
      for i in layer.range.clamped(to: 0..<d.capturedCount) { classes[i] = n + 1 }
      codes.append(ANSI.layerCode(layer.protocolID).map { Array(ANSI.start($0).utf8) } ?? [])
    }
    append(d.frameBytes, classes: classes, codes: codes, colour: colour, to: &out)
  }

  /// Digits of the offset column: four, or as many as the last offset needs.
  static func offsetDigits(_ count: Int) -> Int {
    var digits = 4
    while digits < 8 && (count - 1) >> (digits * 4) != 0 { digits += 1 }
    return digits
  }

  private static var space: UInt8 { UInt8(ascii: " ") }
  private static var newline: UInt8 { UInt8(ascii: "\n") }
  private static let reset: [UInt8] = Array(ANSI.reset.utf8)

  /// The byte as the ASCII column shows it: itself if printable, else `.`.
  @inline(__always) private static func printable(_ b: UInt8) -> UInt8 {
    b >= 0x20 && b < 0x7f ? b : UInt8(ascii: ".")
  }

  /// Eight bytes (one word, in memory order) as the ASCII column shows
  /// them, all at once: each byte's top bit, and whether its low seven
  /// reach 0x20 and 0x7f (additions that carry into bit 7 and never past
  /// it), say whether it is printable (`printable`).
  @inline(__always) private static func printable8(_ word: UInt64) -> UInt64 {
    let low = word & 0x7f7f_7f7f_7f7f_7f7f
    let fromSpace = low &+ 0x6060_6060_6060_6060
    let fromDelete = low &+ 0x0101_0101_0101_0101
    let shown = fromSpace & ~fromDelete & ~word & 0x8080_8080_8080_8080
    let kept = (shown &>> 7) &* 0xff
    return (word & kept) | (0x2e2e_2e2e_2e2e_2e2e & ~kept)
  }

  /// Each byte as a space and its two lowercase hex digits, then a space,
  /// in memory order, indexed by the byte. Written once, then only read:
  /// safe to share.
  nonisolated(unsafe) private static let spacedHexPairs: UnsafePointer<UInt32> = {
    let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
    for b in 0..<256 {
      let text = [space, hexDigit(UInt8(b >> 4)), hexDigit(UInt8(b & 15)), space]
      table[b] = text.withUnsafeBytes { $0.load(as: UInt32.self) }
    }
    return UnsafePointer(table)
  }()

  /// Four spaces as one word (the three before the ASCII column, and one
  /// that the column overwrites).
  private static var fourSpaces: UInt32 { 0x2020_2020 }

  /// The lowercase hex digit of `nibble` (0 to 15).
  @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble &+ (nibble < 10 ? UInt8(ascii: "0") : UInt8(ascii: "a") &- 10)
  }

  /// Writes `offset` in `digits` lowercase hex digits at `p`; answers `digits`.
  /// Written from the right, two digits at a time from `spacedHexPairs`
  /// (the middle two bytes of a byte's entry), the first alone when
  /// `digits` is odd.
  @inline(__always) private static func writeOffset(_ offset: Int, digits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var rest = offset
    var k = digits
    while k >= 2 {
      k &-= 2
      let pair = UnsafeRawPointer(spacedHexPairs + (rest & 0xff)).loadUnaligned(fromByteOffset: 1, as: UInt16.self)
      UnsafeMutableRawPointer(p + k).storeBytes(of: pair, as: UInt16.self)
      rest &>>= 8
    }
    if k == 1 { p[0] = hexDigit(UInt8(truncatingIfNeeded: rest) & 15) }
    return digits
  }

  /// The dump, where `classes[i]` (0: plain) groups byte `i` with its
  /// neighbours and `codes[c]` is class c's SGR start sequence (empty: none).
  private static func append(
    _ bytes: ByteView, classes: [Int], codes: [[UInt8]], colour: Bool, to out: inout ByteWriter
  ) {
    let digitsCount = offsetDigits(bytes.count)
    func klass(_ i: Int) -> Int { i < classes.count ? classes[i] : 0 }
    func code(_ c: Int) -> [UInt8]? { c != 0 && !codes[c].isEmpty ? codes[c] : nil }
    var row = 0
    while row < bytes.count {
      let end = min(row + 16, bytes.count)
      out.write(upTo: digitsCount) { writeOffset(row, digits: digitsCount, to: $0) }
      out.append(space)
      var painter = Painter(colour: colour)
      for i in row...end {
        // The slot before byte i (or after the row's last byte).
        let before = i > row ? klass(i - 1) : 0
        let here = i < end ? klass(i) : 0
        if colour {
          painter.set(before != 0 && before == here ? code(here) : nil, into: &out)
          out.append(space)
        } else {
          out.append(bracket(before: before, here: here))
        }
        guard i < end else { break }
        if colour { painter.set(code(here), into: &out) }
        let b = bytes.byte(i)
        out.append(hexDigit(b >> 4))
        out.append(hexDigit(b & 15))
      }
      painter.set(nil, into: &out)
      for _ in 0..<(3 * (16 - (end - row)) + 2) { out.append(space) }
      for i in row..<end {
        if colour { painter.set(code(klass(i)), into: &out) }
        out.append(printable(bytes.byte(i)))
      }
      painter.set(nil, into: &out)
      out.append(newline)
      row = end
    }
  }

  /// The character between two bytes in bracket mode.
  private static func bracket(before: Int, here: Int) -> UInt8 {
    switch (before, here) {
    case (0, 0): space
    case (0, _): UInt8(ascii: "[")
    case (_, 0): UInt8(ascii: "]")
    case let (a, b) where a == b: space
    default: UInt8(ascii: "|")
    }
  }

  /// Emits SGR sequences only when the colour changes.
  private struct Painter {
    let colour: Bool
    var current: [UInt8]?

    init(colour: Bool) { self.colour = colour }

    mutating func set(_ code: [UInt8]?, into out: inout ByteWriter) {
      guard colour, code != current else { return }
      out.append(contentsOf: code ?? HexDump.reset)
      current = code
    }
  }
}
