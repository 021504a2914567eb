import CZlib

/// Content-encoded HTTP bodies (RFC 9110 section 8.4) inflated as tshark
/// 4.0 inflates them by default (`http.decompress_body`): gzip and deflate
/// (and their `x-` names), with zlib. What comes out is the body that
/// `http.file_data` shows and the media type's reader dissects.
extension HTTP {
  /// An inflated body is cut here, however far its compressed bytes would go.
  static let maximumInflated = 16 << 20

  /// Whether tshark inflates bodies of this Content-Encoding.
  static func inflates(_ encoding: [UInt8]) -> Bool {
    ["gzip", "deflate", "x-gzip", "x-deflate"].contains { equalsIgnoringCase(encoding, $0) }
  }

  /// The body inflated as Wireshark's `tvb_uncompress` does: a zlib or
  /// gzip stream, or, when that fails before any byte came out, raw
  /// deflate (servers that send deflate without its header). A stream cut
  /// short gives what came out of it; nil when nothing did.
  static func inflated(_ body: [UInt8]) -> [UInt8]? {
    // 15 + 32: a window of up to 32 KiB, zlib or gzip framing found by the header.
    switch inflate(body, windowBits: 15 + 32) {
    case .some(let out): return out
    case .none: return inflate(body, windowBits: -15) ?? nil
    }
  }

  /// Inflates `body` with the given framing: nil when the data is bad
  /// before any output, .some(nil) when it ends with no output, else the
  /// bytes that came out (up to `maximumInflated`).
  private static func inflate(_ body: [UInt8], windowBits: Int32) -> [UInt8]?? {
    guard !body.isEmpty else { return .some(nil) }
    var stream = z_stream()
    guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return .some(nil)
    }
    defer { inflateEnd(&stream) }
    let chunk = 64 * 1024
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    var input = body
    return input.withUnsafeMutableBufferPointer { source -> [UInt8]?? in
      stream.next_in = source.baseAddress
      stream.avail_in = UInt32(source.count)
      while out.count < maximumInflated {
        let status = buffer.withUnsafeMutableBufferPointer { target -> Int32 in
          stream.next_out = target.baseAddress
          stream.avail_out = UInt32(chunk)
          return CZlib.inflate(&stream, Z_SYNC_FLUSH)
        }
        let produced = chunk - Int(stream.avail_out)
        if status == Z_OK || status == Z_STREAM_END {
          out += buffer.prefix(min(produced, maximumInflated - out.count))
          if status == Z_STREAM_END { break }
          continue
        }
        if status == Z_DATA_ERROR, out.isEmpty { return nil }
        // The stream is cut short (or damaged after some output): keep what came out.
        break
      }
      return .some(out.isEmpty ? nil : out)
    }
  }
}
