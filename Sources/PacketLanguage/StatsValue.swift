import PacketDissection
import PacketWire

/// A value that `stats` groups by or aggregates, compiled once from its
/// checked form by the closure evaluator.
///
/// Grouping reads each value as a *key*: a tag byte for its kind, then
/// its bytes, ordered so that comparing two keys byte by byte compares
/// the values (integers and times 8 bytes big-endian with the sign bit
/// flipped, IPv4 4 bytes, IPv6 16, byte strings a 4-byte length and the
/// bytes). Keys are written into a buffer the caller reuses, so grouping
/// makes no String per packet; a key becomes text once, for its group.
public struct StatsValue: Sendable {
  public let value: CompiledValue
  /// How a field alone prints, as `print` prints it (`tcp.flags` as
  /// `0x0012`, a flag as `1`, a protocol as its label); nil for a computed
  /// value, which prints as `ValueText` writes it.
  private let field: (kind: FieldKind, base: DisplayBase, label: String)?

  public init(_ checked: CheckedValue) {
    value = CompiledValue(checked)
    field = checked.field.map { ($0.decl.kind, $0.decl.base, $0.decl.label) }
  }

  public var checked: CheckedValue { value.checked }
  /// Every field it reads, for the dissector to record.
  public var fields: [FieldID] { value.fields }

  /// Whether its values add up: integers, booleans (0 and 1) and time
  /// offsets (in nanoseconds).
  public var isNumeric: Bool { checked.type.isNumeric || isTimeOffset }

  /// Whether its values are time offsets, which print as seconds.
  public var isTimeOffset: Bool { checked.type == .relativeTime }

  // MARK: Keys

  private enum Tag: UInt8 {
    case integer = 1, ipv4, ipv6, bytes, time
  }

  /// Appends the key of each of the packet's values to `keys`, and where
  /// each ends to `ends`.
  /// A protocol or a label alone has one key, its presence.
  public func appendKeys(_ d: Dissection, to keys: inout [UInt8], ends: inout [Int]) {
    let presence = field.map { $0.kind == .protocolItem || $0.kind == .label } ?? false
    _ = value.forEach(d) { value in
      StatsValue.appendKey(presence ? .bytes(.empty) : value, to: &keys)
      ends.append(keys.count)
      return false
    }
  }

  /// For a value that is a field alone: appends the key of each of its
  /// occurrences among `records` (say, one layer's), and where each ends.
  public func appendKeys(_ d: Dissection, records: Range<Int>, to keys: inout [UInt8], ends: inout [Int]) {
    guard let id = checked.field, let field else { return }
    for record in d.records[records] where record.field == id {
      StatsValue.appendKey(RuntimeValue.of(record, kind: field.kind, in: d), to: &keys)
      ends.append(keys.count)
    }
  }

  /// Calls `body` with each of the packet's values that adds up (see `isNumeric`).
  public func forEachNumber(_ d: Dissection, _ body: (Int64) -> Void) {
    _ = value.forEach(d) { value in
      switch value {
      case .integer(let n), .time(let n): body(n)
      default: break
      }
      return false
    }
  }

  /// Appends the key of the integer `n`.
  public static func appendKey(integer n: Int64, to keys: inout [UInt8]) { appendKey(.integer(n), to: &keys) }

  /// The integer whose key is `key`.
  public static func integer(ofKey key: ArraySlice<UInt8>) -> Int64 {
    Int64(bitPattern: bigEndian(key, from: key.startIndex + 1, bytes: 8) ^ (1 << 63))
  }

  /// Appends the key of `value`.
  public static func appendKey(_ value: RuntimeValue, to keys: inout [UInt8]) {
    let start = keys.count
    keys.append(contentsOf: repeatElement(0, count: keyLength(of: value)))
    keys.withUnsafeMutableBufferPointer { _ = writeKey(value, to: $0, at: start) }
  }

  /// The length of `value`'s key: at most 17 bytes, but for a byte string.
  private static func keyLength(of value: RuntimeValue) -> Int {
    switch value {
    case .integer, .time: 9
    case .ipv4: 5
    case .ipv6: 17
    case .bytes(let b): 5 + b.count
    }
  }

