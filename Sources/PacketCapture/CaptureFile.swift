import PacketWire

/// An open pcap or pcapng file, mapped into memory and indexed.
///
/// The index keeps a 32-byte entry per packet; packet bytes are never
/// copied into it, only lent out through `withPacket` and `forEachPacket`.
/// A pcapng file is indexed when it opens (its interfaces may be declared
/// anywhere). A pcap file is indexed by the first walk over its packets,
/// so a script's first command reads the file once, not twice; `count`,
/// `problem` and `withPacket` index whatever is left when they need it.
/// A file that is damaged part-way still opens: the packets before the
/// damage are kept and `problem` says why reading stopped.
///
/// Not for use from several threads at once: walks extend the index.
public final class CaptureFile {
  public let path: String
  public let format: CaptureFormat
  /// For pcap, the one interface the file header describes; for pcapng,
  /// every Interface Description Block of every section, in file order.
  public let interfaces: [CaptureInterface]

  private let file: MappedFile
  private var entries: [IndexEntry]
  private let comments: [Int: [String]]
  /// Reads the pcap records not indexed yet; nil once the index is complete.
  private var unread: PcapIndexer?
  private var indexProblem: String?

  /// The number of packets (indexes the whole file if a walk has not).
  public var count: Int {
    completeIndex()
    return entries.count
  }

  /// Why indexing stopped before the end of the file (for example a file
  /// cut short inside a packet), or nil when the whole file was read.
  public var problem: String? {
    completeIndex()
    return indexProblem
  }

  /// True once every packet is indexed: `count` and `problem` are then free.
  public var isIndexed: Bool { unread == nil }

  /// Opens and validates the capture at `path`; indexes it if it is pcapng.
  public init(path: String) throws(CaptureError) {
    let file = try MappedFile(path: path)
    guard let magic = file.bytes.uint32(at: 0) else {
      throw CaptureError(path: path, reason: "file is too short to be a capture (\(file.size) bytes)")
    }
    self.path = path
    self.file = file
    if case .pcap(let nanosecond, let bigEndian) = PcapIndexer.format(magic: magic) {
      format = .pcap(nanosecond: nanosecond, bigEndian: bigEndian)
      interfaces = [try PcapIndexer.interface(file, path: path, nanosecond: nanosecond, bigEndian: bigEndian)]
      entries = []
      comments = [:]
      unread = PcapIndexer(file, nanosecond: nanosecond, bigEndian: bigEndian)
    } else if magic == PcapngIndexer.BlockType.sectionHeader {
      file.adviseSequential()
      let index = try PcapngIndexer.index(file, path: path)
      format = index.format
      interfaces = index.interfaces
      entries = index.entries
      comments = index.comments
      indexProblem = index.problem
      // Indexing touched every header; give those pages back.
      file.release(0..<file.size)
    } else {
      throw CaptureError(path: path, reason: "not a pcap or pcapng file (magic \(hex(magic)))")
    }
  }

  /// Calls `body` with packet `index` (0-based; must be below `count`).
  public func withPacket<R>(at index: Int, _ body: (PacketRecord) throws -> R) rethrows -> R {
    if index >= entries.count { completeIndex() }
    precondition(index >= 0 && index < entries.count, "packet index \(index) out of 0..<\(entries.count)")
    let entry = entries[index]
    return try body(
      record(entry, index: index, bytes: ByteView(base: file.base + Int(entry.offset), count: Int(entry.capturedLength))))
  }

  /// Walks the packets of `range` (all when nil; the part past the last
  /// packet is ignored) front to back until `body` answers false.
  ///
  /// The walk reads the file in blocks of a few MiB into one buffer (see
  /// `BlockReader`), so even a walk over a file far larger than memory
  /// keeps only the index and that buffer resident. Packets not indexed yet
  /// are indexed as the walk passes them.
  public func forEachPacket(in range: Range<Int>? = nil, _ body: (PacketRecord) throws -> Bool) rethrows {
    let wanted = range ?? 0..<Int.max
    var reader = BlockReader(file)
    defer { reader.close() }
    var index = max(0, wanted.lowerBound)
    while index < wanted.upperBound {
      guard index < entries.count else {
        guard indexNext(with: &reader) else { return }
        continue
      }
      let entry = entries[index]
      let bytes = reader.bytes(at: Int(entry.offset), count: Int(entry.capturedLength))
      guard try body(record(entry, index: index, bytes: bytes)) else { return }
      index += 1
    }
  }

  /// Indexes one more pcap packet through `reader`; false at the end.
  private func indexNext(with reader: inout BlockReader) -> Bool {
    guard var pcap = unread else { return false }
    switch pcap.next(number: entries.count + 1, read: { reader.bytes(at: $0, count: $1) }) {
    case .packet(let entry):
      entries.append(entry)
      unread = pcap
      return true
    case .end(let problem):
      indexProblem = problem
      unread = nil
      return false
    }
  }

  /// Indexes the packets no walk has reached yet, straight from the mapping.
  private func completeIndex() {
    guard var pcap = unread else { return }
    file.adviseSequential()
    var scan = IndexingScan(file, from: pcap.offset)
    let bytes = file.bytes
    while true {
      scan.advance(to: pcap.offset)
      let step = pcap.next(number: entries.count + 1) { bytes.slice($0, $1) }
      guard case .packet(let entry) = step else {
        if case .end(let problem) = step { indexProblem = problem }
        break
      }
      entries.append(entry)
    }
    scan.finish()
    unread = nil
    // Indexing touched every header; give those pages back.
    file.release(0..<file.size)
  }

  /// Lets `releaser` (created on first use) drop the pages before `record`.
  func releaseBehind(_ record: PacketRecord, with releaser: inout PageReleaser?) {
    guard let start = record.bytes.base else { return }
    if releaser == nil { releaser = PageReleaser(file) }
    releaser?.passed(start - file.base)
  }

  private func record(_ entry: IndexEntry, index: Int, bytes: ByteView) -> PacketRecord {
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
      bytes: bytes)
  }
}
