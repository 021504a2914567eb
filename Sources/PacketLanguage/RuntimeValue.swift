import PacketDissection
import PacketWire

/// One value while a filter or a value runs. Holds no references of its
/// own: bytes borrow from the packet, the dissection's arena, a constant,
/// or a buffer that lives only while the value is visited.
public enum RuntimeValue {
  case integer(Int64)
  case ipv4(UInt32)
  case ipv6(UInt64, UInt64)
  case bytes(ByteView)
  case time(Int64)

  /// The value of a field occurrence, by the field's kind.
  @inline(__always) static func of(_ record: FieldRecord, kind: FieldKind, in d: Dissection) -> RuntimeValue {
    switch kind {
    case .uint, .boolean, .frameNumber:
      return .integer(Int64(bitPattern: record.value))
    case .int(let bytes):
      let shift = UInt64(64 - max(1, bytes) * 8)
      return .integer(Int64(bitPattern: record.value << shift) >> Int64(shift))
    case .ipv4:
      return .ipv4(UInt32(truncatingIfNeeded: record.value))
    case .ipv6:
      let v = d.valueBytes(record)
      return .ipv6(v.uint64(at: 0) ?? 0, v.uint64(at: 8) ?? 0)
    case .absoluteTime, .relativeTime:
      return .time(Int64(bitPattern: record.value))
    case .protocolItem:
      return .bytes(d.packet.slice(Int(record.offset), Int(record.length)))
    case .ether, .bytes, .string, .label:
      return .bytes(d.valueBytes(record))
    }
  }

  var byteView: ByteView? {
    if case .bytes(let b) = self { return b }
    return nil
  }
}

/// Lexicographic byte comparison, shorter first on a common prefix.
func compareBytes(_ a: ByteView, _ b: ByteView) -> Int {
  let n = min(a.count, b.count)
  var i = 0
  while i < n {
    let (x, y) = (a.byte(i), b.byte(i))
    if x != y { return x < y ? -1 : 1 }
    i += 1
  }
  return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
}

/// Compares two runtime values of the same kind.
func compareValues(_ a: RuntimeValue, _ b: RuntimeValue) -> Int? {
  switch (a, b) {
  case (.integer(let x), .integer(let y)), (.time(let x), .time(let y)):
    return x < y ? -1 : x == y ? 0 : 1
  case (.ipv4(let x), .ipv4(let y)): return x < y ? -1 : x == y ? 0 : 1
  case (.ipv6(let xh, let xl), .ipv6(let yh, let yl)):
    return (xh, xl) < (yh, yl) ? -1 : (xh, xl) == (yh, yl) ? 0 : 1
  case (.bytes(let x), .bytes(let y)): return compareBytes(x, y)
  default: return nil
  }
}

/// Whether `needle` occurs in `haystack`.
func containsBytes(_ haystack: ByteView, _ needle: ByteView) -> Bool {
  if needle.count == 0 { return true }
  guard haystack.count >= needle.count else { return false }
  let first = needle.byte(0)
  var i = 0
  while i <= haystack.count - needle.count {
    if haystack.byte(i) == first {
      var j = 1
      while j < needle.count && haystack.byte(i + j) == needle.byte(j) { j += 1 }
      if j == needle.count { return true }
    }
    i += 1
  }
  return false
}
