/// What a kernel (BPF) program may conclude about a field from the raw
/// bytes of its layer, without dissecting: the dissector's guarantee, per
/// field, that PacketBPF builds its programs on. A test crafts packets to
/// hold each dissector to it (`KernelReadTests`).
public enum KernelRead: Sendable {
  /// A field at a fixed place, as its declaration places it. The dissector
  /// records it exactly when the first `after` bytes of the layer are
  /// present (captured, and inside the length the layer below declared) and
  /// `condition`, if any, holds; it reads no other bytes before. With
  /// `wordsAsBytes`, the bits count 32-bit words and the recorded value is
  /// bytes (header lengths). With `alsoRecordedAs`, the dissector records
  /// the same value, at the same time, as that field of another protocol
  /// too (IPv6 answers `ip.version`, as Wireshark does).
  case fixed(
    after: Int, condition: KernelCondition? = nil, wordsAsBytes: Bool = false, alsoRecordedAs: FieldID? = nil)
  /// A field recorded as copies of fixed fields of the same protocol
  /// (`ip.addr` is `ip.src` and `ip.dst`): one occurrence per part, each
  /// recorded once the first `after` bytes of the layer are present.
  case copies([(of: FieldID, after: Int)])
  /// The packet's length on the wire (`frame.len`), which the kernel
  /// knows without reading.
  case wireLength
  /// The packet's captured length (`frame.cap_len`).
  case capturedLength

  /// Copies of `parts`, fields of one protocol named by their cases.
  static func copies<Field: FieldIdentity>(of parts: [(Field, after: Int)]) -> KernelRead {
    .copies(parts.map { (of: $0.0.fieldID, after: $0.after) })
  }
}

/// A value in the packet that decides whether the dissector records a
/// field at all.
public enum KernelCondition: Sendable {
  /// EtherType-or-length: the field holds a type only above 1500; below,
  /// the dissector records a length instead.
  case typeNotLength
  /// TCP fields after the data offset are recorded only when the data
  /// offset is at least 5 (20 bytes).
  case tcpHeaderComplete
}
