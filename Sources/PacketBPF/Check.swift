import PacketDissection
import PacketLanguage

/// What a test reads: a protocol's presence, or a field's occurrences,
/// possibly masked (`tcp.flags & 0x12`).
struct Subject {
  var layer: Layer
  /// Nil for a protocol itself.
  var field: FieldModel.Entry?
  var mask: UInt32?
}

/// A checked `Constant` in the form a program compares it in: words of
/// 32 bits or less, most significant first, each with the mask that
/// applies to both sides (an address prefix, split into words).
/// Integers are one word, and may lie outside the range of any field
/// (then the comparison folds).
enum Operand {
  case integer(Int64)
  case words([UInt32], masks: [UInt32])
}

/// A checked filter as BPF reads it, before any packet shape: Wireshark's
/// operators on modelled fields.
indirect enum Check {
  /// Operands left to right, as the filter's chains are written.
  case and([Check]), or([Check]), xor([Check])
  case not(Check)
  case present(Subject)
  /// `field & mask` alone: some occurrence has a bit of the mask set.
  case nonzero(Subject)
  case compare(Subject, CompareOp, Operand)
  /// `in {a, b, c..d}`: some occurrence equals a value or lies in a range.
  case member(Subject, [(Operand, Operand?)])

  /// Every subject, for the layers and bytes the filter reads.
  var subjects: [Subject] {
    switch self {
    case .and(let operands), .or(let operands), .xor(let operands): operands.flatMap(\.subjects)
    case .not(let a): a.subjects
    case .present(let s), .nonzero(let s), .compare(let s, _, _), .member(let s, _): [s]
    }
  }

  /// Tests of packet values its formula makes, saturating at `Int.max`:
  /// each is one conditional jump unless it folds to a constant. An
  /// exclusive or tests each side twice (`a && !b || !a && b`), so a chain
  /// of n doubles n - 1 times.
  var tests: Int {
    switch self {
    case .and(let operands), .or(let operands):
      return operands.reduce(0) { sum($0, $1.tests) }
    case .xor(let operands):
      return operands.reduce(0) { total, operand in
        let t = operand.tests
        return sum(sum(total, total), sum(t, t))
      }
    case .not(let a): return a.tests
    case .present, .nonzero, .compare, .member: return 1
    }
    func sum(_ a: Int, _ b: Int) -> Int {
      let (s, overflow) = a.addingReportingOverflow(b)
      return overflow ? Int.max : s
    }
  }
}

/// The translation from the checked form. It refuses what a program over
/// raw bytes cannot decide, at the node that needs dissection.
extension Check {
  init(_ test: CheckedTest) throws(BPFUnsupported) {
    let at = test.location
    switch test.form {
    case .logical(let op, let operands):
      var checks: [Check] = []
      for operand in operands { checks.append(try Check(operand)) }
      switch op {
      case .and: self = .and(checks)
      case .or: self = .or(checks)
      case .xor: self = .xor(checks)
      }
    case .not(let inner):
      self = .not(try Check(inner))
    case .present(let id):
      self = .present(try Subject(id, at: at))
    case .presentInLayers:
      throw BPFUnsupported("the layer operator needs dissection", at: at)
    case .compareConstant(let op, let value, let constant):
      let s = try Subject(value)
      self = .compare(s, op, try Operand(constant, for: s, at: value.location))
    case .compare(_, let x, let y):
      _ = (try Subject(x), try Subject(y))
      throw BPFUnsupported("comparing two fields needs dissection", at: at)
    case .member(let value, let members):
      let s = try Subject(value)
      var items: [(Operand, Operand?)] = []
      for member in members {
        switch member {
        case .value(let c): items.append((try Operand(c, for: s, at: value.location), nil))
        case .range(let low, let high):
          items.append((try Operand(low, for: s, at: value.location), try Operand(high, for: s, at: value.location)))
        }
      }
      self = .member(s, items)
    case .nonzero(let value):
      self = .nonzero(try Subject(value))
    case .containsConstant, .contains:
      throw BPFUnsupported("'contains' needs dissection", at: at)
    case .matches:
      throw BPFUnsupported("'matches' needs dissection", at: at)
    case .every:
      throw BPFUnsupported("'all' needs dissection", at: at)
    }
  }
}

