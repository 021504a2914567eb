import PacketWire

/// Reads a classic libpcap file: a 24-byte header, then records of a
/// 16-byte header followed by the captured bytes.
///
/// The records are read one at a time (`next`), so a file can be indexed
/// by the first walk over its packets instead of by a pass of its own.
struct PcapIndexer {
  static let headerLength = 24
  static let recordHeaderLength = 16

  private let bigEndian: Bool
  /// Nanoseconds per unit of the records' fraction field.
  private let fractionScale: Int64
  private let size: Int
  /// File offset of the next record header to read.
  private(set) var offset = PcapIndexer.headerLength

  /// The format a pcap magic number (read big-endian from the first four
  /// bytes) announces, or nil when it is not one of the four pcap magics.
  static func format(magic: UInt32) -> CaptureFormat? {
    switch magic {
    case 0xa1b2_c3d4: return .pcap(nanosecond: false, bigEndian: true)
    case 0xd4c3_b2a1: return .pcap(nanosecond: false, bigEndian: false)
    case 0xa1b2_3c4d: return .pcap(nanosecond: true, bigEndian: true)
    case 0x4d3c_b2a1: return .pcap(nanosecond: true, bigEndian: false)
    default: return nil
    }
  }

  /// The one interface the file header describes. The version fields are
  /// not checked, so files with unusual versions still load.
  static func interface(
    _ header: [UInt8], path: String, nanosecond: Bool, bigEndian: Bool
  ) throws(CaptureError) -> CaptureInterface {
    guard header.count >= headerLength else { throw CaptureError(path: path, reason: "pcap header is truncated") }
    let (snapLength, network) = header.withUnsafeBytes { raw in
      let bytes = OrderedBytes(view: ByteView(raw), bigEndian: bigEndian)
      return (bytes.uint32(at: 16) ?? 0, bytes.uint32(at: 20) ?? 0)
    }
    // The upper bits of the link-type field carry FCS information; the link
    // type proper is the low 16 bits (libpcap's LT_LINKTYPE).
    return CaptureInterface(
      linkType: LinkType(rawValue: network & 0xffff), snapLength: snapLength,
      timestampResolution: nanosecond ? .nanoseconds : .microseconds)
  }

  /// Ready to read the first record of `file`, whose header has been read.
  init(_ file: CaptureSource, nanosecond: Bool, bigEndian: Bool) {
    self.bigEndian = bigEndian
    fractionScale = nanosecond ? 1 : 1_000
    size = file.size
  }

  /// What reading the next record found.
  enum Step {
    /// A record, and its time as Wireshark holds it when that is not
    /// normalised (`NSTime`).
    case packet(IndexEntry, unnormalised: NSTime?)
    /// No more packets: the file ended cleanly (nil) or was cut short (why).
    case end(problem: String?)
  }

  /// Reads the record at `offset` through `reader` and moves past it.
  /// `number` is the packet's 1-based number, for the problem text. Throws
  /// when the file no longer holds the record (it shrank).
  ///
  /// A fraction field of a second or more (seen in fuzzed files) carries
  /// into the seconds of the entry's time; the step also gives the time as
  /// Wireshark holds it, the nanoseconds wrapped at 32 bits and not carried.
  @inline(__always)
  mutating func next(number: Int, reader: inout BlockReader) throws(CaptureError) -> Step {
    guard offset < size else { return .end(problem: nil) }
    guard size - offset >= Self.recordHeaderLength else {
      return .end(problem: "file ends in the middle of the header of packet \(number) (offset \(offset))")
    }
    let header = OrderedBytes(view: try reader.bytes(at: offset, count: Self.recordHeaderLength), bigEndian: bigEndian)
    let seconds = header.uint32(at: 0) ?? 0
    let fraction = header.uint32(at: 4) ?? 0
    let captured = header.uint32(at: 8) ?? 0
    let original = header.uint32(at: 12) ?? 0
    let dataStart = offset + Self.recordHeaderLength
    guard Int(captured) <= size - dataStart else {
      return .end(
        problem: "file ends in the middle of packet \(number) (offset \(offset)): "
          + "it claims \(captured) captured bytes, only \(size - dataStart) remain")
    }
    offset = dataStart + Int(captured)
    // At most 2^32 s and 2^32 µs: the sum stays far inside Int64.
    let nanoseconds = Int64(seconds) * 1_000_000_000 + Int64(fraction) * fractionScale
    let unnormalised =
      Int64(fraction) * fractionScale < 1_000_000_000
      ? nil
      : NSTime(seconds: Int64(seconds), nanoseconds: Int32(truncatingIfNeeded: Int64(fraction) * fractionScale))
    return .packet(
      IndexEntry(
        offset: Int64(dataStart), nanoseconds: nanoseconds, capturedLength: captured,
        originalLength: original, interface: 0, flags: .hasTimestamp),
      unnormalised: unnormalised)
  }
}
