import PacketWire

/// An open pcap or pcapng file, possibly gzip-compressed, and its packet index.
///
/// The index keeps a 32-byte entry per packet; packet bytes are never
/// kept, only read (with `pread`, see `CaptureSource`) and lent out through
/// `withPacket` and `forEachPacket`. A pcapng file is indexed when it
/// opens (its interfaces may be declared anywhere). A pcap file is indexed
/// by the first walk over its packets, so a script's first command reads
/// the file once, not twice; `count`, `problem` and `withPacket` index
/// whatever is left when they need it. A file that is damaged part-way
/// still opens: the packets before the damage are kept and `problem` says
/// why reading stopped.
///
/// A file that shrinks after it opened (another program truncating it)
/// makes the reads that no longer find their bytes throw a `CaptureError`
/// saying so; while indexing, that is damage like any other (`problem`).
///
/// Not for use from several threads at once: walks extend the index.
/// For the same reason the index's stored properties skip run-time
/// exclusivity checks (`@exclusivity(unchecked)`), which every packet of a
/// walk would otherwise pay.
public final class CaptureFile {
  public let path: String
  public let format: CaptureFormat
  /// For pcap, the one interface the file header describes; for pcapng,
  /// every Interface Description Block of every section, in file order.
  public let interfaces: [CaptureInterface]

  private let file: CaptureSource
  @exclusivity(unchecked) private var entries: [IndexEntry]
  private let comments: [Int: [String]]
  /// Times as Wireshark holds them by 0-based packet index, for the pcap
  /// records whose time it does not normalise (`NSTime`); most files have none.
  @exclusivity(unchecked) private var unnormalisedTimes: [Int: NSTime] = [:]
  /// Reads the pcap records not indexed yet; nil once the index is complete.
  @exclusivity(unchecked) private var unread: PcapIndexer?
  @exclusivity(unchecked) private var indexProblem: String?

  /// The number of packets (indexes the whole file if a walk has not).
  public var count: Int {
    completeIndex()
    return entries.count
  }

  /// Why indexing stopped before the end of the file (for example a file
  /// cut short inside a packet, or compressed data that is corrupt), or
  /// nil when the whole file was read.
  public var problem: String? {
    completeIndex()
    return file.damage ?? indexProblem
  }

  /// True once every packet is indexed: `count` and `problem` are then free.
  public var isIndexed: Bool { unread == nil }

  /// Opens and validates the capture at `path`; indexes it if it is pcapng.
  /// A compressed file is decompressed first, which `stop` (asked every
  /// MiB) cuts short with a `CaptureError` saying so.
  public init(path: String, stop: () -> Bool = { false }) throws(CaptureError) {
    let file = try CaptureSource(path: path, stop: stop)
    // Enough to tell the format, and the whole header of a pcap file.
    let head = try file.prefix(PcapIndexer.headerLength)
    guard head.count >= 4 else {
      throw CaptureError(path: path, reason: "file is too short to be a capture (\(file.size) bytes)")
    }
    let magic = head[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
    self.path = path
    self.file = file
    if case .pcap(let nanosecond, let bigEndian) = PcapIndexer.format(magic: magic) {
      format = .pcap(nanosecond: nanosecond, bigEndian: bigEndian)
      interfaces = [try PcapIndexer.interface(head, path: path, nanosecond: nanosecond, bigEndian: bigEndian)]
      entries = []
      comments = [:]
      unread = PcapIndexer(file, nanosecond: nanosecond, bigEndian: bigEndian)
    } else if magic == PcapngIndexer.BlockType.sectionHeader {
      file.adviseSequential()
      var reader = BlockReader(file)
      defer { reader.close() }
      let index = try PcapngIndexer.index(&reader, path: path)
      format = index.format
      interfaces = index.interfaces
      entries = index.entries
      comments = index.comments
      indexProblem = index.problem
    } else {
      throw CaptureError(path: path, reason: "not a pcap or pcapng file (magic \(hex(magic)))")
    }
  }

  /// Calls `body` with packet `index` (0-based; must be below `count`).
  /// Throws a `CaptureError` when the file no longer holds the packet.
  public func withPacket<R>(at index: Int, _ body: (PacketRecord) throws -> R) throws -> R {
    if index >= entries.count { completeIndex() }
    precondition(index >= 0 && index < entries.count, "packet index \(index) out of 0..<\(entries.count)")
    let entry = entries[index]
    let length = Int(entry.capturedLength)
    return try withUnsafeTemporaryAllocation(byteCount: max(1, length), alignment: 16) { buffer in
      _ = try file.read(into: buffer.baseAddress!, count: length, needed: length, at: Int(entry.offset))
      return try body(record(entry, index: index, bytes: ByteView(base: buffer.baseAddress, count: length)))
    }
  }

  /// Walks the packets of `range` (all when nil; the part past the last
  /// packet is ignored) front to back until `body` answers false.
  ///
  /// The walk reads the file in blocks of a few MiB into one buffer (see
  /// `BlockReader`), so even a walk over a file far larger than memory
  /// keeps only the index and that buffer resident. Packets not indexed yet
  /// are indexed as the walk passes them. Throws what `body` throws, or a
  /// `CaptureError` when the file no longer holds a packet's bytes.
  public func forEachPacket(in range: Range<Int>? = nil, _ body: (PacketRecord) throws -> Bool) throws {
    let wanted = range ?? 0..<Int.max
    var reader = BlockReader(file)
    defer { reader.close() }
    var index = max(0, wanted.lowerBound)
    while index < wanted.upperBound {
      guard index < entries.count else {
        guard try indexNext(with: &reader) else { return }
        continue
      }
      let entry = entries[index]
      let bytes = try reader.bytes(at: Int(entry.offset), count: Int(entry.capturedLength))
      guard try body(record(entry, index: index, bytes: bytes)) else { return }
      index += 1
    }
  }

  /// Indexes one more pcap packet through `reader`; false at the end.
  private func indexNext(with reader: inout BlockReader) throws(CaptureError) -> Bool {
    guard var pcap = unread else { return false }
    switch try pcap.next(number: entries.count + 1, reader: &reader) {
    case .packet(let entry, let unnormalised):
      if let unnormalised { unnormalisedTimes[entries.count] = unnormalised }
      entries.append(entry)
      unread = pcap
      return true
    case .end(let problem):
      indexProblem = problem
      unread = nil
      return false
    }
  }

  /// Indexes the packets no walk has reached yet. A file that shrank
  /// meanwhile is damage: indexing stops there and `problem` says so.
  private func completeIndex() {
    guard var pcap = unread else { return }
    unread = nil
    file.adviseSequential()
    var reader = BlockReader(file)
    defer { reader.close() }
    while true {
      let step: PcapIndexer.Step
      do { step = try pcap.next(number: entries.count + 1, reader: &reader) } catch {
        indexProblem = error.reason
        return
      }
      guard case .packet(let entry, let unnormalised) = step else {
        if case .end(let problem) = step { indexProblem = problem }
        return
      }
      if let unnormalised { unnormalisedTimes[entries.count] = unnormalised }
      entries.append(entry)
    }
  }

  @inline(__always) private func record(_ entry: IndexEntry, index: Int, bytes: ByteView) -> PacketRecord {
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
      bytes: bytes,
      unnormalisedTime: unnormalisedTimes.isEmpty ? nil : unnormalisedTimes[index])
  }
}
