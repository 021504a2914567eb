import PacketWire

extension Array where Element == UInt8 {
  /// Appends `value` least significant byte first.
  mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
  }

  /// Appends the bytes `view` lends.
  mutating func append(_ view: ByteView) {
    view.withUnsafeBytes { append(contentsOf: $0) }
  }

  /// Appends zero bytes up to the next multiple of four of `length`.
  mutating func appendPadding(after length: Int) {
    append(contentsOf: repeatElement(0, count: (4 - length % 4) % 4))
  }
}
