import PacketWire

/// An open pcap or pcapng file: mapped into memory and indexed once.
///
/// Opening reads every record header and keeps a 32-byte index entry per
/// packet; packet bytes are never copied, only lent out through
/// `withPacket` and `forEachPacket`. A file that is damaged part-way still
/// opens: the packets before the damage are kept and `problem` says why
/// reading stopped.
///
/// The file is immutable after opening, so any thread may read packets.
public final class CaptureFile: @unchecked Sendable {
  public let path: String
  public let format: CaptureFormat
  /// For pcap, the one interface the file header describes; for pcapng,
  /// every Interface Description Block of every section, in file order.
  public let interfaces: [CaptureInterface]
  /// Why indexing stopped before the end of the file (for example a file
  /// cut short inside a packet), or nil when the whole file was read.
  public let problem: String?

  private let file: MappedFile
  private let entries: [IndexEntry]
  private let comments: [Int: [String]]

  public var count: Int { entries.count }

  /// Opens, validates and indexes the capture at `path`.
  public init(path: String) throws(CaptureError) {
    let file = try MappedFile(path: path)
    let index = try Self.index(file, path: path)
    self.path = path
    self.file = file
    self.format = index.format
    self.interfaces = index.interfaces
    self.problem = index.problem
    self.entries = index.entries
    self.comments = index.comments
    // Indexing touched every header; give those pages back.
    file.release(0..<file.size)
  }

  private static func index(_ file: MappedFile, path: String) throws(CaptureError) -> PacketIndex {
    guard let magic = file.bytes.uint32(at: 0) else {
      throw CaptureError(path: path, reason: "file is too short to be a capture (\(file.size) bytes)")
    }
    file.adviseSequential()
    if case .pcap(let nanosecond, let bigEndian) = PcapIndexer.format(magic: magic) {
      return try PcapIndexer.index(file, path: path, nanosecond: nanosecond, bigEndian: bigEndian)
    }
    if magic == PcapngIndexer.BlockType.sectionHeader {
      return try PcapngIndexer.index(file, path: path)
    }
    throw CaptureError(path: path, reason: "not a pcap or pcapng file (magic \(hex(magic)))")
  }

  /// Calls `body` with packet `index` (0-based; must be below `count`).
  public func withPacket<R>(at index: Int, _ body: (PacketRecord) throws -> R) rethrows -> R {
    precondition(index >= 0 && index < entries.count, "packet index \(index) out of 0..<\(entries.count)")
    return try body(record(index))
  }

  /// Walks the packets of `range` (all when nil; clamped to `0..<count`)
  /// front to back until `body` answers false.
  ///
  /// The walk reads the file in blocks of a few MiB into one buffer (see
  /// `BlockReader`), so even a walk over a file far larger than memory
  /// keeps only the index and that buffer resident.
  public func forEachPacket(in range: Range<Int>? = nil, _ body: (PacketRecord) throws -> Bool) rethrows {
    let walk = (range ?? 0..<entries.count).clamped(to: 0..<entries.count)
    var reader = BlockReader(file)
    defer { reader.close() }
    for index in walk {
      var packet = record(index)
      let entry = entries[index]
      packet.bytes = reader.bytes(at: Int(entry.offset), count: Int(entry.capturedLength))
      guard try body(packet) else { return }
    }
  }

  /// Lets `releaser` (created on first use) drop the pages before `record`.
  func releaseBehind(_ record: PacketRecord, with releaser: inout PageReleaser?) {
    guard let start = record.bytes.base else { return }
    if releaser == nil { releaser = PageReleaser(file) }
    releaser?.passed(start - file.base)
  }

  private func record(_ index: Int) -> PacketRecord {
    let entry = entries[index]
    let hasTimestamp = entry.flags.contains(.hasTimestamp)
    let interface = Int(entry.interface)
    return PacketRecord(
      number: index + 1,
      timestamp: hasTimestamp ? Timestamp(nanosecondsSinceEpoch: entry.nanoseconds) : .zero,
      hasTimestamp: hasTimestamp,
      capturedLength: Int(entry.capturedLength),
      originalLength: Int(entry.originalLength),
      interfaceIndex: format == .pcapng ? interface : nil,
      linkType: interfaces[interface].linkType,
      comments: comments[index] ?? [],
      bytes: ByteView(base: file.base + Int(entry.offset), count: Int(entry.capturedLength)))
  }
}
