#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PacketWire

/// A capture file open for reading with `pread`.
///
/// Bytes are copied out of the page cache rather than read through a
/// mapping: a mapping raises SIGBUS when another program shrinks the file
/// (as `tcpdump -w` restarting on the same file does), where `pread`
/// answers a short count that becomes a `CaptureError`.
///
/// A compressed file (gzip, zstd, lz4) is read through its decompressed
/// copy (see `CompressedCapture`); `damage` then says why decompression
/// stopped early.
final class CaptureSource {
  let path: String
  /// The size when the file was opened (decompressed); readers never look past it.
  let size: Int
  /// Why a compressed file's data ended before its end (cut short,
  /// corrupt); the bytes before that are readable.
  let damage: String?
  private let descriptor: Int32

  init(path: String, stop: () -> Bool) throws(CaptureError) {
    func failure(_ reason: String) -> CaptureError { CaptureError(path: path, reason: reason) }
    try checkFileName(path, action: .read)

    // stat before open: opening a FIFO for reading would block.
    var info = stat()
    guard stat(path, &info) == 0 else { throw failure(systemErrorReason(errno)) }
    try Self.checkRegular(info, failure)

    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw failure(systemErrorReason(errno)) }
    // The descriptor a failure closes: the file's, then the decompressed copy's.
    // Each is closed once: another thread may be given a closed number at once.
    var opened = fd
    var keep = false
    defer { if !keep { close(opened) } }
    guard fstat(fd, &info) == 0 else { throw failure(systemErrorReason(errno)) }
    try Self.checkRegular(info, failure)
    guard info.st_size > 0 else { throw failure("empty file") }
    var head: [UInt8] = [0, 0, 0, 0]
    var damage: String?
    if pread(fd, &head, 4, 0) >= 2, let format = CompressedCapture.Format(head: head) {
      let decompressed = try CompressedCapture.decompress(fd, as: format, path: path, stop: stop)
      close(fd)
      (opened, damage) = decompressed
      guard fstat(opened, &info) == 0 else { throw failure(systemErrorReason(errno)) }
      guard info.st_size > 0 else { throw failure(damage ?? "the \(format.name) data holds no bytes") }
    }
    guard let size = Int(exactly: info.st_size) else { throw failure("file is too large") }
    self.path = path
    self.size = size
    self.damage = damage
    self.descriptor = opened
    keep = true
  }

  private static func checkRegular(
    _ info: stat, _ failure: (String) -> CaptureError
  ) throws(CaptureError) {
    switch info.st_mode & S_IFMT {
    case S_IFREG: return
    case S_IFDIR: throw failure("is a directory")
    default: throw failure("not a regular file")
    }
  }

  deinit { close(descriptor) }

  /// Hints that the file will be read front to back (more read-ahead).
  func adviseSequential() {
    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
  }

  /// Reads up to `count` bytes at `offset` into `buffer` and answers how
  /// many it read: `count`, or fewer only where the file ends. At least
  /// `needed` bytes must arrive, or the file shrank since it was opened.
  func read(
    into buffer: UnsafeMutableRawPointer, count: Int, needed: Int, at offset: Int
  ) throws(CaptureError) -> Int {
    guard offset >= 0, needed >= 0, needed <= count, offset <= size, needed <= size - offset else {
      throw CaptureError(path: path, reason: "a read at offset \(offset) lies past the end of the file (\(size) bytes)")
    }
    var done = 0
    while done < count {
      let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw CaptureError(path: path, reason: systemErrorReason(errno))
      }
      if n == 0 { break }
      done += n
    }
    guard done >= needed else { throw shrank() }
    return done
  }

  /// Up to the first `count` bytes of the file (fewer in a shorter file).
  func prefix(_ count: Int) throws(CaptureError) -> [UInt8] {
    let wanted = min(count, size)
    var bytes = [UInt8](repeating: 0, count: wanted)
    var failure: CaptureError?
    bytes.withUnsafeMutableBytes { raw in
      do throws(CaptureError) {
        _ = try read(into: raw.baseAddress!, count: wanted, needed: wanted, at: 0)
      } catch { failure = error }
    }
    if let failure { throw failure }
    return bytes
  }

  /// Why a read came up short: the file is smaller than when it opened.
  private func shrank() -> CaptureError {
    var info = stat()
    let now = fstat(descriptor, &info) == 0 ? "now \(info.st_size)" : "now unknown"
    return CaptureError(path: path, reason: "the file shrank while it was open (was \(size) bytes, \(now))")
  }
}

