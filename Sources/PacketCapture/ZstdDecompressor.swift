import CZstd

/// The zstd decoder of `CompressedCapture`: libzstd's streaming
/// decompression, which reads concatenated and skippable frames in turn.
enum ZstdDecompressor {
  /// Decompresses `files.input` into `files.output`; returns why it
  /// stopped early, or nil when the last frame ended with the file.
  static func decompress(_ files: DecompressionFiles, stop: () -> Bool) throws(CaptureError) -> String? {
    let chunk = CompressedCapture.chunk
    let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
    }
    guard let context = ZSTD_createDCtx() else { throw files.failure("cannot start zstd decompression (out of memory)") }
    defer { ZSTD_freeDCtx(context) }

    var offset = 0  // of the next compressed byte to read
    var written = 0
    // What the last call said: 0 once a frame is whole, else more is needed.
    var hint = 1
    while true {
      try files.check(stop)
      let n = try files.read(into: inBuffer, chunk, at: offset)
      guard n > 0 else { return hint == 0 ? nil : "the zstd data is cut short" }
      offset += n
      var input = ZSTD_inBuffer(src: inBuffer, size: n, pos: 0)
      // Drain this input, and the decoder's own buffer while it fills ours.
      var filled = false
      repeat {
        var output = ZSTD_outBuffer(dst: outBuffer, size: chunk, pos: 0)
        hint = ZSTD_decompressStream(context, &output, &input)
        if ZSTD_isError(hint) != 0 {
          let reason = String(cString: ZSTD_getErrorName(hint))
          return "the zstd data cannot be decompressed after \(written) bytes; it may be damaged or corrupt (\(reason))"
        }
        try files.write(outBuffer, output.pos)
        written += output.pos
        filled = output.pos == chunk
        if filled { try files.check(stop) }
      } while input.pos < input.size || filled
    }
  }
}
