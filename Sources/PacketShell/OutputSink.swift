#if canImport(Glibc)
  import Glibc
#endif

import PacketWire

/// Where command output goes: buffered writes to a file descriptor, one
/// system call per 64 KiB rather than per line.
public final class OutputSink {
  private let descriptor: Int32
  private var buffer = ByteWriter(capacity: 1 << 17)
  /// Whether the descriptor is a terminal and colour is allowed (NO_COLOR unset).
  public let colour: Bool

  public init(descriptor: Int32) {
    self.descriptor = descriptor
    colour = isatty(descriptor) == 1 && getenv("NO_COLOR") == nil
  }

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func line(_ text: String) {
    write(text)
    buffer.append(0x0a)
  }

  /// Lets `body` write a line's bytes straight into the buffer, then ends it.
  public func line(_ body: (inout ByteWriter) -> Void) {
    body(&buffer)
    buffer.append(0x0a)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func flush() {
    buffer.withBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
    buffer.removeAll()
  }
}
