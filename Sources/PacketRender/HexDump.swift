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

  /// Writes the plain dump (`render(_:)`) into `out`.
  public static func append(_ bytes: ByteView, to out: inout ByteWriter) {
    let digitsCount = offsetDigits(bytes.count)
    let pairs = hexPairs
    var row = 0
    while row < bytes.count {
      let end = min(row + 16, bytes.count)
      // Offset, 16 slots of " xx", two spaces, 16 characters, newline.
      out.write(upTo: digitsCount + 1 + 48 + 3 + 16 + 1) { p in
        var q = p + writeOffset(row, digits: digitsCount, to: p)
        q.pointee = space
        q += 1
        // Within the view: `row..<end` lies inside `bytes`, and `q` stays
        // inside the bytes reserved above.
        let source = bytes.base!.assumingMemoryBound(to: UInt8.self)
        for i in row..<end {
          q.pointee = space
          UnsafeMutableRawPointer(q + 1).storeBytes(of: pairs[Int(source[i])], as: UInt16.self)
          q += 3
        }
        let padding = 3 &* (16 &- (end &- row)) &+ 3
        q.initialize(repeating: space, count: padding)
        q += padding
        for i in row..<end {
          q.pointee = printable(source[i])
          q += 1
        }
        q.pointee = newline
        return q + 1 - p
      }
      row = end
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

  /// Each byte's two lowercase hex digits, in memory order, indexed by the
  /// byte. Written once, then only read: safe to share.
  nonisolated(unsafe) private static let hexPairs: UnsafePointer<UInt16> = {
    let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
    for b in 0..<256 {
      let digits = [hexDigit(UInt8(b >> 4)), hexDigit(UInt8(b & 15))]
      table[b] = digits.withUnsafeBytes { $0.load(as: UInt16.self) }
    }
    return UnsafePointer(table)
  }()

  /// The lowercase hex digit of `nibble` (0 to 15).
  @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble &+ (nibble < 10 ? UInt8(ascii: "0") : UInt8(ascii: "a") &- 10)
  }

  /// Writes `offset` in `digits` lowercase hex digits at `p`; answers `digits`.
  @inline(__always) private static func writeOffset(_ offset: Int, digits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    for k in 0..<digits { p[k] = hexDigit(UInt8(truncatingIfNeeded: offset >> (4 * (digits - 1 - k))) & 15) }
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