  /// Writes the key of `value` into `out` from `index`, where there must be
  /// room for `keyLength(of:)` bytes; answers where it ends.
  @inline(__always)
  public static func writeKey(_ value: RuntimeValue, to out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
    switch value {
    case .integer(let n):
      out[index] = Tag.integer.rawValue
      return writeBigEndian(UInt64(bitPattern: n) ^ (1 << 63), bytes: 8, to: out, at: index + 1)
    case .time(let t):
      out[index] = Tag.time.rawValue
      return writeBigEndian(UInt64(bitPattern: t) ^ (1 << 63), bytes: 8, to: out, at: index + 1)
    case .ipv4(let a):
      out[index] = Tag.ipv4.rawValue
      return writeBigEndian(UInt64(a), bytes: 4, to: out, at: index + 1)
    case .ipv6(let high, let low):
      out[index] = Tag.ipv6.rawValue
      return writeBigEndian(low, bytes: 8, to: out, at: writeBigEndian(high, bytes: 8, to: out, at: index + 1))
    case .bytes(let b):
      out[index] = Tag.bytes.rawValue
      var end = writeBigEndian(UInt64(b.count), bytes: 4, to: out, at: index + 1)
      for i in 0..<b.count {
        out[end] = b.byte(i)
        end += 1
      }
      return end
    }
  }

  /// The last `bytes` bytes of `value`, most significant first, from `index`; answers where they end.
  @inline(__always)
  private static func writeBigEndian(_ value: UInt64, bytes: Int, to out: UnsafeMutableBufferPointer<UInt8>, at index: Int)
    -> Int
  {
    for i in 0..<bytes { out[index + i] = UInt8(truncatingIfNeeded: value &>> (8 * (bytes - 1 - i))) }
    return index + bytes
  }

  private static func bigEndian(_ key: ArraySlice<UInt8>, from start: Int, bytes: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in start..<start + bytes { v = v << 8 | UInt64(key[i]) }
    return v
  }

  /// The length of the key that starts at `start` in `keys`.
  public static func keyLength(_ keys: ArraySlice<UInt8>, at start: Int) -> Int {
    switch Tag(rawValue: keys[start]) {
    case .integer, .time: 9
    case .ipv4: 5
    case .ipv6: 17
    case .bytes: 5 + Int(bigEndian(keys, from: start + 1, bytes: 4))
    case nil: keys.endIndex - start
    }
  }

  /// Orders two keys of one value by the value: numbers and addresses by
  /// size, byte strings byte by byte, a shorter one first on a common prefix.
  public static func compareKeys(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
    let (x, y) = a.first == Tag.bytes.rawValue && b.first == Tag.bytes.rawValue
      ? (a.dropFirst(5), b.dropFirst(5)) : (a, b)
    for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
    return x.count < y.count ? -1 : x.count == y.count ? 0 : 1
  }

  /// A key's value as `print` prints it.
  public func text(ofKey key: ArraySlice<UInt8>) -> String {
    let start = key.startIndex
    let runtime: RuntimeValue
    switch Tag(rawValue: key[start]) {
    case .integer:
      let n = StatsValue.integer(ofKey: key)
      switch field?.kind {
      case .uint(let bytes): return FieldText.integer(UInt64(bitPattern: n), base: field!.base, bytes: bytes)
      case .boolean: return n != 0 ? "1" : "0"
      default: runtime = .integer(n)
      }
    case .time:
      runtime = .time(StatsValue.integer(ofKey: key))
    case .ipv4:
      runtime = .ipv4(UInt32(StatsValue.bigEndian(key, from: start + 1, bytes: 4)))
    case .ipv6:
      runtime = .ipv6(StatsValue.bigEndian(key, from: start + 1, bytes: 8), StatsValue.bigEndian(key, from: start + 9, bytes: 8))
    case .bytes:
      switch field?.kind {
      case .protocolItem, .label: return field!.label
      default: break
      }
      return Array(key.dropFirst(5)).withUnsafeBytes { bytes in StatsValue.text(.bytes(ByteView(bytes)), checked.type) }
    case nil:
      return ""
    }
    return StatsValue.text(runtime, checked.type)
  }

  private static func text(_ value: RuntimeValue, _ type: ValueType) -> String {
    var out = ByteWriter()
    ValueText.append(value, type: type, to: &out)
    return out.text
  }
}
