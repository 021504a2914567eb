/// One call of a streaming decoder (libzstd's, liblz4's frame decoder):
/// how much input it took, how much output it made, and its hint (0 once
/// a frame is whole, else more input is needed); or why it failed.
enum DecoderStep {
  case progress(consumed: Int, produced: Int, hint: Int)
  case failure(String)
}

extension DecompressionFiles {
  /// Feeds `files.input` to a streaming decoder chunk by chunk and writes
  /// what it makes to `files.output`. `step` decodes from the input bytes
  /// given into an output buffer of the given capacity. Returns why it
  /// stopped early, or nil when the last frame ended with the file;
  /// `format` names the data in those reasons.
  func decode(
    format: String, stop: () -> Bool,
    _ step: (_ input: UnsafeRawPointer, _ inputCount: Int, _ output: UnsafeMutableRawPointer, _ outputCapacity: Int)
      -> DecoderStep
  ) throws(CaptureError) -> String? {
    let chunk = CompressedCapture.chunk
    let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
    }
    var offset = 0  // of the next compressed byte to read
    var written = 0
    var hint = 1
    while true {
      try check(stop)
      let n = try read(into: inBuffer, chunk, at: offset)
      guard n > 0 else { return hint == 0 ? nil : "the \(format) data is cut short" }
      offset += n
      var used = 0
      // Drain this input, and the decoder's own buffer while it fills ours.
      var filled = false
      repeat {
        switch step(inBuffer + used, n - used, outBuffer, chunk) {
        case .failure(let reason):
          return "the \(format) data cannot be decompressed after \(written) bytes; it may be damaged or corrupt (\(reason))"
        case .progress(let consumed, let produced, let next):
          hint = next
          used += consumed
          try write(outBuffer, produced)
          written += produced
          filled = produced == chunk
        }
        if filled { try check(stop) }
      } while used < n || filled
    }
  }
}
