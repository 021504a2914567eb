#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CZlib

/// Gzip-compressed captures (`x.pcap.gz`, `x.pcapng.gz`), which tshark
/// reads as it reads the file inside.
///
/// The file is inflated once, when it opens, a MiB at a time into an
/// unnamed temporary file in `$TMPDIR` (or /tmp), unlinked as soon as it is
/// made, so nothing is left behind however pktsh ends. Readers then read
/// that file with `pread` as they read any capture. The trade-off: opening
/// costs a pass over the whole file before the first packet, and the
/// decompressed bytes take room in the temporary directory (on disk, or in
/// memory where /tmp is tmpfs) while the capture is loaded; memory itself
/// stays at two 1 MiB buffers. Concatenated gzip members are read in turn,
/// as `gzip -d` reads them; bytes after the last member are ignored.
enum GzipInflater {
  /// The first two bytes of every gzip member.
  static func isGzip(_ head: [UInt8]) -> Bool { head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b }

  /// Inflates the gzip file open as `input` into a new unlinked temporary
  /// file. Returns that file's descriptor, and why inflating stopped early
  /// (data cut short or corrupt) or nil when every member was read: the
  /// bytes before the damage are kept, as a pcap cut short keeps its packets.
  /// Throws when the temporary file cannot be made or written, or when
  /// `stop` (asked before each MiB) answers true.
  static func inflate(
    _ input: Int32, path: String, stop: () -> Bool
  ) throws(CaptureError) -> (descriptor: Int32, problem: String?) {
    func failure(_ reason: String) -> CaptureError { CaptureError(path: path, reason: reason) }
    let output = try temporaryFile(failure)
    var keep = false
    defer { if !keep { close(output) } }

    let chunk = 1 << 20
    let inBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
    let outBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
    }
    var stream = z_stream()
    // 15 + 16: a window of up to 32 KiB, gzip framing only.
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw failure("cannot start gzip decompression (out of memory)")
    }
    defer { inflateEnd(&stream) }

    var offset = 0  // of the next compressed byte to read
    var problem: String?
    while true {
      if stop() { throw failure("decompression interrupted") }
      if stream.avail_in == 0 {
        let n = try readRetrying(input, inBuffer, chunk, at: offset, failure)
        guard n > 0 else {
          problem = "the gzip data is cut short"
          break
        }
        offset += n
        stream.next_in = inBuffer
        stream.avail_in = UInt32(n)
      }
      stream.next_out = outBuffer
      stream.avail_out = UInt32(chunk)
      let status = CZlib.inflate(&stream, Z_NO_FLUSH)
      try writeAll(output, outBuffer, chunk - Int(stream.avail_out), failure)
      if status == Z_STREAM_END {
        // Another member may follow (`cat a.gz b.gz`); anything else ends the data.
        let next = offset - Int(stream.avail_in)
        var magic: [UInt8] = [0, 0]
        guard try readRetrying(input, &magic, 2, at: next, failure) == 2, isGzip(magic) else { break }
        inflateReset(&stream)
      } else if status != Z_OK && status != Z_BUF_ERROR {
        let detail = stream.msg.map { " (\(String(cString: $0)))" } ?? ""
        problem = "the gzip data cannot be decompressed after \(stream.total_out) bytes; it may be damaged or corrupt\(detail)"
        break
      }
    }
    keep = true
    return (output, problem)
  }

  /// A new file in the temporary directory, already unlinked.
  private static func temporaryFile(_ failure: (String) -> CaptureError) throws(CaptureError) -> Int32 {
    let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/pktsh-gunzip.XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw failure("cannot make a temporary file in \(directory) to decompress into: \(systemErrorReason(errno))")
    }
    unlink(template)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return fd
  }

  private static func readRetrying(
    _ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int, _ failure: (String) -> CaptureError
  ) throws(CaptureError) -> Int {
    var done = 0
    while done < count {
      let n = pread(fd, buffer + done, count - done, off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw failure(systemErrorReason(errno))
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  private static func writeAll(
    _ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int, _ failure: (String) -> CaptureError
  ) throws(CaptureError) {
    var done = 0
    while done < count {
      let n = write(fd, buffer + done, count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("cannot write the decompressed capture to the temporary directory: \(systemErrorReason(errno))")
      }
      done += n
    }
  }
}
