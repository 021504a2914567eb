/// Where a value comes from in the packet: what one BPF load reads.
enum Source: Hashable, Sendable {
  /// `size` bytes (1, 2 or 4) at a fixed offset.
  case absolute(UInt32, size: UInt32)
  /// `size` bytes at `offset` plus the IPv4 header length found at byte
  /// `header` (`ldxb 4*([header]&0xf)` then `ld [x + offset]`): fields of
  /// the layer after an IPv4 header with options.
  case indexed(UInt32, size: UInt32, header: UInt32)
  /// The packet's length on the wire (`ld #pktlen`).
  case wireLength

  /// The byte just past the load (for fixed offsets).
  var end: UInt32? {
    if case .absolute(let offset, let size) = self { return offset + size }
    return nil
  }
}

/// An operation applied to the accumulator after the load.
enum ALU: Hashable, Sendable {
  case and(UInt32), rsh(UInt32), lsh(UInt32)
}

/// A value computed in the accumulator: a load and operations on it.
struct Value: Hashable, Sendable {
  var source: Source
  var operations: [ALU] = []

  /// The largest value it can take (a bound used to fold comparisons).
  var maximum: UInt64 {
    var m: UInt64
    switch source {
    case .absolute(_, let size), .indexed(_, let size, _): m = size >= 4 ? 0xffff_ffff : (1 << UInt64(size * 8)) - 1
    case .wireLength: m = 0xffff_ffff
    }
    for op in operations {
      switch op {
      case .and(let k): m = min(m, UInt64(k))
      case .rsh(let k): m >>= UInt64(k)
      case .lsh(let k): m = min(0xffff_ffff, m << UInt64(k))
      }
    }
    return m
  }

  func masked(_ mask: UInt32) -> Value {
    Value(source: source, operations: operations + [.and(mask)])
  }
}

/// A BPF conditional jump's test of the accumulator against a constant.
enum Condition: Hashable, Sendable {
  case equal(UInt32), greater(UInt32), greaterOrEqual(UInt32), anyBits(UInt32)
}

/// A boolean formula over packet values, built under one packet shape so
/// that every field it reads is known to be there: the filter's meaning
/// for packets of that shape, ready to become jumps.
indirect enum Predicate: Hashable, Sendable {
  case constant(Bool)
  case test(Value, Condition)
  case and([Predicate])
  case or([Predicate])
  case not(Predicate)

  static let yes = Predicate.constant(true)
  static let no = Predicate.constant(false)

  /// A conjunction with constants folded away.
  static func all(_ parts: [Predicate]) -> Predicate {
    var kept: [Predicate] = []
    for part in parts {
      switch part {
      case .constant(true): continue
      case .constant(false): return .no
      case .and(let inner): kept += inner
      default: kept.append(part)
      }
    }
    return kept.isEmpty ? .yes : kept.count == 1 ? kept[0] : .and(kept)
  }

  /// A disjunction with constants folded away.
  static func any(_ parts: [Predicate]) -> Predicate {
    var kept: [Predicate] = []
    for part in parts {
      switch part {
      case .constant(false): continue
      case .constant(true): return .yes
      case .or(let inner): kept += inner
      default: kept.append(part)
      }
    }
    return kept.isEmpty ? .no : kept.count == 1 ? kept[0] : .or(kept)
  }

  static func negation(_ p: Predicate) -> Predicate {
    switch p {
    case .constant(let b): return .constant(!b)
    case .not(let inner): return inner
    default: return .not(p)
    }
  }

  /// `value op constant` for an unsigned value, with constants outside the
  /// value's range folded (`tcp.port < 70000` always holds).
  static func compare(_ value: Value, _ op: Relation, _ constant: Int64) -> Predicate {
    let maximum = Int64(value.maximum)
    switch op {
    case .equal:
      return constant < 0 || constant > maximum ? .no : .test(value, .equal(UInt32(constant)))
    case .less:
      return constant <= 0 ? .no : constant > maximum ? .yes : .negation(.test(value, .greaterOrEqual(UInt32(constant))))
    case .lessOrEqual:
      return constant < 0 ? .no : constant >= maximum ? .yes : .negation(.test(value, .greater(UInt32(constant))))
    case .greater:
      return constant < 0 ? .yes : constant >= maximum ? .no : .test(value, .greater(UInt32(constant)))
    case .greaterOrEqual:
      return constant <= 0 ? .yes : constant > maximum ? .no : .test(value, .greaterOrEqual(UInt32(constant)))
    }
  }

  /// Lexicographic comparison of a value made of several words (an
  /// Ethernet or IPv6 address) with a constant of as many words.
  static func compare(words: [(Value, UInt32)], _ op: Relation, _ constant: [UInt32]) -> Predicate {
    let pairs = Array(zip(words.map(\.0), constant))
    func equalBefore(_ j: Int) -> Predicate { all(pairs[..<j].map { compare($0.0, .equal, Int64($0.1)) }) }
    switch op {
    case .equal:
      return equalBefore(pairs.count)
    case .less, .greater:
      return any(pairs.indices.map { j in all([equalBefore(j), compare(pairs[j].0, op, Int64(pairs[j].1))]) })
    case .lessOrEqual:
      return negation(compare(words: words, .greater, constant))
    case .greaterOrEqual:
      return negation(compare(words: words, .less, constant))
    }
  }

  /// Conditional jumps it takes at the least: a bound on the length of its code.
  var tests: Int {
    switch self {
    case .constant: 0
    case .test: 1
    case .and(let ps), .or(let ps): ps.reduce(0) { $0 + $1.tests }
    case .not(let p): p.tests
    }
  }
}

/// An ordering between a value and a constant.
enum Relation {
  case equal, less, lessOrEqual, greater, greaterOrEqual
}
