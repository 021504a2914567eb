#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Compressed captures (`x.pcap.gz`, `x.pcapng.zst`, `x.pcap.lz4`), told
/// apart by their first bytes, not their names. tshark 4.0 reads gzip;
/// Wireshark 4.2 and later read zstd and LZ4 too.
///
/// The file is decompressed once, when it opens, a MiB at a time into an
/// unnamed temporary file in `$TMPDIR` (or /tmp), unlinked as soon as it is
/// made, so nothing is left behind however pktsh ends. Readers then read
/// that file with `pread` as they read any capture. The trade-off: opening
/// costs a pass over the whole file before the first packet, and the
/// decompressed bytes take room in the temporary directory (on disk, or in
/// memory where /tmp is tmpfs) while the capture is loaded; memory itself
/// stays at two 1 MiB buffers (and the decoder's window). Concatenated
/// members or frames are read in turn, as `gzip -d`, `zstd -d` and `lz4 -d`
/// read them.
enum CompressedCapture {
  enum Format {
    case gzip, zstd, lz4

    /// The format whose magic number `head` (the file's first four bytes) starts with.
    init?(head: [UInt8]) {
      if head.starts(with: [0x1f, 0x8b]) {
        self = .gzip
      } else if head.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) {
        self = .zstd
      } else if head.starts(with: [0x04, 0x22, 0x4d, 0x18]) {
        self = .lz4
      } else {
        return nil
      }
    }

    /// As messages name it (`the zstd data is cut short`).
    var name: String {
      switch self {
      case .gzip: "gzip"
      case .zstd: "zstd"
      case .lz4: "lz4"
      }
    }
  }

  /// The size of the compressed reads and decompressed writes.
  static let chunk = 1 << 20

  /// Decompresses the file open as `input` into a new unlinked temporary
  /// file. Returns that file's descriptor, and why decompressing stopped
  /// early (data cut short or corrupt) or nil when all of it was read: the
  /// bytes before the damage are kept, as a pcap cut short keeps its
  /// packets. Throws when the temporary file cannot be made or written, or
  /// when `stop` (asked before each MiB) answers true.
  static func decompress(
    _ input: Int32, as format: Format, path: String, stop: () -> Bool
  ) throws(CaptureError) -> (descriptor: Int32, problem: String?) {
    let files = DecompressionFiles(input: input, output: try temporaryFile(path), path: path)
    var keep = false
    defer { if !keep { close(files.output) } }
    let problem: String?
    switch format {
    case .gzip: problem = try GzipInflater.inflate(files, stop: stop)
    case .zstd: problem = try ZstdDecompressor.decompress(files, stop: stop)
    case .lz4: problem = try LZ4Decompressor.decompress(files, stop: stop)
    }
    keep = true
    return (files.output, problem)
  }

  /// A new file in the temporary directory, already unlinked.
  private static func temporaryFile(_ path: String) throws(CaptureError) -> Int32 {
    let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/pktsh-decompress.XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw CaptureError(
        path: path, reason: "cannot make a temporary file in \(directory) to decompress into: \(systemErrorReason(errno))")
    }
    unlink(template)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return fd
  }
}

/// The two files a decoder works between, and its errors' wording.
struct DecompressionFiles {
  /// The compressed capture, read with `pread`.
  let input: Int32
  /// The unlinked temporary file the decompressed bytes are appended to.
  let output: Int32
  let path: String

  func failure(_ reason: String) -> CaptureError { CaptureError(path: path, reason: reason) }

  /// Throws when `stop` says the user asked to stop (a signal).
  func check(_ stop: () -> Bool) throws(CaptureError) {
    if stop() { throw failure("decompression interrupted") }
  }

  /// Up to `count` compressed bytes at `offset`; fewer only at the end of the file.
  func read(into buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) throws(CaptureError) -> Int {
    var done = 0
    while done < count {
      let n = pread(input, buffer + done, count - done, off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw failure(systemErrorReason(errno))
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Appends `count` decompressed bytes to the temporary file.
  func write(_ buffer: UnsafeRawPointer, _ count: Int) throws(CaptureError) {
    var done = 0
    while done < count {
      let n = systemWrite(output, buffer + done, count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("cannot write the decompressed capture to the temporary directory: \(systemErrorReason(errno))")
      }
      done += n
    }
  }
}

/// `write(2)`, under a name `DecompressionFiles.write` does not hide.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
