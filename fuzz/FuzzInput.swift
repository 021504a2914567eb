// What the targets make of their input bytes: a capture file, and one
// packet of each link type.
#if canImport(Glibc)
  import Glibc
#endif

enum FuzzInput {
  /// Every link type pktsh dissects.
  static let linkTypes: [LinkType] = [.null, .ethernet, .raw, .loop, .linuxSLL, .ipv4, .ipv6, .linuxSLL2]

  /// Where the input goes to be read as a capture file: CaptureFile reads
  /// only files, and /dev/shm keeps the write in memory.
  static let capturePath = "/dev/shm/pktsh-fuzz-\(getpid())"

  /// The input as a capture file, or nil when it is not one.
  static func capture(_ data: UnsafePointer<UInt8>, _ size: Int) -> CaptureFile? {
    write(data, size, to: capturePath)
    do {
      return try CaptureFile(path: capturePath)
    } catch {
      _ = "\(error)"
      return nil
    }
  }

  static func write(_ data: UnsafePointer<UInt8>, _ size: Int, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot create \(path)") }
    var written = 0
    while written < size {
      let n = Glibc.write(fd, data + written, size - written)
      guard n > 0 else { fatalError("cannot write \(path)") }
      written += n
    }
    close(fd)
  }

  /// The input as one packet of each link type (of `linkTypes`), handed to
  /// `body` in turn. An odd first byte claims a longer original length, so
  /// that trailer and truncation paths run too.
  static func eachLinkType(
    _ data: UnsafePointer<UInt8>, _ size: Int, of linkTypes: [LinkType] = linkTypes, _ body: (PacketRecord) -> Void
  ) {
    let bytes = ByteView(base: data, count: size)
    let extra = size > 0 && data[0] & 1 == 1 ? Int(data[0]) : 0
    for (index, linkType) in linkTypes.enumerated() {
      body(
        PacketRecord(
          number: index + 1, timestamp: Timestamp(nanosecondsSinceEpoch: Int64(index) &* 1_000_003),
          hasTimestamp: true, capturedLength: size, originalLength: size + extra,
          interfaceIndex: nil, linkType: linkType, comments: [], bytes: bytes))
    }
  }
}
