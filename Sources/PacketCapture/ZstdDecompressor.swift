import CZstd

/// The zstd decoder of `CompressedCapture`: libzstd's streaming
/// decompression, which reads concatenated and skippable frames in turn.
enum ZstdDecompressor {
  /// Decompresses `files.input` into `files.output`; returns why it
  /// stopped early, or nil when the last frame ended with the file.
  static func decompress(_ files: DecompressionFiles, stop: () -> Bool) throws(CaptureError) -> String? {
    guard let context = ZSTD_createDCtx() else { throw files.failure("cannot start zstd decompression (out of memory)") }
    defer { ZSTD_freeDCtx(context) }
    return try files.decode(format: "zstd", stop: stop) { input, inputCount, output, capacity in
      var source = ZSTD_inBuffer(src: input, size: inputCount, pos: 0)
      var destination = ZSTD_outBuffer(dst: output, size: capacity, pos: 0)
      let hint = ZSTD_decompressStream(context, &destination, &source)
      guard ZSTD_isError(hint) == 0 else { return .failure(String(cString: ZSTD_getErrorName(hint))) }
      return .progress(consumed: source.pos, produced: destination.pos, hint: hint)
    }
  }
}
