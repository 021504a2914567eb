import CLZ4

/// The LZ4 decoder of `CompressedCapture`: liblz4's frame format (what the
/// `lz4` tool writes), frame after frame.
enum LZ4Decompressor {
  /// Decompresses `files.input` into `files.output`; returns why it
  /// stopped early, or nil when the last frame ended with the file.
  static func decompress(_ files: DecompressionFiles, stop: () -> Bool) throws(CaptureError) -> String? {
    var context: OpaquePointer?
    guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else {
      throw files.failure("cannot start lz4 decompression (out of memory)")
    }
    defer { LZ4F_freeDecompressionContext(context) }
    return try files.decode(format: "lz4", stop: stop) { input, inputCount, output, capacity in
      var inSize = inputCount
      var outSize = capacity
      let hint = LZ4F_decompress(context, output, &outSize, input, &inSize, nil)
      guard LZ4F_isError(hint) == 0 else { return .failure(String(cString: LZ4F_getErrorName(hint))) }
      return .progress(consumed: inSize, produced: outSize, hint: hint)
    }
  }
}
