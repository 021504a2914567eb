#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PacketWire

/// A whole file mapped read-only into memory (`mmap`, `MAP_PRIVATE`).
///
/// Packets are read straight from the mapping, so nothing is copied and
/// the kernel pages bytes in on demand. If another program shrinks the file
/// while it is mapped, touching the lost pages raises SIGBUS; capture files
/// are not expected to change under a reader.
final class MappedFile {
  let base: UnsafeRawPointer
  let size: Int
  /// Kept open for `pread` by front-to-back walks (`BlockReader`).
  let descriptor: Int32

  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Where `IndexingScan` leaves the bytes its read-ahead loaded, so the
  /// optimizer cannot drop those loads. Written only while indexing.
  var readAheadSink: UInt8 = 0

  init(path: String) throws(CaptureError) {
    func failure(_ reason: String) -> CaptureError { CaptureError(path: path, reason: reason) }

    // stat before open: opening a FIFO for reading would block.
    var info = stat()
    guard stat(path, &info) == 0 else { throw failure(systemErrorReason(errno)) }
    try Self.checkRegular(info, failure)

    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw failure(systemErrorReason(errno)) }
    var keep = false
    defer { if !keep { close(fd) } }
    guard fstat(fd, &info) == 0 else { throw failure(systemErrorReason(errno)) }
    try Self.checkRegular(info, failure)
    guard info.st_size > 0 else { throw failure("empty file") }
    guard let size = Int(exactly: info.st_size) else { throw failure("file is too large to map") }

    let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapping, mapping != MAP_FAILED else {
      throw failure("cannot map the file: " + systemErrorReason(errno))
    }
    self.base = UnsafeRawPointer(mapping)
    self.size = size
    self.descriptor = fd
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

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: base), size)
    close(descriptor)
  }

  var bytes: ByteView { ByteView(base: base, count: size) }

  /// Hints that the file will be read front to back (more read-ahead).
  func adviseSequential() {
    madvise(UnsafeMutableRawPointer(mutating: base), size, MADV_SEQUENTIAL)
  }

  /// Drops the resident pages that lie wholly inside `range`. The bytes
  /// stay readable: touching them again pages them back in from the file.
  func release(_ range: Range<Int>) {
    let page = Self.pageSize
    let start = (max(0, range.lowerBound) + page - 1) / page * page
    let end = min(size, range.upperBound) / page * page
    guard end > start else { return }
    madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
  }
}

/// Releases mapped pages behind a front-to-back walk, a few MiB at a time,
/// so a walk over a huge file keeps only a small window resident.
struct PageReleaser {
  let file: MappedFile
  private var releasedUpTo = 0

  /// How far the walk moves between two releases.
  static let step = 4 << 20

  /// Releases from file offset `start` on (rounded down to a page).
  init(_ file: MappedFile, from start: Int = 0) {
    self.file = file
    releasedUpTo = start / MappedFile.pageSize * MappedFile.pageSize
  }

  /// Says the walk no longer needs bytes before `offset`.
  mutating func passed(_ offset: Int) {
    guard offset - releasedUpTo >= Self.step else { return }
    file.release(releasedUpTo..<offset)
    releasedUpTo = offset / MappedFile.pageSize * MappedFile.pageSize
  }
}

/// Reads a front-to-back walk's packets with `pread` into one reused
/// buffer, a few MiB at a time. Copying from the page cache in large
/// blocks is faster than faulting the mapping in page by page, and the
/// buffer is all that stays resident. Falls back to the mapping for a
/// packet it cannot read (a file shrunk under the reader).
struct BlockReader {
  private let file: MappedFile
  private let buffer: UnsafeMutableRawPointer
  private let capacity: Int
  private var start = 0
  private var end = 0

  static let blockSize = 4 << 20

  init(_ file: MappedFile) {
    self.file = file
    capacity = max(Self.blockSize, 1 << 18)
    buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
  }

  /// The `count` bytes at file offset `offset`, valid until the next call.
  mutating func bytes(at offset: Int, count: Int) -> ByteView {
    if offset < start || offset + count > end {
      guard count <= capacity else { return ByteView(base: file.base + offset, count: count) }
      let n = pread(file.descriptor, buffer, min(capacity, file.size - offset), off_t(offset))
      guard n >= count else {
        (start, end) = (0, 0)
        return ByteView(base: file.base + offset, count: count)
      }
      (start, end) = (offset, offset + n)
    }
    return ByteView(base: UnsafeRawPointer(buffer) + (offset - start), count: count)
  }

  func close() { buffer.deallocate() }
}
