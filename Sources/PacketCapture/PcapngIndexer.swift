import PacketWire

/// Indexes a pcapng file block by block.
///
/// Each Section Header Block sets the byte order for the blocks after it
/// and starts a new numbering of interfaces; interfaces are mapped to one
/// global list in file order. Packet blocks (enhanced, simple, obsolete)
/// are indexed; every other block type is skipped by its length.
///
/// A broken block stops indexing, with `problem` saying why and the packets
/// before it kept, as Wireshark does. Only a broken first section header
/// makes the whole file unreadable.
struct PcapngIndexer {
  enum BlockType {
    static let sectionHeader: UInt32 = 0x0a0d_0d0a
    static let interfaceDescription: UInt32 = 1
    static let obsoletePacket: UInt32 = 2
    static let simplePacket: UInt32 = 3
    static let enhancedPacket: UInt32 = 6
  }

  /// Byte-order magic of a section header, as read in the section's order.
  static let byteOrderMagic: UInt32 = 0x1a2b_3c4d

  private let size: Int
  private var index = PacketIndex(format: .pcapng)
  private var bigEndian = false
  private var section = -1
  /// Global index of the current section's interface 0.
  private var sectionStart = 0

  /// Why indexing stops, and the offset of the block at fault.
  private struct Stop: Error {
    var offset: Int
    var reason: String
  }

  private init(size: Int) { self.size = size }

  static func index(_ reader: inout BlockReader, path: String) throws(CaptureError) -> PacketIndex {
    guard reader.fileSize >= 28 else { throw CaptureError(path: path, reason: "pcapng section header is truncated") }
    var indexer = PcapngIndexer(size: reader.fileSize)
    do {
      try indexer.walk(&reader)
    } catch {
      // A broken first section header leaves nothing to read.
      guard error.offset > 0 else { throw CaptureError(path: path, reason: error.reason) }
      indexer.index.problem = error.reason
    }
    return indexer.index
  }

  private mutating func walk(_ reader: inout BlockReader) throws(Stop) {
    func load(_ offset: Int, _ count: Int) throws(Stop) -> ByteView {
      do { return try reader.bytes(at: offset, count: count) } catch {
        throw Stop(offset: offset, reason: error.reason)
      }
    }
    var offset = 0
    while offset < size {
      let remaining = size - offset
      guard remaining >= 12 else {
        throw Stop(offset: offset, reason: "file ends in the middle of a block (offset \(offset), \(remaining) bytes left)")
      }
      let length = try blockLength(load(offset, 12), at: offset, remaining: remaining)
      let block = try load(offset, length)
      let bytes = OrderedBytes(view: block, bigEndian: bigEndian)
      guard bytes.uint32(at: length - 4) == UInt32(length) else {
        let type = hex(bytes.uint32(at: 0) ?? 0)
        throw Stop(offset: offset, reason: "block at offset \(offset) (type \(type)): trailing length does not match \(length)")
      }
      try read(block, at: offset)
      offset += length
    }
  }

  /// Checks the framing of the block whose first 12 bytes are `head`
  /// (at file offset `offset`, `remaining` bytes before the end of the
  /// file) and answers its length. A section header first sets the byte
  /// order its length is read in.
  private mutating func blockLength(_ head: ByteView, at offset: Int, remaining: Int) throws(Stop) -> Int {
    if head.uint32(at: 0) == BlockType.sectionHeader {
      if head.uint32(at: 8) == Self.byteOrderMagic {
        bigEndian = true
      } else if head.uint32LittleEndian(at: 8) == Self.byteOrderMagic {
        bigEndian = false
      } else {
        let found = hex(head.uint32(at: 8) ?? 0)
        throw Stop(offset: offset, reason: "section header at offset \(offset) has an unknown byte-order magic \(found)")
      }
    }
    let bytes = OrderedBytes(view: head, bigEndian: bigEndian)
    let type = bytes.uint32(at: 0) ?? 0
    let declared = bytes.uint32(at: 4) ?? 0
    guard declared >= 12, declared % 4 == 0 else {
      throw Stop(offset: offset, reason: "block at offset \(offset) (type \(hex(type))) has an invalid length \(declared)")
    }
    let length = Int(declared)
    guard length <= remaining else {
      throw Stop(offset: offset, reason: "file ends in the middle of a block at offset \(offset) (type \(hex(type))): "
        + "it claims \(length) bytes, only \(remaining) remain")
    }
    return length
  }

