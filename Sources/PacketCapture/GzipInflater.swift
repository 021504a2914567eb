import CZlib

/// The gzip decoder of `CompressedCapture`: zlib's inflate, member after member.
enum GzipInflater {
  /// Inflates `files.input` into `files.output`; returns why it stopped
  /// early, or nil when every member was read. Bytes after the last member
  /// are ignored, as `gzip -d` ignores trailing garbage.
  static func inflate(_ files: DecompressionFiles, stop: () -> Bool) throws(CaptureError) -> String? {
    let chunk = CompressedCapture.chunk
    let inBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
    let outBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
    }
    var stream = z_stream()
    // 15 + 16: a window of up to 32 KiB, gzip framing only.
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw files.failure("cannot start gzip decompression (out of memory)")
    }
    defer { inflateEnd(&stream) }

    var offset = 0  // of the next compressed byte to read
    while true {
      try files.check(stop)
      if stream.avail_in == 0 {
        let n = try files.read(into: inBuffer, chunk, at: offset)
        guard n > 0 else { return "the gzip data is cut short" }
        offset += n
        stream.next_in = inBuffer
        stream.avail_in = UInt32(n)
      }
      stream.next_out = outBuffer
      stream.avail_out = UInt32(chunk)
      let status = CZlib.inflate(&stream, Z_NO_FLUSH)
      try files.write(outBuffer, chunk - Int(stream.avail_out))
      if status == Z_STREAM_END {
        // Another member may follow (`cat a.gz b.gz`); anything else ends the data.
        let next = offset - Int(stream.avail_in)
        var magic: [UInt8] = [0, 0]
        guard try files.read(into: &magic, 2, at: next) == 2, CompressedCapture.Format(head: magic) == .gzip
        else { return nil }
        inflateReset(&stream)
      } else if status != Z_OK && status != Z_BUF_ERROR {
        let detail = stream.msg.map { " (\(String(cString: $0)))" } ?? ""
        return "the gzip data cannot be decompressed after \(stream.total_out) bytes; it may be damaged or corrupt\(detail)"
      }
    }
  }
}
