#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written under a temporary name in its destination's directory
/// and renamed over the destination only once complete and synced, so
/// readers never see half a file and a failed write changes nothing.
public final class AtomicOutput {
  public let path: String
  /// Bytes waiting to be written; encoders append here.
  public var buffer: [UInt8] = []

  private let temporaryPath: String
  private var fd: Int32

  private static let flushThreshold = 1 << 20

  public init(path: String) throws(CaptureError) {
    try checkFileName(path, action: .write)
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    // O_EXCL with a random name: never clobbers anything, and the file gets
    // the usual 0666-minus-umask permissions (mkstemp would force 0600).
    for _ in 0..<64 {
      let candidate = directory + "." + name + ".tmp-" + String(UInt32.random(in: .min ... .max), radix: 36)
      let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if opened >= 0 {
        temporaryPath = candidate
        fd = opened
        buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
        return
      }
      guard errno == EEXIST else {
        throw CaptureError(path: path, reason: "cannot create a temporary file: " + systemErrorReason(errno), action: .write)
      }
    }
    throw CaptureError(path: path, reason: "cannot find a free temporary file name", action: .write)
  }

  func failure(_ reason: String) -> CaptureError {
    CaptureError(path: path, reason: reason, action: .write)
  }

  /// Writes the buffer out once it has grown past a threshold.
  public func flushIfFull() throws(CaptureError) {
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  private func flush() throws(CaptureError) {
    var written = 0
    while written < buffer.count {
      let result = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if result < 0 {
        if errno == EINTR { continue }
        throw failure(systemErrorReason(errno))
      }
      written += result
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the file into place.
  public func commit() throws(CaptureError) {
    try flush()
    guard fsync(fd) == 0 else { throw failure(systemErrorReason(errno)) }
    let closed = close(fd)
    fd = -1
    guard closed == 0 else { throw failure(systemErrorReason(errno)) }
    guard rename(temporaryPath, path) == 0 else { throw failure(systemErrorReason(errno)) }
  }

  /// Removes the temporary file after a failure.
  public func abandon() {
    if fd >= 0 { close(fd) }
    fd = -1
    unlink(temporaryPath)
  }
}
