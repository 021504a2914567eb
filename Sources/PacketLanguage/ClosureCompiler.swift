import PacketDissection
import PacketWire

/// The closure evaluator: turns the checked form into closures over a
/// dissection, once, and notes the fields they read.
///
/// A test is a `(Dissection) -> Bool`. A value is a producer: it visits
/// each of its values in a packet (a field has one per occurrence) until
/// the visitor answers true, and answers whether one did. Nothing is
/// allocated per packet; `upper`, `lower` and masked bytes copy the bytes they make.
struct ClosureCompiler {
  typealias Test = (Dissection) -> Bool
  typealias Producer = (Dissection, (RuntimeValue) -> Bool) -> Bool

  /// Every field the closures read, for the dissector to record.
  private(set) var used: Set<FieldID> = []

  // MARK: Tests

  mutating func test(_ checked: CheckedTest) -> Test {
    switch checked.form {
    case .logical(let op, let operands):
      var tests: [Test] = []
      for operand in operands { tests.append(test(operand)) }
      switch op {
      case .and: return { d in tests.allSatisfy { $0(d) } }
      case .or: return { d in tests.contains { $0(d) } }
      case .xor: return { d in tests.reduce(false) { $0 != $1(d) } }
      }
    case .not(let inner):
      let x = test(inner)
      return { !x($0) }
    case .present(let id):
      used.insert(id)
      return { d in d.contains(id) }
    case .presentInLayers(let id, let layers):
      used.insert(id)
      return { d in
        d.records.indices.contains { i in
          guard d.records[i].field == id else { return false }
          let (number, total) = d.layerNumber(ofRecord: i)
          return layers.contains(number, of: total)
        }
      }
    case .compareConstant(let op, let value, let constant):
      return compare(op, values(value), constant)
    case .compare(let op, let x, let y):
      return compare(op, values(x), values(y))
    case .containsConstant, .contains, .matches, .member:
      let (produce, holds) = eachValue(checked)
      return { d in produce(d) { holds(d, $0) } }
    case .every(let inner):
      let (produce, holds) = eachValue(inner)
      return { d in
        var seen = false
        let failed = produce(d) { value in
          seen = true
          return !holds(d, value)
        }
        return seen && !failed
      }
    case .nonzero(let value):
      let produce = values(value)
      // Masked bytes are zero when every byte is; other bytes when empty.
      let masked: Bool =
        switch value.form {
        case .maskedBytes, .maskedAddress: true
        default: false
        }
      return { d in
        produce(d) { v in
          switch v {
          case .integer(let i), .time(let i): return i != 0
          case .ipv4(let a) where masked: return a != 0
          case .ipv6(let high, let low) where masked: return high != 0 || low != 0
          case .bytes(let b): return masked ? (0..<b.count).contains { b.byte($0) != 0 } : b.count > 0
          default: return true
          }
        }
      }
    }
  }

  private func compare(_ op: CompareOp, _ produce: @escaping Producer, _ c: Constant) -> Test {
    switch op {
    case .equal: return { d in produce(d) { c.compare($0) == 0 } }
    case .notEqual:
      return { d in
        var seen = false
        let equal = produce(d) { value in
          seen = true
          return c.compare(value) == 0
        }
        return seen && !equal
      }
    case .anyNotEqual: return { d in produce(d) { c.compare($0) != 0 } }
    case .allEqual:
      return { d in
        var seen = false
        let failed = produce(d) { value in
          seen = true
          return c.compare(value) != 0
        }
        return seen && !failed
      }
    case .less: return { d in produce(d) { (c.compare($0) ?? 0) < 0 } }
    case .greater: return { d in produce(d) { (c.compare($0) ?? 0) > 0 } }
    case .lessOrEqual: return { d in produce(d) { c.compare($0).map { $0 <= 0 } ?? false } }
    case .greaterOrEqual: return { d in produce(d) { c.compare($0).map { $0 >= 0 } ?? false } }
    }
  }

  private func compare(_ op: CompareOp, _ px: @escaping Producer, _ py: @escaping Producer) -> Test {
    func any(_ d: Dissection, _ holds: @escaping (Int) -> Bool) -> Bool {
      px(d) { a in py(d) { b in compareValues(a, b).map(holds) ?? false } }
    }
    switch op {
    case .equal: return { any($0) { $0 == 0 } }
    case .notEqual: return { d in any(d) { _ in true } && !any(d) { $0 == 0 } }
    case .anyNotEqual: return { any($0) { $0 != 0 } }
    case .allEqual: return { d in any(d) { $0 == 0 } && !any(d) { $0 != 0 } }
    case .less: return { any($0) { $0 < 0 } }
    case .greater: return { any($0) { $0 > 0 } }
    case .lessOrEqual: return { any($0) { $0 <= 0 } }
    case .greaterOrEqual: return { any($0) { $0 >= 0 } }
    }
  }