  private mutating func read(_ block: ByteView, at offset: Int) throws(Stop) {
    let bytes = OrderedBytes(view: block, bigEndian: bigEndian)
    let type = bytes.uint32(at: 0) ?? 0
    func require(_ minimum: Int, _ name: String) throws(Stop) {
      guard block.count >= minimum else {
        throw Stop(offset: offset, reason: "\(name) at offset \(offset) is too short (\(block.count) bytes)")
      }
    }
    switch type {
    case BlockType.sectionHeader:
      try require(28, "section header")
      let major = bytes.uint16(at: 12) ?? 0
      let minor = bytes.uint16(at: 14) ?? 0
      guard major == 1 else {
        throw Stop(offset: offset, reason: "section header at offset \(offset) has unsupported version \(major).\(minor)")
      }
      section += 1
      sectionStart = index.interfaces.count
    case BlockType.interfaceDescription:
      try require(20, "interface description block")
      index.interfaces.append(interface(block, bytes))
    case BlockType.enhancedPacket:
      try require(32, "enhanced packet block")
      try packet(
        block, at: offset, interface: bytes.uint32(at: 8) ?? 0, time: bytes.splitUInt64(at: 12),
        captured: bytes.uint32(at: 20) ?? 0, original: bytes.uint32(at: 24) ?? 0, dataStart: 28)
    case BlockType.obsoletePacket:
      try require(32, "packet block")
      try packet(
        block, at: offset, interface: UInt32(bytes.uint16(at: 8) ?? 0), time: bytes.splitUInt64(at: 12),
        captured: bytes.uint32(at: 20) ?? 0, original: bytes.uint32(at: 24) ?? 0, dataStart: 28)
    case BlockType.simplePacket:
      try require(16, "simple packet block")
      try simplePacket(block, at: offset, original: bytes.uint32(at: 8) ?? 0)
    default:
      return  // statistics, name resolution, secrets, custom, unknown: skipped
    }
  }

  private func interface(_ block: ByteView, _ bytes: OrderedBytes) -> CaptureInterface {
    var result = CaptureInterface(
      linkType: LinkType(rawValue: UInt32(bytes.uint16(at: 8) ?? 0)),
      snapLength: bytes.uint32(at: 12) ?? 0, section: section)
    PcapngOption.forEach(in: options(block, from: 16), bigEndian: bigEndian) { code, value in
      switch code {
      case PcapngOption.interfaceName: result.name = PcapngOption.string(value)
      case PcapngOption.interfaceDescription: result.description = PcapngOption.string(value)
      case PcapngOption.timestampResolution where value.count == 1:
        result.timestampResolution = TimestampResolution(rawValue: value.byte(0))
      case PcapngOption.timestampOffset where value.count == 8:
        let raw = OrderedBytes(view: value, bigEndian: bigEndian).uint64(at: 0) ?? 0
        result.timestampOffset = Int64(bitPattern: raw)
      default: break
      }
    }
    return result
  }

  /// An enhanced or obsolete packet block: same layout up to the data.
  private mutating func packet(
    _ block: ByteView, at offset: Int, interface local: UInt32, time: UInt64?,
    captured: UInt32, original: UInt32, dataStart: Int
  ) throws(Stop) {
    let global = try globalInterface(local, at: offset)
    guard Int(captured) <= block.count - dataStart - 4 else {
      throw Stop(offset: offset, reason: "packet block at offset \(offset) claims \(captured) captured bytes, "
        + "more than the block holds")
    }
    let settings = index.interfaces[global]
    let nanoseconds = pcapngNanoseconds(
      units: time ?? 0, resolution: settings.timestampResolution,
      offsetSeconds: settings.timestampOffset)
    let optionsStart = dataStart + ((Int(captured) + 3) & ~3)
    var comments: [String] = []
    PcapngOption.forEach(in: options(block, from: optionsStart), bigEndian: bigEndian) { code, value in
      if code == PcapngOption.comment { comments.append(PcapngOption.string(value)) }
    }
    if !comments.isEmpty { index.comments[index.entries.count] = comments }
    index.entries.append(IndexEntry(
      offset: Int64(offset + dataStart), nanoseconds: nanoseconds, capturedLength: captured,
      originalLength: original, interface: Int32(global), flags: .hasTimestamp))
  }

  /// A simple packet block: interface 0 of the section, no timestamp, and
  /// a captured length of min(original length, snap length, block body).
  private mutating func simplePacket(_ block: ByteView, at offset: Int, original: UInt32) throws(Stop) {
    let global = try globalInterface(0, at: offset)
    var captured = min(Int(original), block.count - 16)
    let snapLength = index.interfaces[global].snapLength
    if snapLength != 0 { captured = min(captured, Int(snapLength)) }
    index.entries.append(IndexEntry(
      offset: Int64(offset + 12), nanoseconds: 0, capturedLength: UInt32(captured),
      originalLength: original, interface: Int32(global), flags: []))
  }

  private func globalInterface(_ local: UInt32, at offset: Int) throws(Stop) -> Int {
    let count = index.interfaces.count - sectionStart
    guard section >= 0, Int(local) < count else {
      throw Stop(offset: offset, reason: "packet block at offset \(offset) names interface \(local), "
        + "but its section declares \(count)")
    }
    return sectionStart + Int(local)
  }

  /// The options area of a block: from `start` to just before the trailing length.
  private func options(_ block: ByteView, from start: Int) -> ByteView {
    block.slice(start, block.count - 4 - start)
  }
}
