/// One direction of an HTTP/2 connection's header decompression (RFC 7541):
/// its dynamic table, carried from one header block to the next, as
/// Wireshark's HPACK inflater (nghttp2's) keeps it for each side.
///
/// Blocks are fed frame by frame. A representation cut by the end of a
/// frame that does not end the headers waits for the next frame's bytes;
/// one cut by the end of the headers, or any other decoding error, stops
/// the direction for good, as nghttp2's inflater refuses everything after
/// its first error.
struct HPACKDecoder {
  /// Largest dynamic table size any SETTINGS may allow, whatever the
  /// capture says: the table's memory stays bounded.
  static let hardSizeCap = 65_536
  /// Entries are at least 32 bytes of table size (section 4.1), so the
  /// table never holds more than `hardSizeCap / 32`.
  static let entryOverhead = 32
  /// Most bytes of a cut representation kept for the next frame; a
  /// longer one stops the direction.
  static let maximumPending = 1 << 18

  /// A header field decoded from a block.
  struct Field {
    var name: [UInt8]
    var value: [UInt8]
    var representation: Representation
    /// The table index the name (or the whole field) came from.
    var index: Int?
    /// Where the representation starts in the frame's fragment (0 for one
    /// begun in an earlier frame), and its length in this frame.
    var offset: Int
    var length: Int
  }

  enum Representation {
    case indexed, incremental, withoutIndexing, neverIndexed
  }

  /// What one frame's fragment gave.
  struct Block {
    var fields: [Field] = []
    /// Dynamic table size updates, with their place in the fragment.
    var sizeUpdates: [(size: Int, offset: Int, length: Int)] = []
  }

  /// Newest entry first (index 62).
  private(set) var table: [(name: [UInt8], value: [UInt8])] = []
  private(set) var tableSize = 0
  /// The size the encoder last set with a size update.
  private var maximumSize = 4096
  /// The most a size update may set: the decoding side's last
  /// SETTINGS_HEADER_TABLE_SIZE, capped.
  private(set) var allowedSize = 4096
  /// Bytes of a representation that the previous frame cut.
  private var pending: [UInt8] = []
  /// Whether a header field was decoded in the block under way (a size
  /// update must come before any).
  private var fieldSeen = false
  private(set) var failed = false

  /// Applies a SETTINGS_HEADER_TABLE_SIZE that the decoding side sent.
  mutating func allow(size: UInt64) {
    allowedSize = Int(min(size, UInt64(Self.hardSizeCap)))
    if maximumSize > allowedSize {
      maximumSize = allowedSize
      evict(toFit: 0)
    }
  }

  /// Decodes one frame's header block fragment; `endsHeaders` is the
  /// frame's END_HEADERS flag.
  mutating func decode(_ fragment: [UInt8], endsHeaders: Bool) -> Block {
    var block = Block()
    guard !failed else { return block }
    let carried = pending.count
    let bytes = pending + fragment
    pending = []
    var offset = 0
    while offset < bytes.count {
      switch decodeOne(bytes, at: offset) {
      case .incomplete:
        if endsHeaders || bytes.count - offset > Self.maximumPending {
          failed = true
        } else {
          pending = Array(bytes[offset...])
        }
        offset = bytes.count
      case .failure:
        failed = true
        return block
      case .field(var field, let end):
        field.offset = max(0, offset - carried)
        field.length = end - carried - field.offset
        block.fields.append(field)
        fieldSeen = true
        offset = end
      case .sizeUpdate(let size, let end):
        let start = max(0, offset - carried)
        block.sizeUpdates.append((size, start, end - carried - start))
        offset = end
      }
    }
    if endsHeaders { fieldSeen = false }
    return block
  }

  private enum Step {
    case field(Field, end: Int)
    case sizeUpdate(Int, end: Int)
    case incomplete, failure
  }

