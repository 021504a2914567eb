/// A growable run of bytes that text is written into: command output,
/// field values.
///
/// Appending writes straight through a pointer after one capacity check
/// per call, where an `Array` append pays for a uniqueness check and a
/// generic copy each time; printing a column of a million packets appends
/// a few million times.
public struct ByteWriter: ~Copyable {
  // Visible to inlined code: the appends below are inlined into callers
  // in other modules, where a call per byte would cost more than the byte.
  @usableFromInline var base: UnsafeMutablePointer<UInt8>
  @usableFromInline var used = 0
  /// Bytes written so far.
  public var count: Int { used }
  @usableFromInline var capacity: Int

  public init(capacity: Int = 256) {
    self.capacity = max(16, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `extra` more bytes.
  @inlinable @inline(__always) mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  @usableFromInline mutating func grow(to needed: Int) {
    var larger = capacity * 2
    while larger < needed { larger *= 2 }
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.update(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  @inlinable @inline(__always) public mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    used += 1
  }

  /// Copies `bytes` in. Most appends are a few bytes (a separator, a
  /// label, a number), for which two overlapping word copies cost less
  /// than calling `memcpy` (which a byte loop is compiled into); inlined,
  /// since a call costs as much again.
  @inlinable @inline(__always) public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
    let n = bytes.count
    reserve(n)
    let from = UnsafeRawPointer(start)
    let to = UnsafeMutableRawPointer(base + used)
    if n >= 8 && n <= 16 {
      let head = from.loadUnaligned(as: UInt64.self)
      let tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      to.storeBytes(of: head, as: UInt64.self)
      to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 4 && n < 8 {
      let head = from.loadUnaligned(as: UInt32.self)
      let tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
      to.storeBytes(of: head, as: UInt32.self)
      to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
    } else if n > 16 && n <= 32 {
      // Labels and names are often this long: two overlapping 16-byte copies.
      let head = (from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      let tail = (from.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
      to.storeBytes(of: head.0, as: UInt64.self)
      to.storeBytes(of: head.1, toByteOffset: 8, as: UInt64.self)
      to.storeBytes(of: tail.0, toByteOffset: n - 16, as: UInt64.self)
      to.storeBytes(of: tail.1, toByteOffset: n - 8, as: UInt64.self)
    } else if n < 4 {
      to.storeBytes(of: start[0], as: UInt8.self)
      to.storeBytes(of: start[n >> 1], toByteOffset: n >> 1, as: UInt8.self)
      to.storeBytes(of: start[n - 1], toByteOffset: n - 1, as: UInt8.self)
    } else {
      to.copyMemory(from: from, byteCount: n)
    }
    used += n
  }

  /// Appends the UTF-8 of `text`, in one copy. A literal goes to the
  /// `StaticString` overload instead, which this one gives way to.
  @_disfavoredOverload
  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append(contentsOf: $0) }
  }

  /// Appends a literal's bytes (`out.append(": ")`), read in place: no
  /// String is made and nothing is called.
  @inlinable @inline(__always) public mutating func append(_ text: StaticString) {
    append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  @inlinable public mutating func append(contentsOf bytes: some Collection<UInt8>) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { append(contentsOf: $0) }
    if done == nil {
      reserve(bytes.count)
      for byte in bytes { append(byte) }
    }
  }

  /// Lets `write` fill up to `limit` bytes at the end and answer how many
  /// it wrote.
  @inlinable @inline(__always)
  public mutating func write(upTo limit: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
    reserve(limit)
    used += write(base + count)
  }

  /// Right-aligns the bytes written since `start` in a column `width`
  /// wide: moves them right and fills the gap with spaces. Wider text
  /// stays as it is.
  public mutating func padLeft(from start: Int, width: Int) {
    let written = count - start
    guard start >= 0, written >= 0, written < width else { return }
    let gap = width - written
    reserve(gap)
    (base + start + gap).update(from: base + start, count: written)
    (base + start).update(repeating: UInt8(ascii: " "), count: gap)
    used += gap
  }

  /// Pads the bytes written since `start` with spaces on the right to
  /// `width`; wider text stays as it is.
  public mutating func padRight(from start: Int, width: Int) {
    let written = count - start
    guard start >= 0, written >= 0, written < width else { return }
    reserve(width - written)
    (base + count).initialize(repeating: UInt8(ascii: " "), count: width - written)
    used += width - written
  }

  public mutating func removeAll() { used = 0 }

  /// Forgets the bytes written after the first `count`.
  public mutating func truncate(to count: Int) { used = min(used, max(0, count)) }

  public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: base, count: count))
  }

  /// The bytes as text (invalid UTF-8 becomes U+FFFD).
  public var text: String {
    withBytes { String(decoding: $0, as: UTF8.self) }
  }
}