  /// A relation as its left value's producer and what each of its values
  /// must satisfy: `any` asks it of some value, `all` of every one.
  private mutating func eachValue(_ checked: CheckedTest) -> (Producer, (Dissection, RuntimeValue) -> Bool) {
    switch checked.form {
    case .compareConstant(let op, let value, let c):
      return (values(value), { _, v in
        guard let order = c.compare(v) else { return op == .notEqual || op == .anyNotEqual }
        return op.holds(order)
      })
    case .compare(let op, let x, let y):
      let py = values(y)
      return (values(x), { d, a in py(d) { b in compareValues(a, b).map(op.holds) ?? false } })
    case .containsConstant(let haystack, let needle):
      return (values(haystack), { _, v in
        guard let h = v.byteView else { return false }
        return needle.withUnsafeBytes { containsBytes(h, ByteView($0)) }
      })
    case .contains(let haystack, let needle):
      let pn = values(needle)
      return (values(haystack), { d, h in
        pn(d) { n in
          guard let hb = h.byteView, let nb = n.byteView else { return false }
          return containsBytes(hb, nb)
        }
      })
    case .matches(let subject, let regex):
      return (values(subject), { _, v in v.byteView.map(regex.matches) ?? false })
    case .member(let subject, let members):
      return (values(subject), { _, v in
        members.contains { m in
          switch m {
          case .value(let c): return c.compare(v) == 0
          case .range(let low, let high):
            guard let x = low.compare(v), let y = high.compare(v) else { return false }
            return x >= 0 && y <= 0
          }
        }
      })
    default:
      // The checker quantifies relations only: anything else has no values.
      return ({ _, _ in false }, { _, _ in false })
    }
  }

  // MARK: Values

  /// The value evaluator: a producer of `value`'s values in a packet.
  mutating func values(_ value: CheckedValue) -> Producer {
    switch value.form {
    case .field(let id):
      used.insert(id)
      let kind = id.decl.kind
      return { d, visit in
        for record in d.records where record.field == id {
          if visit(RuntimeValue.of(record, kind: kind, in: d)) { return true }
        }
        return false
      }
    case .fieldInLayers(let id, let layers, let wireBytes):
      used.insert(id)
      let kind = id.decl.kind
      return { d, visit in
        for i in d.records.indices where d.records[i].field == id {
          let (number, total) = d.layerNumber(ofRecord: i)
          guard layers.contains(number, of: total) else { continue }
          let record = d.records[i]
          let value = wireBytes ? .bytes(d.packet.slice(Int(record.offset), Int(record.length))) : RuntimeValue.of(record, kind: kind, in: d)
          if visit(value) { return true }
        }
        return false
      }
    case .protocolData(let proto):
      used.insert(FieldID(proto, 0))
      return { d, visit in
        for layer in d.layers where layer.protocolID == proto && layer.dataEnd >= layer.start {
          if visit(.bytes(d.packet.slice(layer.start, layer.dataEnd - layer.start))) { return true }
        }
        return false
      }
    case .wireBytes(let id):
      used.insert(id)
      return { d, visit in
        for record in d.records where record.field == id {
          if visit(.bytes(d.packet.slice(Int(record.offset), Int(record.length)))) { return true }
        }
        return false
      }
    case .integer(let n):
      return { _, visit in visit(.integer(n)) }
    case .variable(let variable):
      return { _, visit in variable.runtimeValue.map(visit) ?? false }
    case .absent:
      return { _, _ in false }
    case .maskedBytes(let inner, let mask):
      let produce = values(inner)
      return { d, visit in
        produce(d) { value in
          guard let b = value.byteView else { return false }
          let masked = (0..<min(b.count, mask.count)).map { b.byte($0) & mask[$0] }
          return masked.withUnsafeBytes { visit(.bytes(ByteView($0))) }
        }
      }
    case .maskedAddress(let inner, let high, let low):
      let produce = values(inner)
      return { d, visit in
        produce(d) { value in
          switch value {
          case .ipv4(let a): visit(.ipv4(a & UInt32(truncatingIfNeeded: low)))
          case .ipv6(let h, let l): visit(.ipv6(h & high, l & low))
          default: false
          }
        }
      }
    case .slice(let base, let ranges):
      let produce = values(base)
      return { d, visit in
        produce(d) { v in
          guard let bytes = v.byteView else { return false }
          return ranges.apply(to: bytes) { visit(.bytes($0)) }
        }
      }
    case .length(let argument):
      let produce = values(argument)
      return { d, visit in
        produce(d) { value in
          guard let b = value.byteView else { return false }
          return visit(.integer(Int64(b.count)))
        }
      }
    case .count(let id):
      used.insert(id)
      return { d, visit in
        var n: Int64 = 0
        for record in d.records where record.field == id { n += 1 }
        // As tshark: a field that does not occur has no count, not 0.
        return n > 0 && visit(.integer(n))
      }
    case .caseFolded(let argument, let toUpper):
      let produce = values(argument)
      return { d, visit in
        produce(d) { value in
          guard let b = value.byteView else { return false }
          var converted = b.copyBytes()
          for i in converted.indices {
            let c = converted[i]
            if toUpper, c >= 0x61, c <= 0x7a { converted[i] = c - 32 }
            if !toUpper, c >= 0x41, c <= 0x5a { converted[i] = c + 32 }
          }
          return converted.withUnsafeBytes { visit(.bytes(ByteView($0))) }
        }
      }
    case .string(let bytes):
      return { _, visit in bytes.withUnsafeBytes { visit(.bytes(ByteView($0))) } }
    case .test(let checked):
      let holds = test(checked)
      return { d, visit in visit(.integer(holds(d) ? 1 : 0)) }
    case .extreme(let arguments, let greatest):
      return extreme(arguments.map { values($0) }, greatest: greatest)
    case .absolute(let inner):
      let produce = values(inner)
      return { d, visit in
        produce(d) { value in
          switch value {
          case .integer(let i): return visit(.integer(i < 0 ? 0 &- i : i))
          case .time(let t): return visit(.time(t < 0 ? 0 &- t : t))
          default: return false
          }
        }
      }
    case .text(let inner):
      let produce = values(inner)
      let type = inner.type
      return { d, visit in
        produce(d) { value in
          var text = ByteWriter(capacity: 64)
          ValueText.append(value, type: type, to: &text)
          return text.withBytes { visit(.bytes(ByteView($0))) }
        }
      }
    case .arithmetic(let op, let a, let b):
      return arithmetic(op, a, b)
    case .negate(let inner):
      let produce = values(inner)
      return { d, visit in
        produce(d) { value in
          switch value {
          case .integer(let i): return visit(.integer(0 &- i))
          case .time(let t): return visit(.time(0 &- t))
          default: return false
          }
        }
      }
    }
  }

