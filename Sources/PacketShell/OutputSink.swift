#if canImport(Glibc)
  import Glibc
#endif

import PacketWire

/// Where command output goes: buffered writes to a file descriptor, one
/// system call per 64 KiB rather than per line.
///
/// A write that fails (a full disk, a closed descriptor) is remembered in
/// `failure` and everything after it is dropped; the session reports it.
///
/// The buffer skips run-time exclusivity checks: every line of output
/// appends to it, from one thread.
public final class OutputSink {
  /// Why output could not be written.
  public enum Failure: Equatable {
    /// The reader went away (EPIPE): the end a pipe into `head` expects,
    /// reported by no message.
    case readerGone
    /// Any other failure, with its reason.
    case failed(String)
  }

  private let descriptor: Int32
  /// Set for a standard descriptor that was closed when pktsh started:
  /// what now holds its number (/dev/null) never gets the output.
  private let closedAtStart: Bool
  @exclusivity(unchecked) private var buffer = ByteWriter(capacity: 1 << 17)
  /// Whether the descriptor is a terminal and colour is allowed (NO_COLOR unset).
  public let colour: Bool
  /// Whether the descriptor is a terminal: tables get headers and aligned columns.
  public let isTerminal: Bool
  /// Why a write failed, since the last `clearFailure`.
  @exclusivity(unchecked) public private(set) var failure: Failure?

  /// `closedAtStart` marks a descriptor that was not open when the
  /// process started (see `StandardDescriptors`): writing to it fails.
  public init(descriptor: Int32, closedAtStart: Bool = false) {
    self.descriptor = descriptor
    self.closedAtStart = closedAtStart
    isTerminal = !closedAtStart && isatty(descriptor) == 1
    colour = isTerminal && getenv("NO_COLOR") == nil
    if !closedAtStart { Self.widenPipe(descriptor) }
  }

  /// Gives a pipe `widePipe` bytes of room (when it has less and the
  /// system allows it), so that a view's output is not handed over in
  /// 64 KiB turns: with Linux's default room, every flush waits for the
  /// reader to take the one before, and a busy machine makes each wait long.
  private static func widenPipe(_ descriptor: Int32) {
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return }
    let current = fcntl(descriptor, getPipeSize)
    guard current >= 0, current < widePipe else { return }
    _ = fcntl(descriptor, setPipeSize, widePipe)
  }

  /// Room asked for a pipe: Linux's limit for unprivileged processes
  /// (`/proc/sys/fs/pipe-max-size`) by default.
  private static let widePipe: Int32 = 1 << 20
  /// `F_SETPIPE_SZ` and `F_GETPIPE_SZ` (Linux), which Glibc's module does not export.
  private static let setPipeSize: Int32 = 1031
  private static let getPipeSize: Int32 = 1032

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func line(_ text: String) {
    write(text)
    buffer.append(0x0a)
  }

  /// Lets `body` write bytes straight into the buffer.
  public func write(_ body: (inout ByteWriter) -> Void) {
    body(&buffer)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Lets `body` write a line's bytes straight into the buffer, then ends it.
  public func line(_ body: (inout ByteWriter) -> Void) {
    body(&buffer)
    buffer.append(0x0a)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func flush() {
    defer { buffer.removeAll() }
    guard failure == nil, buffer.count > 0 else { return }
    if closedAtStart {
      failure = .failed("standard output is closed")
      return
    }
    buffer.withBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if n > 0 {
          offset += n
          continue
        }
        let code = n < 0 ? errno : EIO
        switch code {
        case EINTR: continue
        case EAGAIN: waitUntilWritable()
        case EPIPE:
          failure = .readerGone
          return
        default:
          failure = .failed(String(cString: strerror(code)).lowercased())
          return
        }
      }
    }
  }

  /// Forgets an earlier failure, so the next command tries again (at the
  /// interactive prompt, one failed command does not silence the rest).
  public func clearFailure() { failure = nil }

  /// Blocks until a non-blocking descriptor can take more bytes.
  private func waitUntilWritable() {
    var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
    _ = poll(&request, 1, -1)
  }
}
