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
public struct StatsValue: @unchecked Sendable {
  public let checked: CheckedValue
  /// Every field it reads, for the dissector to record.
  public let fields: [FieldID]
  private let produce: ClosureCompiler.Producer
  /// How an integer prints: as its field does (`tcp.flags` as `0x0012`),
  /// or in decimal when it is not a field's.
  private let base: DisplayBase
  private let width: Int
  /// What a protocol or label alone prints: its label, as tshark prints it.
  private let label: String?

  public init(_ checked: CheckedValue) {
    var compiler = ClosureCompiler()
    produce = compiler.values(checked)
    fields = compiler.used.sorted()
    self.checked = checked
    var (base, width, label) = (DisplayBase.dec, 0, String?.none)
    if case .field(let id) = checked.form {
      switch id.decl.kind {
      case .uint(let bytes): (base, width) = (id.decl.base, bytes)
      case .protocolItem, .label: label = id.decl.label
      default: break
      }
    }
    (self.base, self.width, self.label) = (base, width, label)
  }

  /// Whether its values are numbers that add up: integers and booleans.
  public var isNumeric: Bool { checked.type.isNumeric }

  // MARK: Keys

  private enum Tag: UInt8 {
    case integer = 1, ipv4, ipv6, bytes, time
  }

  /// Appends the key of each of the packet's values to `keys`, and where
  /// each ends to `ends`.
  public func appendKeys(_ d: Dissection, to keys: inout [UInt8], ends: inout [Int]) {
    _ = produce(d) { value in
      StatsValue.appendKey(value, to: &keys)
      ends.append(keys.count)
      return false
    }
  }

  /// Calls `body` with each of the packet's values (booleans as 0 and 1).
  public func forEachNumber(_ d: Dissection, _ body: (Int64) -> Void) {
    _ = produce(d) { value in
      if case .integer(let n) = value { body(n) }
      return false
    }
  }

  /// Appends the key of the integer `n`.
  public static func appendKey(integer n: Int64, to keys: inout [UInt8]) { appendKey(.integer(n), to: &keys) }

  /// The integer whose key is `key`.
  public static func integer(ofKey key: ArraySlice<UInt8>) -> Int64 {
    Int64(bitPattern: bigEndian(key, from: key.startIndex + 1, bytes: 8) ^ (1 << 63))
  }

  private static func appendKey(_ value: RuntimeValue, to keys: inout [UInt8]) {
    switch value {
    case .integer(let n):
      keys.append(Tag.integer.rawValue)
      appendBigEndian(UInt64(bitPattern: n) ^ (1 << 63), bytes: 8, to: &keys)
    case .time(let t):
      keys.append(Tag.time.rawValue)
      appendBigEndian(UInt64(bitPattern: t) ^ (1 << 63), bytes: 8, to: &keys)
    case .ipv4(let a):
      keys.append(Tag.ipv4.rawValue)
      appendBigEndian(UInt64(a), bytes: 4, to: &keys)
    case .ipv6(let high, let low):
      keys.append(Tag.ipv6.rawValue)
      appendBigEndian(high, bytes: 8, to: &keys)
      appendBigEndian(low, bytes: 8, to: &keys)
    case .bytes(let b):
      keys.append(Tag.bytes.rawValue)
      appendBigEndian(UInt64(b.count), bytes: 4, to: &keys)
      for i in 0..<b.count { keys.append(b.byte(i)) }
    }
  }

  @inline(__always)
  private static func appendBigEndian(_ value: UInt64, bytes: Int, to keys: inout [UInt8]) {
    for i in stride(from: bytes - 1, through: 0, by: -1) { keys.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
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

  /// A key's value as tshark prints a field of its type.
  public func text(ofKey key: ArraySlice<UInt8>) -> String {
    let start = key.startIndex
    switch Tag(rawValue: key[start]) {
    case .integer:
      let n = StatsValue.integer(ofKey: key)
      return n >= 0 ? FieldText.integer(UInt64(n), base: base, bytes: width) : String(n)
    case .time:
      let t = Int64(bitPattern: StatsValue.bigEndian(key, from: start + 1, bytes: 8) ^ (1 << 63))
      return checked.type == .absoluteTime ? FieldText.absoluteTime(t) : FieldText.relativeTime(t)
    case .ipv4:
      return FieldText.ipv4(UInt32(StatsValue.bigEndian(key, from: start + 1, bytes: 4)))
    case .ipv6:
      return Array(key.dropFirst()).withUnsafeBytes { FieldText.ipv6(ByteView($0)) }
    case .bytes:
      if let label { return label }
      let bytes = Array(key.dropFirst(5))
      switch checked.type {
      case .string: return bytes.withUnsafeBytes { FieldText.escaped(ByteView($0)) }
      case .ether: return bytes.map(hexByte).joined(separator: ":")
      default: return bytes.map(hexByte).joined()
      }
    case nil:
      return ""
    }
  }

  private func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
  }
}