/// Refuses a file name that holds a NUL byte: the system would read it
/// only up to the NUL and open another file (`out\x00.pcapng` as `out`).
func checkFileName(_ path: String, action: CaptureError.Action) throws(CaptureError) {
  guard !path.utf8.contains(0) else {
    throw CaptureError(path: path, reason: "a file name cannot contain a NUL byte", action: action)
  }
}

/// Reads a front-to-back walk's bytes with `pread` into one reused
/// buffer, a few MiB at a time: copying from the page cache in large
/// blocks is fast, and the buffer is all that stays resident however
/// large the file. A request larger than a block grows the buffer.
/// In a file of more than two blocks, a `ReadAhead` thread reads the next
/// block into a second buffer while the walk reads this one; the next
/// block starts `overlap` bytes before this one ends, so that a packet
/// across the boundary is whole in it.
struct BlockReader {
  private let file: CaptureSource
  private var buffer: UnsafeMutableRawPointer
  private var capacity: Int
  /// The file offsets the buffer holds.
  private var start = 0
  private var end = 0
  /// The read-ahead thread and the buffer it reads into; `reading` while
  /// it may be writing there.
  private let ahead: ReadAhead?
  private var spare: UnsafeMutableRawPointer?
  private var spareCapacity = 0
  private var reading = false

  static let blockSize = 4 << 20
  /// Room for a pcap record with a 256 KiB snapshot length and its header.
  static let overlap = 256 << 10 + 64

  /// The size of the file when it was opened.
  var fileSize: Int { file.size }

  init(_ file: CaptureSource) {
    self.file = file
    capacity = Self.blockSize
    buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    ahead = file.size > 2 * Self.blockSize ? ReadAhead(file) : nil
    if ahead != nil {
      spareCapacity = Self.blockSize
      spare = UnsafeMutableRawPointer.allocate(byteCount: spareCapacity, alignment: 16)
    }
  }

  /// The `count` bytes at file offset `offset`, valid until the next call.
  @inline(__always)
  mutating func bytes(at offset: Int, count: Int) throws(CaptureError) -> ByteView {
    if offset < start || count > end - offset { try load(offset, count) }
    return ByteView(base: UnsafeRawPointer(buffer) + (offset - start), count: count)
  }

  private mutating func load(_ offset: Int, _ count: Int) throws(CaptureError) {
    (start, end) = (0, 0)
    if reading, let ahead, let spare {
      reading = false
      if let read = ahead.wait(), offset >= read.offset, count <= read.offset + read.count - offset {
        (buffer, self.spare) = (spare, buffer)
        (capacity, spareCapacity) = (spareCapacity, capacity)
        (start, end) = (read.offset, read.offset + read.count)
        readAhead()
        return
      }
    }
    if count > capacity {
      buffer.deallocate()
      capacity = count
      buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }
    let wanted = min(capacity, max(0, file.size - offset))
    let n = try file.read(into: buffer, count: wanted, needed: count, at: offset)
    (start, end) = (offset, offset + n)
    readAhead()
  }

  /// Starts reading the block after the buffer's, if the file goes on.
  private mutating func readAhead() {
    guard let ahead, let spare, end < file.size else { return }
    let from = max(start, end - Self.overlap)
    ahead.start(into: spare, count: min(spareCapacity, file.size - from), at: from)
    reading = true
  }

  func close() {
    ahead?.finish()
    buffer.deallocate()
    spare?.deallocate()
  }
}
