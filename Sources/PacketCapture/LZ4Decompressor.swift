import CLZ4

/// The LZ4 decoder of `CompressedCapture`: liblz4's frame format (what the
/// `lz4` tool writes), frame after frame.
enum LZ4Decompressor {
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
    var context: OpaquePointer?
    guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else {
      throw files.failure("cannot start lz4 decompression (out of memory)")
    }
    defer { LZ4F_freeDecompressionContext(context) }

    var offset = 0  // of the next compressed byte to read
    var written = 0
    // What the last call said: 0 once a frame is whole, else more is needed.
    var hint = 1
    while true {
      try files.check(stop)
      let n = try files.read(into: inBuffer, chunk, at: offset)
      guard n > 0 else { return hint == 0 ? nil : "the lz4 data is cut short" }
      offset += n
      var used = 0
      // Drain this input, and the decoder's own buffer while it fills ours.
      var filled = false
      repeat {
        var outSize = chunk
        var inSize = n - used
        hint = LZ4F_decompress(context, outBuffer, &outSize, inBuffer + used, &inSize, nil)
        if LZ4F_isError(hint) != 0 {
          let reason = String(cString: LZ4F_getErrorName(hint))
          return "the lz4 data cannot be decompressed after \(written) bytes; it may be damaged or corrupt (\(reason))"
        }
        used += inSize
        try files.write(outBuffer, outSize)
        written += outSize
        filled = outSize == chunk
        if filled { try files.check(stop) }
      } while used < n || filled
    }
  }
}
