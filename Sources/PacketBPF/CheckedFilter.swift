import PacketDissection
import PacketLanguage

/// Why a filter cannot become a BPF program.
public struct BPFUnsupported: Error, Sendable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}

/// What a test reads: a protocol's presence, or a field's occurrences,
/// possibly masked (`tcp.flags & 0x12`).
struct Subject {
  var layer: Layer
  /// Nil for a protocol itself.
  var field: FieldModel.Entry?
  var mask: UInt32?
}

/// A constant in the form it is compared in: words of 32 bits or less,
/// most significant first, each with the mask that applies to both sides
/// (an address prefix). Integers are one word, and may lie outside the
/// range of any field (then the comparison folds).
enum Operand {
  case integer(Int64)
  case words([UInt32], masks: [UInt32])
}

/// The filter after checking, before any packet shape: Wireshark's
/// operators on modelled fields, with literals read.
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

/// Reads an `Expr`, with `let` names already substituted
/// (`FilterCompiler.resolve`), into a `Check`, or says why it cannot.
/// Follows FilterCompiler's reading of operands (fields, bare and negative
/// literals) so that both agree on what the filter means.
struct FilterReader {
  func read(_ expr: Expr) throws(BPFUnsupported) -> Check {
    switch expr {
    case .logical(let op, let operands):
      var checks: [Check] = []
      for operand in operands { checks.append(try read(operand)) }
      switch op {
      case .and: return .and(checks)
      case .or: return .or(checks)
      case .xor: return .xor(checks)
      }
    case .not(let inner, _):
      return .not(try read(inner))
    case .word(let name, _):
      return .present(try subject(named: name))
    case .compare(let op, let a, let b, _):
      switch (try operand(a), try operand(b)) {
      case (.subject(let s), .literal(let text)): return .compare(s, op, try constant(text, for: s))
      case (.literal(let text), .subject(let s)): return .compare(s, op.mirrored, try constant(text, for: s))
      case (.subject, .subject): throw BPFUnsupported("comparing two fields needs dissection")
      case (.literal, .literal): throw BPFUnsupported("a comparison needs a field")
      }
    case .member(let a, let elements, _):
      guard case .subject(let s) = try operand(a) else { throw BPFUnsupported("'in' needs a field") }
      var items: [(Operand, Operand?)] = []
      for element in elements {
        switch element {
        case .value(let e): items.append((try literal(e, for: s), nil))
        case .range(let low, let high): items.append((try literal(low, for: s), try literal(high, for: s)))
        }
      }
      return .member(s, items)
    case .arithmetic(.bitAnd, _, _, _):
      guard case .subject(let s) = try operand(expr) else { throw BPFUnsupported("'&' needs a field") }
      return .nonzero(s)
    case .contains, .matches, .slice, .call, .arithmetic, .negate, .string:
      throw Self.unsupported(expr)
    }
  }

  /// Why an expression that is neither a field nor a test of one needs dissection.
  private static func unsupported(_ expr: Expr) -> BPFUnsupported {
    switch expr {
    case .contains: BPFUnsupported("'contains' needs dissection")
    case .matches: BPFUnsupported("'matches' needs dissection")
    case .slice: BPFUnsupported("slices need dissection")
    case .call(let name, _, _): BPFUnsupported("\(name)() needs dissection")
    case .arithmetic: BPFUnsupported("arithmetic other than 'field & constant' needs dissection")
    case .negate: BPFUnsupported("negation needs dissection")
    case .string: BPFUnsupported("strings need dissection")
    default: BPFUnsupported("expected a field or a value")
    }
  }

  private enum Side {
    case subject(Subject)
    case literal(String)
  }

  private func operand(_ expr: Expr) throws(BPFUnsupported) -> Side {
    switch expr {
    case .word(let name, _):
      if Registry.field(named: name) != nil { return .subject(try subject(named: name)) }
      return .literal(name)
    case .negate(.word(let text, _), _) where Registry.field(named: text) == nil:
      return .literal("-" + text)
    case .arithmetic(.bitAnd, let a, let b, _):
      switch (try operand(a), try operand(b)) {
      case (.subject(let s), .literal(let text)), (.literal(let text), .subject(let s)):
        guard s.field?.type == .integer, s.mask == nil, let m = Literals.integer(text) else {
          throw BPFUnsupported("'&' needs an integer field and an integer")
        }
        return .subject(Subject(layer: s.layer, field: s.field, mask: UInt32(truncatingIfNeeded: m)))
      default:
        throw BPFUnsupported("'&' needs one field and one integer")
      }
    default:
      throw Self.unsupported(expr)
    }
  }

  private func subject(named name: String) throws(BPFUnsupported) -> Subject {
    guard let id = Registry.field(named: name) else { throw BPFUnsupported("unknown field '\(name)'") }
    if id.index == 0 {
      guard let layer = Layer(id.protocolID) else { throw BPFUnsupported("protocol '\(name)' needs dissection") }
      return Subject(layer: layer, field: nil, mask: nil)
    }
    guard let entry = FieldModel.fields[id], let first = entry.spots.first else {
      throw BPFUnsupported("field '\(name)' needs dissection")
    }
    return Subject(layer: first.layer, field: entry, mask: nil)
  }

  private func literal(_ expr: Expr, for s: Subject) throws(BPFUnsupported) -> Operand {
    guard case .literal(let text) = try operand(expr) else { throw BPFUnsupported("set elements must be values") }
    return try constant(text, for: s)
  }

  /// The literal as the subject's type reads it (FilterCompiler's `constant`).
  private func constant(_ text: String, for s: Subject) throws(BPFUnsupported) -> Operand {
    guard let entry = s.field else { throw BPFUnsupported("comparing a protocol needs dissection") }
    let converted: Operand?
    if s.mask != nil {
      converted = Literals.integer(text, boolean: false).map { .integer($0) }
    } else {
      switch entry.type {
      case .integer:
        converted = Literals.integer(text, boolean: entry.isBoolean).map { .integer($0) }
      case .ipv4:
        converted = Literals.ipv4(text).map { value, prefix in
          .words([value], masks: [prefix == 0 ? 0 : ~0 << UInt32(32 - prefix)])
        }
      case .ipv6:
        converted = Literals.ipv6(text).map { high, low, prefix in
          let words = [high >> 32, high & 0xffff_ffff, low >> 32, low & 0xffff_ffff].map { UInt32($0) }
          let masks = (0..<4).map { i -> UInt32 in
            let bits = min(32, max(0, prefix - 32 * i))
            return bits == 0 ? 0 : ~0 << UInt32(32 - bits)
          }
          return .words(words, masks: masks)
        }
      case .ether:
        converted = Literals.bytes(text).flatMap { b in
          guard b.count == 6 else { return nil }
          let high = b[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
          return .words([high, UInt32(b[4]) << 8 | UInt32(b[5])], masks: [~0, 0xffff])
        }
      }
    }
    guard let converted else { throw BPFUnsupported("'\(text)' is not a value for this field") }
    return converted
  }
}
