import PacketWire

/// A classic BPF program decoded once for running in user space.
///
/// Decoding resolves each instruction's class, mode, size and operand
/// source into one operation, so running a packet takes one dispatch per
/// instruction rather than a switch per opcode field. Semantics are the
/// kernel's (see `BPFProgram.run`); an instruction the kernel would refuse
/// decodes to an operation that rejects the packet when it is reached.
struct BPFInterpreter: Sendable {
  private enum Operation {
    case loadWord(UInt32), loadHalf(UInt32), loadByte(UInt32)
    case loadIndexedWord(UInt32), loadIndexedHalf(UInt32), loadIndexedByte(UInt32)
    case loadConstant(UInt32), loadLength, loadMemory(Int)
    case loadXConstant(UInt32), loadXLength, loadXMemory(Int)
    /// `ldxb 4*([k]&0xf)`.
    case loadXHeaderLength(UInt32)
    /// An absolute load at an offset the kernel reads as negative (its extensions).
    case loadOutside
    case store(Int), storeX(Int)
    case alu(ALU, UInt32), aluX(ALU)
    case jumpEqual(UInt32, UInt8, UInt8), jumpGreater(UInt32, UInt8, UInt8)
    case jumpGreaterOrEqual(UInt32, UInt8, UInt8), jumpSet(UInt32, UInt8, UInt8)
    case jumpEqualX(UInt8, UInt8), jumpGreaterX(UInt8, UInt8)
    case jumpGreaterOrEqualX(UInt8, UInt8), jumpSetX(UInt8, UInt8)
    case jump(UInt32)
    case returnConstant(UInt32), returnA
    case copyXToA, copyAToX
    /// An instruction the kernel would refuse: answers 0.
    case invalid
  }

  private enum ALU {
    case add, sub, mul, div, mod, or, and, xor, lsh, rsh, neg
  }

  private let operations: [Operation]

  init(_ program: BPFProgram) {
    operations = program.instructions.map(Self.decode)
  }

  private static func decode(_ ins: BPFInstruction) -> Operation {
    let code = ins.code
    let k = ins.k
    let fromX = code & BPF.x != 0
    switch code & 0x07 {
    case BPF.ld:
      let size = code & 0x18
      switch code & 0xe0 {
      case BPF.imm: return .loadConstant(k)
      case BPF.len: return .loadLength
      case BPF.mem: return k < UInt32(BPF.memoryWords) ? .loadMemory(Int(k)) : .invalid
      case BPF.abs:
        // Offsets are 32-bit in the kernel; negative ones name extensions pktsh does not offer.
        guard k < 0x8000_0000 else { return .loadOutside }
        return size == BPF.b ? .loadByte(k) : size == BPF.h ? .loadHalf(k) : .loadWord(k)
      case BPF.ind:
        return size == BPF.b ? .loadIndexedByte(k) : size == BPF.h ? .loadIndexedHalf(k) : .loadIndexedWord(k)
      default: return .invalid
      }
    case BPF.ldx:
      switch code & 0xe0 {
      case BPF.imm: return .loadXConstant(k)
      case BPF.len: return .loadXLength
      case BPF.mem: return k < UInt32(BPF.memoryWords) ? .loadXMemory(Int(k)) : .invalid
      case BPF.msh: return k < 0x8000_0000 ? .loadXHeaderLength(k) : .loadOutside
      default: return .invalid
      }
    case BPF.st: return k < UInt32(BPF.memoryWords) ? .store(Int(k)) : .invalid
    case BPF.stx: return k < UInt32(BPF.memoryWords) ? .storeX(Int(k)) : .invalid
    case BPF.alu:
      let op: ALU
      switch code & 0xf0 {
      case BPF.add: op = .add
      case BPF.sub: op = .sub
      case BPF.mul: op = .mul
      case BPF.div: op = .div
      case BPF.mod: op = .mod
      case BPF.or: op = .or
      case BPF.and: op = .and
      case BPF.xor: op = .xor
      case BPF.lsh: op = .lsh
      case BPF.rsh: op = .rsh
      case BPF.neg: op = .neg
      default: return .invalid
      }
      return fromX ? .aluX(op) : .alu(op, k)
    case BPF.jmp:
      let (t, f) = (ins.jt, ins.jf)
      switch code & 0xf0 {
      case BPF.ja: return .jump(k)
      case BPF.jeq: return fromX ? .jumpEqualX(t, f) : .jumpEqual(k, t, f)
      case BPF.jgt: return fromX ? .jumpGreaterX(t, f) : .jumpGreater(k, t, f)
      case BPF.jge: return fromX ? .jumpGreaterOrEqualX(t, f) : .jumpGreaterOrEqual(k, t, f)
      case BPF.jset: return fromX ? .jumpSetX(t, f) : .jumpSet(k, t, f)
      default: return .invalid
      }
    case BPF.ret:
      return code & 0x18 == BPF.a ? .returnA : .returnConstant(k)
    default:
      return code & 0xf8 == BPF.txa ? .copyXToA : .copyAToX
    }
  }

