/// Builds a classic BPF program from labelled jumps, forward only as BPF
/// requires, and remembers what the registers hold so that a value loaded
/// once is not loaded again on the paths that still have it.
struct Assembler {
  struct Label: Hashable {
    fileprivate let id: Int
  }

  /// What X holds, when known.
  enum XValue: Hashable {
    /// `4*([k]&0xf)`: the length of the IPv4 header at `k`.
    case headerLength(UInt32)
    case wireLength
  }

  /// Register contents known on every path to a point.
  struct Registers: Equatable {
    var a: Value?
    var x: XValue?

    func meet(_ other: Registers) -> Registers {
      Registers(a: a == other.a ? a : nil, x: x == other.x ? x : nil)
    }
  }

  private enum Item {
    case plain(BPFInstruction)
    case branch(code: UInt16, k: UInt32, t: Label, f: Label)
    case always(Label)
    case mark(Label)
  }

  private var items: [Item] = []
  private var labels = 0
  /// Nil where no path reaches (after a `ret` or `ja`): nothing is emitted there.
  private var current: Registers? = Registers()
  private var incoming: [Label: Registers] = [:]

  mutating func label() -> Label {
    labels += 1
    return Label(id: labels)
  }

  /// Marks where `label` jumps to; the registers known here are those known on every path in.
  mutating func place(_ label: Label) {
    items.append(.mark(label))
    switch (current, incoming[label]) {
    case (let here?, let jumped?): current = here.meet(jumped)
    case (nil, let jumped): current = jumped
    case (let here?, nil): current = here
    }
  }

  var reachable: Bool { current != nil }

  /// Emits a statement that leaves the registers as they were, or returns.
  mutating func emit(_ instruction: BPFInstruction) {
    guard current != nil else { return }
    items.append(.plain(instruction))
    if instruction.code & 0x07 == BPF.ret { current = nil }
  }

  /// Emits a statement after which A, or X, holds nothing known.
  mutating func emit(_ instruction: BPFInstruction, clobbering register: Register) {
    emit(instruction)
    switch register {
    case .a: current?.a = nil
    case .x: current?.x = nil
    }
  }

  enum Register { case a, x }

  mutating func jump(_ code: UInt16, _ k: UInt32 = 0, _ t: Label, _ f: Label) {
    guard let state = current else { return }
    if t == f { return always(t) }
    items.append(.branch(code: code, k: k, t: t, f: f))
    for target in [t, f] { incoming[target] = incoming[target].map { $0.meet(state) } ?? state }
    current = nil
  }

  mutating func always(_ target: Label) {
    guard let state = current else { return }
    items.append(.always(target))
    incoming[target] = incoming[target].map { $0.meet(state) } ?? state
    current = nil
  }

  /// Loads `value` into A unless A already holds it.
  mutating func load(_ value: Value) {
    guard let state = current, state.a != value else { return }
    switch value.source {
    case .absolute(let offset, let size):
      emit(.stmt(BPF.ld | Self.sizeCode(size) | BPF.abs, offset))
    case .indexed(let offset, let size, let header):
      loadX(.headerLength(header))
      emit(.stmt(BPF.ld | Self.sizeCode(size) | BPF.ind, offset))
    case .wireLength:
      emit(.stmt(BPF.ld | BPF.w | BPF.len))
    }
    for op in value.operations {
      switch op {
      case .and(let k): emit(.stmt(BPF.alu | BPF.and | BPF.k, k))
      case .rsh(let k): emit(.stmt(BPF.alu | BPF.rsh | BPF.k, k))
      case .lsh(let k): emit(.stmt(BPF.alu | BPF.lsh | BPF.k, k))
      }
    }
    current?.a = value
  }

  mutating func loadX(_ value: XValue) {
    guard let state = current, state.x != value else { return }
    switch value {
    case .headerLength(let at): emit(.stmt(BPF.ldx | BPF.b | BPF.msh, at))
    case .wireLength: emit(.stmt(BPF.ldx | BPF.w | BPF.len))
    }
    current?.x = value
  }

  /// Jumps to `t` when `value` meets `condition`, else to `f`.
  mutating func test(_ value: Value, _ condition: Condition, _ t: Label, _ f: Label) {
    load(value)
    switch condition {
    case .equal(let k): jump(BPF.jmp | BPF.jeq | BPF.k, k, t, f)
    case .greater(let k): jump(BPF.jmp | BPF.jgt | BPF.k, k, t, f)
    case .greaterOrEqual(let k): jump(BPF.jmp | BPF.jge | BPF.k, k, t, f)
    case .anyBits(let k): jump(BPF.jmp | BPF.jset | BPF.k, k, t, f)
    }
  }

  /// Jumps to `t` when `p` holds, else to `f`, evaluating `&&` and `||` lazily.
  mutating func branch(_ p: Predicate, _ t: Label, _ f: Label) {
    switch p {
    case .constant(let b): always(b ? t : f)
    case .test(let value, let condition): test(value, condition, t, f)
    case .not(let inner): branch(inner, f, t)
    case .and(let parts), .or(let parts):
      let isAnd = if case .and = p { true } else { false }
      for part in parts.dropLast() {
        let next = label()
        if isAnd { branch(part, next, f) } else { branch(part, t, next) }
        place(next)
      }
      if let last = parts.last { branch(last, t, f) }
    }
  }

  private static func sizeCode(_ size: UInt32) -> UInt16 { size == 1 ? BPF.b : size == 2 ? BPF.h : BPF.w }

