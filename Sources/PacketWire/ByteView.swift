/// A read-only, bounds-checked view of bytes that it does not own.
///
/// Every accessor checks its range and answers `nil` (or a caller-chosen
/// default) instead of trapping, so dissectors can read packets from
/// strangers without ever touching memory outside the view. Multi-byte
/// integers are read in network (big-endian) order unless the name says
/// `LittleEndian`. Offsets are in bytes from the start of the view.
///
/// The view borrows: the memory must outlive every use of it (a capture
/// file keeps its mapping alive while packets are read from it).
public struct ByteView: @unchecked Sendable {
  public let base: UnsafeRawPointer?
  public let count: Int

  @inlinable public init(base: UnsafeRawPointer?, count: Int) {
    self.base = base
    self.count = base == nil ? 0 : max(0, count)
  }

  @inlinable public init(_ buffer: UnsafeRawBufferPointer) {
    self.init(base: buffer.baseAddress, count: buffer.count)
  }

  public static let empty = ByteView(base: nil, count: 0)

  /// True when `length` bytes starting at `offset` lie inside the view.
  @inlinable public func contains(_ offset: Int, _ length: Int) -> Bool {
    offset >= 0 && length >= 0 && offset <= count && length <= count - offset
  }

  /// The sub-view `offset..<offset+length`, clamped to what exists.
  @inlinable public func slice(_ offset: Int, _ length: Int) -> ByteView {
    let start = min(max(0, offset), count)
    let end = min(count, start + max(0, min(length, Int.max - start)))
    return ByteView(base: base.map { $0 + start }, count: end - start)
  }

  @inlinable public subscript(_ offset: Int) -> UInt8? {
    guard offset >= 0 && offset < count, let base else { return nil }
    return base.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// The byte at `offset`; the caller has already checked the range.
  @inlinable public func byte(_ offset: Int) -> UInt8 {
    base!.load(fromByteOffset: offset, as: UInt8.self)
  }

  @inlinable public func uint8(at offset: Int) -> UInt8? { self[offset] }

  @inlinable public func uint16(at offset: Int) -> UInt16? {
    guard contains(offset, 2) else { return nil }
    return UInt16(byte(offset)) << 8 | UInt16(byte(offset + 1))
  }

  @inlinable public func uint32(at offset: Int) -> UInt32? {
    guard contains(offset, 4) else { return nil }
    var value: UInt32 = 0
    for i in 0..<4 { value = value << 8 | UInt32(byte(offset + i)) }
    return value
  }

  @inlinable public func uint64(at offset: Int) -> UInt64? {
    guard contains(offset, 8) else { return nil }
    var value: UInt64 = 0
    for i in 0..<8 { value = value << 8 | UInt64(byte(offset + i)) }
    return value
  }

  /// An unsigned big-endian integer of `length` bytes (1...8).
  @inlinable public func uint(at offset: Int, length: Int) -> UInt64? {
    guard length >= 1 && length <= 8 && contains(offset, length) else { return nil }
    var value: UInt64 = 0
    for i in 0..<length { value = value << 8 | UInt64(byte(offset + i)) }
    return value
  }

  /// `uint(at:length:)` for a range the caller has already checked
  /// (`length` 1...8, inside the view).
  @inlinable @inline(__always)
  public func uncheckedUInt(at offset: Int, length: Int) -> UInt64 {
    let p = base.unsafelyUnwrapped + offset
    switch length {
    case 1: return UInt64(p.load(as: UInt8.self))
    case 2: return UInt64(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self)))
    case 4: return UInt64(UInt32(bigEndian: p.loadUnaligned(as: UInt32.self)))
    default:
      var value: UInt64 = 0
      for i in 0..<length { value = value << 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self)) }
      return value
    }
  }

  @inlinable public func uint16LittleEndian(at offset: Int) -> UInt16? {
    guard contains(offset, 2) else { return nil }
    return UInt16(byte(offset)) | UInt16(byte(offset + 1)) << 8
  }

  @inlinable public func uint32LittleEndian(at offset: Int) -> UInt32? {
    guard contains(offset, 4) else { return nil }
    var value: UInt32 = 0
    for i in (0..<4).reversed() { value = value << 8 | UInt32(byte(offset + i)) }
    return value
  }

  @inlinable public func uint64LittleEndian(at offset: Int) -> UInt64? {
    guard contains(offset, 8) else { return nil }
    var value: UInt64 = 0
    for i in (0..<8).reversed() { value = value << 8 | UInt64(byte(offset + i)) }
    return value
  }

  /// Reads `bitWidth` bits (1...64) starting `bitOffset` bits into the view,
  /// most significant bit first (bit 0 is the top bit of byte 0, as the RFCs
  /// number them).
  @inlinable public func bits(at bitOffset: Int, width bitWidth: Int) -> UInt64? {
    guard bitOffset >= 0, bitWidth >= 1, bitWidth <= 64 else { return nil }
    let first = bitOffset >> 3
    let last = (bitOffset + bitWidth - 1) >> 3
    guard contains(first, last - first + 1) else { return nil }
    if last - first < 8 {
      var value: UInt64 = 0
      for i in first...last { value = value << 8 | UInt64(byte(i)) }
      let trailing = (last + 1) * 8 - (bitOffset + bitWidth)
      value >>= UInt64(trailing)
      return bitWidth == 64 ? value : value & ((1 << UInt64(bitWidth)) - 1)
    }
    // Spans nine bytes: assemble bit by bit (rare: unaligned 64-bit fields).
    var value: UInt64 = 0
    for bit in bitOffset..<(bitOffset + bitWidth) {
      value = value << 1 | UInt64(byte(bit >> 3) >> (7 - UInt8(bit & 7)) & 1)
    }
    return value
  }

  /// Calls `body` with the bytes as a buffer (empty when the view is empty).
  @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: base, count: count))
  }

  /// A copy of the bytes, for the rare places that must keep them.
  public func copyBytes() -> [UInt8] {
    withUnsafeBytes { Array($0) }
  }
}
