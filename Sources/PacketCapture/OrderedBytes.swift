import PacketWire

/// Integer reads in one byte order, as a pcap header or a pcapng section
/// dictates. Reads past the end answer nil, like `ByteView`'s.
struct OrderedBytes {
  let view: ByteView
  let bigEndian: Bool

  @inline(__always) func uint16(at offset: Int) -> UInt16? {
    bigEndian ? view.uint16(at: offset) : view.uint16LittleEndian(at: offset)
  }

  @inline(__always) func uint32(at offset: Int) -> UInt32? {
    bigEndian ? view.uint32(at: offset) : view.uint32LittleEndian(at: offset)
  }

  func uint64(at offset: Int) -> UInt64? {
    bigEndian ? view.uint64(at: offset) : view.uint64LittleEndian(at: offset)
  }

  /// A pcapng timestamp: two 32-bit words, high word first.
  func splitUInt64(at offset: Int) -> UInt64? {
    guard let high = uint32(at: offset), let low = uint32(at: offset + 4) else { return nil }
    return UInt64(high) << 32 | UInt64(low)
  }
}