  /// The instructions with labels resolved. A conditional jump reaches at
  /// most 255 instructions ahead; a farther target is reached through a
  /// hop (a `ja`, or a copy of the `ret` it leads to) placed as far ahead
  /// as the jump reaches, where no instruction falls through, and shared
  /// by every later jump to the same target that reaches it. Nil when a
  /// jump still cannot reach (no program of such a length is valid).
  func assemble() -> [BPFInstruction]? {
    var items = Self.withoutJumpsToNext(Self.withoutDeadCode(Self.threaded(self.items)))
    var next = labels
    var hops: [Label: [Label]] = [:]
    var returns: [Label: BPFInstruction] = [:]
    for (i, item) in items.enumerated() {
      guard case .mark(let l) = item else { continue }
      var j = i + 1
      while j < items.count, case .mark = items[j] { j += 1 }
      if j < items.count, case .plain(let ins) = items[j], ins.code & 0x07 == BPF.ret { returns[l] = ins }
    }
    placing: while true {
      var position: [Label: Int] = [:]
      var pcs: [Int] = []
      var count = 0
      for item in items {
        pcs.append(count)
        if case .mark(let l) = item { position[l] = count } else { count += 1 }
      }
      for (index, item) in items.enumerated() {
        guard case .branch(let code, let k, var t, var f) = item else { continue }
        let pc = pcs[index]
        func reaches(_ l: Label) -> Bool { position[l, default: 0] - pc - 1 <= 255 }
        for isTrue in [true, false] {
          let target = isTrue ? t : f
          if reaches(target) { continue }
          if let hop = hops[target, default: []].first(where: { position[$0, default: 0] > pc && reaches($0) }) {
            if isTrue { t = hop } else { f = hop }
            continue
          }
          // The farthest point in reach after an instruction that does not
          // fall through, with room left for hops later placed before it.
          var at = index + 1
          var j = index + 1
          while j < items.count, pcs[j] - pc - 1 <= 240 {
            if Self.endsFlow(items[j - 1]) { at = j }
            j += 1
          }
          next += 1
          let hop = Label(id: next)
          hops[target, default: []].append(hop)
          items.insert(contentsOf: [.mark(hop), returns[target].map { .plain($0) } ?? .always(target)], at: at)
          if isTrue { t = hop } else { f = hop }
          items[index] = .branch(code: code, k: k, t: t, f: f)
          continue placing
        }
        items[index] = .branch(code: code, k: k, t: t, f: f)
      }
      return Self.resolve(items, position)
    }
  }

  /// Whether control never falls through past `item`.
  private static func endsFlow(_ item: Item) -> Bool {
    switch item {
    case .branch, .always: true
    case .plain(let ins): ins.code & 0x07 == BPF.ret
    case .mark: false
    }
  }

  /// Jumps to a `ja` go straight to where it leads. The registers known
  /// there are the same: the `ja` changed none.
  private static func threaded(_ items: [Item]) -> [Item] {
    var leadsTo: [Label: Label] = [:]
    for (i, item) in items.enumerated() {
      guard case .mark(let l) = item else { continue }
      var j = i + 1
      while j < items.count, case .mark = items[j] { j += 1 }
      if j < items.count, case .always(let target) = items[j], target != l { leadsTo[l] = target }
    }
    func final(_ label: Label) -> Label {
      var l = label
      for _ in 0..<items.count {
        guard let next = leadsTo[l] else { break }
        l = next
      }
      return l
    }
    return items.map { item in
      switch item {
      case .branch(let code, let k, let t, let f):
        let (t, f) = (final(t), final(f))
        return t == f ? .always(t) : .branch(code: code, k: k, t: t, f: f)
      case .always(let l): return .always(final(l))
      default: return item
      }
    }
  }

  /// Drops instructions no jump or fall-through reaches.
  private static func withoutDeadCode(_ items: [Item]) -> [Item] {
    var items = items
    while true {
      var targeted: Set<Label> = []
      for item in items {
        switch item {
        case .branch(_, _, let t, let f): targeted.formUnion([t, f])
        case .always(let l): targeted.insert(l)
        default: break
        }
      }
      var out: [Item] = []
      var live = true
      for item in items {
        if case .mark(let l) = item {
          if targeted.contains(l) { live = true }
          out.append(item)
          continue
        }
        if live { out.append(item) }
        if endsFlow(item) { live = false }
      }
      if out.count == items.count { return out }
      items = out
    }
  }

  /// Drops `ja` instructions to the very next instruction.
  private static func withoutJumpsToNext(_ items: [Item]) -> [Item] {
    var out: [Item] = []
    for (i, item) in items.enumerated() {
      if case .always(let target) = item {
        var j = i + 1
        var fallsInto = false
        while j < items.count, case .mark(let l) = items[j] {
          if l == target { fallsInto = true }
          j += 1
        }
        if fallsInto { continue }
      }
      out.append(item)
    }
    return out
  }

  private static func resolve(_ items: [Item], _ position: [Label: Int]) -> [BPFInstruction]? {
    var out: [BPFInstruction] = []
    for item in items {
      let pc = out.count
      func offset(_ l: Label) -> Int { position[l, default: pc + 1] - pc - 1 }
      switch item {
      case .mark: continue
      case .plain(let instruction): out.append(instruction)
      case .always(let l):
        guard let k = UInt32(exactly: offset(l)) else { return nil }
        out.append(BPFInstruction(code: BPF.jmp | BPF.ja, k: k))
      case .branch(let code, let k, let t, let f):
        guard let jt = UInt8(exactly: offset(t)), let jf = UInt8(exactly: offset(f)) else { return nil }
        out.append(BPFInstruction(code: code, jt: jt, jf: jf, k: k))
      }
    }
    return out
  }
}