  /// The greatest (or least) of all the values `producers` give, one per
  /// packet. Bytes are copied, as a value may borrow a buffer that lives
  /// only while it is visited (`upper`, `string`).
  private func extreme(_ producers: [Producer], greatest: Bool) -> Producer {
    { d, visit in
      var best: RuntimeValue?
      var bestBytes: [UInt8] = []
      for produce in producers {
        _ = produce(d) { value in
          if let current = best {
            let order: Int?
            if case .bytes(let b) = value {
              order = bestBytes.withUnsafeBytes { compareBytes(b, ByteView($0)) }
            } else {
              order = compareValues(value, current)
            }
            guard let order, greatest ? order > 0 : order < 0 else { return false }
          }
          if case .bytes(let b) = value {
            bestBytes = b.copyBytes()
            best = .bytes(.empty)
          } else {
            best = value
          }
          return false
        }
      }
      guard let best else { return false }
      if case .bytes = best { return bestBytes.withUnsafeBytes { visit(.bytes(ByteView($0))) } }
      return visit(best)
    }
  }

  /// Arithmetic over each pair of values. An integer on the right (`tcp.len
  /// * 8`, the common case) is applied directly, without a producer for it.
  private mutating func arithmetic(_ op: ArithmeticOp, _ a: CheckedValue, _ b: CheckedValue) -> Producer {
    let x = values(a)
    if case .integer(let q) = b.form {
      return { d, visit in
        x(d) { l in
          guard case .integer(let p) = l, let result = Self.apply(op, p, q) else { return false }
          return visit(.integer(result))
        }
      }
    }
    let y = values(b)
    return { d, visit in
      x(d) { l in
        y(d) { r in
          guard case .integer(let p) = l, case .integer(let q) = r, let result = Self.apply(op, p, q) else {
            return false
          }
          return visit(.integer(result))
        }
      }
    }
  }

  /// `p op q`, wrapping; nil when dividing by zero, which, as in tshark,
  /// has no value (so a test of it fails). The one overflow of division,
  /// Int64.min / -1, wraps as + - * do.
  @inline(__always)
  private static func apply(_ op: ArithmeticOp, _ p: Int64, _ q: Int64) -> Int64? {
    switch op {
    case .add: p &+ q
    case .subtract: p &- q
    case .multiply: p &* q
    case .divide: q == 0 ? nil : p.dividedReportingOverflow(by: q).partialValue
    case .modulo: q == 0 ? nil : p.remainderReportingOverflow(dividingBy: q).partialValue
    case .bitAnd: p & q
    }
  }
}

extension CompareOp {
  /// Whether a value ordered `order` against the other side (negative:
  /// less) satisfies the operator for that one value.
  func holds(_ order: Int) -> Bool {
    switch self {
    case .equal, .allEqual: order == 0
    case .notEqual, .anyNotEqual: order != 0
    case .less: order < 0
    case .greater: order > 0
    case .lessOrEqual: order <= 0
    case .greaterOrEqual: order >= 0
    }
  }
}
