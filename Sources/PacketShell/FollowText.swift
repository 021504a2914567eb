import PacketDissection
import PacketWire

/// A followed stream as tshark 4.0's `-z follow,PROTO,MODE,N` prints it:
/// a banner, the filter, the two nodes, then each chunk, the server's
/// (node 1's) indented by a tab, and the banner again. On a terminal each
/// side's chunks are in their own colour (client red, server blue, as
/// Wireshark's follow window shows them).
enum FollowText {
  /// How the chunks' bytes are shown.
  enum Mode: String, CaseIterable {
    /// Each chunk's length, then its bytes, unprintable ones as `.` (CR and LF kept).
    case ascii
    /// Offset, 16 bytes in hex and as text per line; offsets count per side.
    case hex
    /// The bytes as hex digits, one line per chunk.
    case raw
  }

  static let banner = "==================================================================="
  /// SGR colours of the client's and the server's chunks.
  static let colours = ["31", "34"]

  static func append(
    _ stream: FollowedStream, proto: String, index: Int, mode: Mode, colour: Bool, to out: inout ByteWriter
  ) {
    out.append("\n" + banner + "\n")
    out.append("Follow: \(proto),\(mode.rawValue)\n")
    out.append("Filter: \(proto).stream eq \(index)\n")
    for (n, node) in [stream.client, stream.server].enumerated() {
      let address = node.isIPv6 ? "[\(node.address)]" : node.address
      out.append("Node \(n): \(address):\(node.port)\n")
    }
    var offsets = [0, 0]
    for chunk in stream.chunks {
      let side = chunk.fromServer ? 1 : 0
      if colour { out.append("\u{1b}[\(colours[side])m") }
      switch mode {
      case .ascii: appendASCII(chunk, to: &out)
      case .hex: appendHex(chunk, offset: offsets[side], to: &out)
      case .raw: appendRaw(chunk, to: &out)
      }
      if colour { out.append("\u{1b}[0m") }
      offsets[side] += chunk.bytes.count
    }
    out.append(banner + "\n")
  }

  private static func appendASCII(_ chunk: FollowedStream.Chunk, to out: inout ByteWriter) {
    if chunk.fromServer { out.append(9) }
    FieldText.appendDecimal(UInt64(chunk.bytes.count), to: &out)
    out.append(10)
    for b in chunk.bytes {
      out.append(b == 13 || b == 10 || (b >= 0x20 && b < 0x7f) ? b : UInt8(ascii: "."))
    }
    out.append(10)
  }

  private static func appendRaw(_ chunk: FollowedStream.Chunk, to out: inout ByteWriter) {
    if chunk.fromServer { out.append(9) }
    for b in chunk.bytes {
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 15)])
    }
    out.append(10)
  }

  /// Lines of 16 bytes: the side's offset in 8 upper-case hex digits, the
  /// bytes in lower-case hex with a gap after the eighth, then the text
  /// with a space after the eighth character; a space ending the text is
  /// dropped, as tshark drops it.
  private static func appendHex(_ chunk: FollowedStream.Chunk, offset: Int, to out: inout ByteWriter) {
    let bytes = chunk.bytes
    var start = 0
    while start < bytes.count {
      let line = bytes[start..<min(start + 16, bytes.count)]
      if chunk.fromServer { out.append(9) }
      let lineOffset = UInt32(truncatingIfNeeded: offset + start)
      for shift in stride(from: 28, through: 0, by: -4) {
        out.append(upperHexDigits[Int(lineOffset >> UInt32(shift) & 15)])
      }
      out.append("  ")
      for i in 0..<16 {
        if i < line.count {
          let b = line[line.startIndex + i]
          out.append(hexDigits[Int(b >> 4)])
          out.append(hexDigits[Int(b & 15)])
          out.append(32)
        } else {
          out.append("   ")
        }
        if i == 7 { out.append(32) }
      }
      out.append(32)
      var text: [UInt8] = []
      for (i, b) in line.enumerated() {
        text.append(b >= 0x20 && b < 0x7f ? b : UInt8(ascii: "."))
        if i == 7 { text.append(32) }
      }
      if text.last == 32 { text.removeLast() }
      out.append(contentsOf: text)
      out.append(10)
      start += 16
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
  private static let upperHexDigits = Array("0123456789ABCDEF".utf8)
}
