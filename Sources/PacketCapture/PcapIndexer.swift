/// Indexes a classic libpcap file: a 24-byte header, then records of a
/// 16-byte header followed by the captured bytes.
enum PcapIndexer {
  static let headerLength = 24
  static let recordHeaderLength = 16

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

  /// The header's version fields are not checked, so files with unusual
  /// versions still load. A fraction field of a second or more (seen in
  /// fuzzed files) carries into the seconds; Wireshark instead wraps the
  /// nanosecond value at 32 bits and shows a meaningless time.
  static func index(
    _ file: MappedFile, path: String, nanosecond: Bool, bigEndian: Bool
  ) throws(CaptureError) -> PacketIndex {
    let bytes = OrderedBytes(view: file.bytes, bigEndian: bigEndian)
    guard let snapLength = bytes.uint32(at: 16), let network = bytes.uint32(at: 20) else {
      throw CaptureError(path: path, reason: "pcap header is truncated")
    }
    var index = PacketIndex(format: .pcap(nanosecond: nanosecond, bigEndian: bigEndian))
    // The upper bits of the link-type field carry FCS information; the link
    // type proper is the low 16 bits (libpcap's LT_LINKTYPE).
    index.interfaces = [CaptureInterface(
      linkType: LinkType(rawValue: network & 0xffff), snapLength: snapLength,
      timestampResolution: nanosecond ? .nanoseconds : .microseconds)]

    let fractionScale: Int64 = nanosecond ? 1 : 1_000
    let size = file.size
    var scan = IndexingScan(file)
    defer { scan.finish() }
    var offset = headerLength
    while offset < size {
      scan.advance(to: offset)
      let number = index.entries.count + 1
      guard size - offset >= recordHeaderLength,
        let seconds = bytes.uint32(at: offset), let fraction = bytes.uint32(at: offset + 4),
        let captured = bytes.uint32(at: offset + 8), let original = bytes.uint32(at: offset + 12)
      else {
        index.problem = "file ends in the middle of the header of packet \(number) (offset \(offset))"
        break
      }
      let dataStart = offset + recordHeaderLength
      guard Int(captured) <= size - dataStart else {
        index.problem = "file ends in the middle of packet \(number) (offset \(offset)): "
          + "it claims \(captured) captured bytes, only \(size - dataStart) remain"
        break
      }
      // At most 2^32 s and 2^32 µs: the sum stays far inside Int64.
      let nanoseconds = Int64(seconds) * 1_000_000_000 + Int64(fraction) * fractionScale
      index.entries.append(IndexEntry(
        offset: Int64(dataStart), nanoseconds: nanoseconds, capturedLength: captured,
        originalLength: original, interface: 0, flags: .hasTimestamp))
      offset = dataStart + Int(captured)
    }
    return index
  }
}