  /// Runs the program over `packet` (the bytes present of a packet of
  /// `wireLength` bytes); a load past the bytes present answers `outOfBounds`.
  func run(_ packet: ByteView, wireLength: UInt32, outOfBounds: UInt32) -> UInt32 {
    operations.withUnsafeBufferPointer { program in
      Self.interpret(program, packet, wireLength, outOfBounds)
    }
  }

  private static func interpret(
    _ program: UnsafeBufferPointer<Operation>, _ packet: ByteView, _ wireLength: UInt32, _ outOfBounds: UInt32
  ) -> UInt32 {
    // Loads happen only after a bounds check, so only when there are bytes
    // and `base` is set.
    let base = packet.base
    let count = UInt64(packet.count)
    var a: UInt32 = 0
    var x: UInt32 = 0
    var memory: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                 UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    @inline(__always) func byte(_ offset: UInt64) -> UInt32 {
      UInt32(base.unsafelyUnwrapped.load(fromByteOffset: Int(offset), as: UInt8.self))
    }
    @inline(__always) func half(_ offset: UInt64) -> UInt32 { byte(offset) << 8 | byte(offset + 1) }
    @inline(__always) func word(_ offset: UInt64) -> UInt32 {
      UInt32(bigEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: Int(offset), as: UInt32.self))
    }
    @inline(__always) func indexed(_ k: UInt32) -> UInt64? {
      let offset = x &+ k
      return offset < 0x8000_0000 ? UInt64(offset) : nil
    }
    var pc = 0
    while pc < program.count {
      let operation = program[pc]
      pc += 1
      switch operation {
      case .loadWord(let k):
        guard UInt64(k) + 4 <= count else { return outOfBounds }
        a = word(UInt64(k))
      case .loadHalf(let k):
        guard UInt64(k) + 2 <= count else { return outOfBounds }
        a = half(UInt64(k))
      case .loadByte(let k):
        guard UInt64(k) < count else { return outOfBounds }
        a = byte(UInt64(k))
      case .loadIndexedWord(let k):
        guard let offset = indexed(k), offset + 4 <= count else { return outOfBounds }
        a = word(offset)
      case .loadIndexedHalf(let k):
        guard let offset = indexed(k), offset + 2 <= count else { return outOfBounds }
        a = half(offset)
      case .loadIndexedByte(let k):
        guard let offset = indexed(k), offset < count else { return outOfBounds }
        a = byte(offset)
      case .loadConstant(let k): a = k
      case .loadLength: a = wireLength
      case .loadMemory(let i): a = withUnsafeBytes(of: &memory) { $0.load(fromByteOffset: i * 4, as: UInt32.self) }
      case .loadXConstant(let k): x = k
      case .loadXLength: x = wireLength
      case .loadXMemory(let i): x = withUnsafeBytes(of: &memory) { $0.load(fromByteOffset: i * 4, as: UInt32.self) }
      case .loadXHeaderLength(let k):
        guard UInt64(k) < count else { return outOfBounds }
        x = (byte(UInt64(k)) & 0x0f) << 2
      case .loadOutside: return outOfBounds
      case .store(let i): withUnsafeMutableBytes(of: &memory) { $0.storeBytes(of: a, toByteOffset: i * 4, as: UInt32.self) }
      case .storeX(let i): withUnsafeMutableBytes(of: &memory) { $0.storeBytes(of: x, toByteOffset: i * 4, as: UInt32.self) }
      case .alu(let op, let k):
        guard let result = apply(op, a, k) else { return 0 }
        a = result
      case .aluX(let op):
        guard let result = apply(op, a, x) else { return 0 }
        a = result
      case .jumpEqual(let k, let t, let f): pc += Int(a == k ? t : f)
      case .jumpGreater(let k, let t, let f): pc += Int(a > k ? t : f)
      case .jumpGreaterOrEqual(let k, let t, let f): pc += Int(a >= k ? t : f)
      case .jumpSet(let k, let t, let f): pc += Int(a & k != 0 ? t : f)
      case .jumpEqualX(let t, let f): pc += Int(a == x ? t : f)
      case .jumpGreaterX(let t, let f): pc += Int(a > x ? t : f)
      case .jumpGreaterOrEqualX(let t, let f): pc += Int(a >= x ? t : f)
      case .jumpSetX(let t, let f): pc += Int(a & x != 0 ? t : f)
      case .jump(let k): pc += Int(k)
      case .returnConstant(let k): return k
      case .returnA: return a
      case .copyXToA: a = x
      case .copyAToX: x = a
      case .invalid: return 0
      }
    }
    return 0
  }

  /// The accumulator after `op` with `operand`; nil for a division by zero.
  /// Shift counts are taken modulo 32, as the kernel's JITs do.
  @inline(__always)
  private static func apply(_ op: ALU, _ a: UInt32, _ operand: UInt32) -> UInt32? {
    switch op {
    case .add: return a &+ operand
    case .sub: return a &- operand
    case .mul: return a &* operand
    case .div: return operand == 0 ? nil : a / operand
    case .mod: return operand == 0 ? nil : a % operand
    case .or: return a | operand
    case .and: return a & operand
    case .xor: return a ^ operand
    case .lsh: return a &<< operand
    case .rsh: return a &>> operand
    case .neg: return 0 &- a
    }
  }
}
