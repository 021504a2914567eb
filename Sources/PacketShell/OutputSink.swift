#if canImport(Glibc)
  import Glibc
#endif

/// Where command output goes: buffered writes to a file descriptor, one
/// system call per 64 KiB rather than per line.
public final class OutputSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  /// Whether the descriptor is a terminal and colour is allowed (NO_COLOR unset).
  public let colour: Bool

  public init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(1 << 16)
    colour = isatty(descriptor) == 1 && getenv("NO_COLOR") == nil
  }

  public func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 16 { flush() }
  }

  public func line(_ text: String) {
    write(text)
    buffer.append(0x0a)
  }

  /// Lets `body` write a line's bytes straight into the buffer, then ends it.
  public func line(_ body: (inout [UInt8]) -> Void) {
    body(&buffer)
    buffer.append(0x0a)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func flush() {
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