  private mutating func decodeOne(_ bytes: [UInt8], at start: Int) -> Step {
    let first = bytes[start]
    var offset = start
    if first & 0x80 != 0 {
      guard let index = Self.integer(bytes, &offset, prefixBits: 7) else { return .incomplete }
      guard let entry = entry(index) else { return .failure }
      let field = Field(
        name: entry.name, value: entry.value, representation: .indexed, index: index, offset: 0, length: 0)
      return .field(field, end: offset)
    }
    if first & 0xe0 == 0x20 {
      guard let size = Self.integer(bytes, &offset, prefixBits: 5) else { return .incomplete }
      guard size <= allowedSize, !fieldSeen else { return .failure }
      maximumSize = size
      evict(toFit: 0)
      return .sizeUpdate(size, end: offset)
    }
    let representation: Representation
    let prefixBits: Int
    switch first & 0xf0 {
    case 0x40...0x70:
      (representation, prefixBits) = (.incremental, 6)
    case 0x10:
      (representation, prefixBits) = (.neverIndexed, 4)
    default:
      (representation, prefixBits) = (.withoutIndexing, 4)
    }
    guard let nameIndex = Self.integer(bytes, &offset, prefixBits: prefixBits) else { return .incomplete }
    let name: [UInt8]
    if nameIndex == 0 {
      switch Self.string(bytes, &offset) {
      case .incomplete: return .incomplete
      case .failure: return .failure
      case .string(let s): name = s
      }
    } else {
      guard let entry = entry(nameIndex) else { return .failure }
      name = entry.name
    }
    let value: [UInt8]
    switch Self.string(bytes, &offset) {
    case .incomplete: return .incomplete
    case .failure: return .failure
    case .string(let s): value = s
    }
    if representation == .incremental { insert(name: name, value: value) }
    let field = Field(
      name: name, value: value, representation: representation, index: nameIndex == 0 ? nil : nameIndex,
      offset: 0, length: 0)
    return .field(field, end: offset)
  }

  /// The static or dynamic table entry at `index` (1-based), if any.
  private func entry(_ index: Int) -> (name: [UInt8], value: [UInt8])? {
    let statics = HPACKStaticTable.entries
    if index >= 1 && index <= statics.count { return statics[index - 1] }
    let dynamic = index - statics.count - 1
    guard dynamic >= 0 && dynamic < table.count else { return nil }
    return table[dynamic]
  }

  private mutating func insert(name: [UInt8], value: [UInt8]) {
    let size = name.count + value.count + Self.entryOverhead
    evict(toFit: size)
    guard size <= maximumSize else { return }
    table.insert((name, value), at: 0)
    tableSize += size
  }

  /// Drops the oldest entries until `incoming` more bytes fit.
  private mutating func evict(toFit incoming: Int) {
    while !table.isEmpty && tableSize + incoming > maximumSize {
      let oldest = table.removeLast()
      tableSize -= oldest.name.count + oldest.value.count + Self.entryOverhead
    }
  }

  /// Reads a prefixed integer (section 5.1); nil when the bytes end first.
  /// Values past 2^32 - 1 are read as `Int.max`, which no table or size
  /// accepts.
  static func integer(_ bytes: [UInt8], _ offset: inout Int, prefixBits: Int) -> Int? {
    guard offset < bytes.count else { return nil }
    let mask = (1 << prefixBits) - 1
    var value = Int(bytes[offset]) & mask
    var at = offset + 1
    if value == mask {
      var shift = 0
      while true {
        guard at < bytes.count else { return nil }
        let byte = Int(bytes[at])
        at += 1
        if shift <= 28 { value += (byte & 0x7f) << shift }
        shift += 7
        if byte & 0x80 == 0 { break }
      }
      if value > Int(UInt32.max) || shift > 35 { value = Int.max }
    }
    offset = at
    return value
  }

  private enum StringStep {
    case string([UInt8])
    case incomplete, failure
  }

  /// Reads a string literal (section 5.2), Huffman-coded or not.
  private static func string(_ bytes: [UInt8], _ offset: inout Int) -> StringStep {
    guard offset < bytes.count else { return .incomplete }
    let huffman = bytes[offset] & 0x80 != 0
    var at = offset
    guard let length = integer(bytes, &at, prefixBits: 7) else { return .incomplete }
    guard length != Int.max else { return .failure }
    guard length <= bytes.count - at else { return .incomplete }
    let raw = bytes[at..<at + length]
    offset = at + length
    if !huffman { return .string(Array(raw)) }
    guard let decoded = HPACKHuffman.decode(raw) else { return .failure }
    return .string(decoded)
  }
}