extension Subject {
  /// A protocol's presence, or a modelled field.
  init(_ id: FieldID, at location: SourceLocation) throws(BPFUnsupported) {
    if id.index == 0 {
      guard let layer = Layer(id.protocolID) else {
        throw BPFUnsupported("protocol '\(id.decl.name)' needs dissection", at: location)
      }
      self.init(layer: layer, field: nil, mask: nil)
      return
    }
    guard let entry = FieldModel.fields[id], let first = entry.spots.first else {
      throw BPFUnsupported("field '\(id.decl.name)' needs dissection", at: location)
    }
    self.init(layer: first.layer, field: entry, mask: nil)
  }

  /// A field, or an integer field masked by a constant (`tcp.flags & 0x12`).
  init(_ value: CheckedValue) throws(BPFUnsupported) {
    let at = value.location
    switch value.form {
    case .field(let id):
      try self.init(id, at: at)
    case .arithmetic(.bitAnd, let a, let b):
      let field: CheckedValue
      let mask: Int64
      switch (a.form, b.form) {
      case (.integer, .integer): throw BPFUnsupported("'&' needs one field and one integer", at: at)
      case (_, .integer(let m)): (field, mask) = (a, m)
      case (.integer(let m), _): (field, mask) = (b, m)
      default:
        _ = (try Subject(a), try Subject(b))
        throw BPFUnsupported("'&' needs one field and one integer", at: at)
      }
      let s = try Subject(field)
      guard s.field?.type == .integer, s.mask == nil else {
        throw BPFUnsupported("'&' needs an integer field and an integer", at: at)
      }
      self.init(layer: s.layer, field: s.field, mask: UInt32(truncatingIfNeeded: mask))
    case .arithmetic:
      throw BPFUnsupported("arithmetic other than 'field & constant' needs dissection", at: at)
    case .fieldInLayers:
      throw BPFUnsupported("the layer operator needs dissection", at: at)
    case .maskedBytes, .maskedAddress:
      throw BPFUnsupported("masking bytes or an address needs dissection", at: at)
    case .absent:
      throw BPFUnsupported("a protocol pktsh does not dissect needs dissection", at: at)
    case .protocolData:
      throw BPFUnsupported("searching a protocol's bytes needs dissection", at: at)
    case .wireBytes, .slice:
      throw BPFUnsupported("slices need dissection", at: at)
    case .length:
      throw BPFUnsupported("len() needs dissection", at: at)
    case .count:
      throw BPFUnsupported("count() needs dissection", at: at)
    case .caseFolded(_, let upper):
      throw BPFUnsupported("\(upper ? "upper" : "lower")() needs dissection", at: at)
    case .negate:
      throw BPFUnsupported("negation needs dissection", at: at)
    case .extreme(_, let greatest):
      throw BPFUnsupported("\(greatest ? "max" : "min")() needs dissection", at: at)
    case .absolute:
      throw BPFUnsupported("abs() needs dissection", at: at)
    case .text:
      throw BPFUnsupported("string() needs dissection", at: at)
    case .test:
      throw BPFUnsupported("a test used as a value needs dissection", at: at)
    case .string:
      throw BPFUnsupported("a comparison needs a field", at: at)
    case .integer, .variable:
      throw BPFUnsupported("a comparison needs a field", at: at)
    }
  }
}

extension Operand {
  /// `constant` as the words of `s`'s field. The checker has read it as
  /// the field's type; a protocol's bytes are not modelled.
  init(_ constant: Constant, for s: Subject, at location: SourceLocation) throws(BPFUnsupported) {
    guard let entry = s.field else { throw BPFUnsupported("comparing a protocol needs dissection", at: location) }
    switch constant {
    case .integer(let n):
      self = .integer(n)
    case .ipv4(let network, let mask):
      self = .words([network], masks: [mask])
    case .ipv6(let high, let low, let maskHigh, let maskLow):
      func split(_ h: UInt64, _ l: UInt64) -> [UInt32] {
        [h >> 32, h, l >> 32, l].map { UInt32(truncatingIfNeeded: $0) }
      }
      self = .words(split(high, low), masks: split(maskHigh, maskLow))
    case .bytes(let b) where b.count == 6 && entry.type == .ether:
      let high = b[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
      self = .words([high, UInt32(b[4]) << 8 | UInt32(b[5])], masks: [~0, 0xffff])
    case .bytes, .time:
      throw BPFUnsupported("this value needs dissection", at: location)
    }
  }
}
