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
public enum HexDump {
  /// The plain dump, byte for byte as `tshark -x` prints one data source
  /// (without the blank line tshark prints after each packet).
  public static func render(_ bytes: ByteView) -> String {
    render(bytes, classes: [], codes: [:], colour: false)
  }

  /// The dump with the bytes of `marked` (absolute offsets) highlighted:
  /// black on yellow with `colour`, else bracketed.
  public static func render(_ bytes: ByteView, marked: [Range<Int>], colour: Bool) -> String {
    var classes = [Int](repeating: 0, count: bytes.count)
    for range in marked {
      for i in range.clamped(to: 0..<bytes.count) { classes[i] = 1 }
    }
    return render(bytes, classes: classes, codes: [1: ANSI.mark], colour: colour)
  }

  /// The packet's dump with each layer's bytes in its layer colour
  /// (`LayerHue`); without `colour`, each layer is bracketed and
  /// neighbouring layers are separated by `|`. Bytes no layer claims
  /// (padding, trailers) stay plain.
  public static func renderLayers(_ d: Dissection, colour: Bool) -> String {
    var classes = [Int](repeating: 0, count: d.packet.count)
    var codes: [Int: String] = [:]
    for (n, layer) in ByteRanges.layers(in: d).enumerated() {
      for i in layer.range.clamped(to: 0..<d.packet.count) { classes[i] = n + 1 }
      codes[n + 1] = ANSI.layerCode(layer.protocolID)
    }
    return render(d.packet, classes: classes, codes: codes, colour: colour)
  }

  /// The printable form of a byte in the ASCII column.
  static func ascii(_ b: UInt8) -> Character {
    b >= 0x20 && b < 0x7f ? Character(Unicode.Scalar(b)) : "."
  }

  /// Digits of the offset column: four, or as many as the last offset needs.
  static func offsetDigits(_ count: Int) -> Int {
    var digits = 4
    while digits < 8 && (count - 1) >> (digits * 4) != 0 { digits += 1 }
    return digits
  }

  /// The dump, where `classes[i]` (0: plain) groups byte `i` with its
  /// neighbours and `codes` gives each class's SGR colour.
  static func render(_ bytes: ByteView, classes: [Int], codes: [Int: String], colour: Bool) -> String {
    let digitsCount = offsetDigits(bytes.count)
    func klass(_ i: Int) -> Int { i < classes.count ? classes[i] : 0 }
    var out = ""
    var row = 0
    while row < bytes.count {
      let end = min(row + 16, bytes.count)
      let offset = String(row, radix: 16)
      out += String(repeating: "0", count: max(0, digitsCount - offset.count)) + offset + " "
      var painter = Painter(colour: colour)
      for i in row...end {
        // The slot before byte i (or after the row's last byte).
        let before = i > row ? klass(i - 1) : 0
        let here = i < end ? klass(i) : 0
        if colour {
          painter.set(before != 0 && before == here ? codes[here] : nil, into: &out)
          out += " "
        } else {
          out += bracket(before: before, here: here)
        }
        guard i < end else { break }
        if colour { painter.set(here != 0 ? codes[here] : nil, into: &out) }
        out += FieldTextHex.byte(bytes.byte(i))
      }
      painter.set(nil, into: &out)
      out += String(repeating: "   ", count: 16 - (end - row)) + "  "
      for i in row..<end {
        if colour { painter.set(klass(i) != 0 ? codes[klass(i)] : nil, into: &out) }
        out.append(ascii(bytes.byte(i)))
      }
      painter.set(nil, into: &out)
      out += "\n"
      row = end
    }
    return out
  }

  /// The character between two bytes in bracket mode.
  private static func bracket(before: Int, here: Int) -> String {
    switch (before, here) {
    case (0, 0): " "
    case (0, _): "["
    case (_, 0): "]"
    case let (a, b) where a == b: " "
    default: "|"
    }
  }

  /// Emits SGR sequences only when the colour changes.
  private struct Painter {
    let colour: Bool
    var current: String?

    init(colour: Bool) { self.colour = colour }

    mutating func set(_ code: String?, into out: inout String) {
      guard colour, code != current else { return }
      out += code.map(ANSI.start) ?? ANSI.reset
      current = code
    }
  }
}

/// Two lowercase hex digits per byte.
enum FieldTextHex {
  private static let digits = Array("0123456789abcdef")
  static func byte(_ b: UInt8) -> String { String([digits[Int(b >> 4)], digits[Int(b & 15)]]) }
}
