import PacketWire

/// A classic BPF program: what `SO_ATTACH_FILTER` takes, what
/// `tcpdump -d` prints, and an interpreter with the kernel's semantics.
///
/// Programs that `FastFilter` makes answer one of three values: `no` (0),
/// `yes`, or `unsure` when the bytes alone cannot say what the dissector
/// would. Both nonzero values accept the packet whole in the kernel (a
/// socket filter's result is the number of bytes to keep).
public struct BPFProgram: Hashable, Sendable, CustomStringConvertible {
  public var instructions: [BPFInstruction]

  /// What a program answers for a packet that matches (tcpdump's snap length).
  public static let yes: UInt32 = 262_144
  /// What a program answers when only dissection can decide.
  public static let unsure: UInt32 = 262_145

  public init(_ instructions: [BPFInstruction]) { self.instructions = instructions }

  /// One instruction a line, numbered, as `tcpdump -d` prints them.
  public var description: String {
    instructions.enumerated().map { i, instruction in
      "(" + String(repeating: "0", count: max(0, 3 - String(i).count)) + "\(i)) " + instruction.image(at: i)
    }.joined(separator: "\n")
  }

  /// Why the kernel would refuse the program (the checks of Linux's
  /// `bpf_check_classic`), or nil when it is valid: at most 4096
  /// instructions, jumps inside the program, scratch indexes below 16,
  /// no division by a zero constant, known opcodes, a `ret` at the end.
  public var validationError: String? {
    let n = instructions.count
    guard n > 0, n <= BPF.maximumInstructions else { return "a program needs 1 to 4096 instructions, not \(n)" }
    for (i, ins) in instructions.enumerated() {
      let remaining = n - i - 1
      switch ins.code & 0x07 {
      case BPF.jmp:
        if ins.code & 0xf0 == BPF.ja {
          if Int(ins.k) >= remaining { return "(\(i)) jumps past the end" }
        } else if Int(ins.jt) >= remaining || Int(ins.jf) >= remaining {
          return "(\(i)) jumps past the end"
        }
      case BPF.ld, BPF.ldx:
        if ins.code & 0xe0 == BPF.mem && ins.k >= UInt32(BPF.memoryWords) { return "(\(i)) scratch index \(ins.k)" }
      case BPF.st, BPF.stx:
        if ins.k >= UInt32(BPF.memoryWords) { return "(\(i)) scratch index \(ins.k)" }
      case BPF.alu:
        let op = ins.code & 0xf0
        if (op == BPF.div || op == BPF.mod) && ins.code & BPF.x == 0 && ins.k == 0 { return "(\(i)) divides by zero" }
        if (op == BPF.lsh || op == BPF.rsh) && ins.code & BPF.x == 0 && ins.k >= 32 { return "(\(i)) shifts by \(ins.k)" }
      default:
        break
      }
      if ins.image(at: i).hasPrefix("unimp") { return "(\(i)) has unknown opcode 0x\(String(ins.code, radix: 16))" }
    }
    guard instructions[n - 1].code & 0x07 == BPF.ret else { return "the last instruction must be ret" }
    return nil
  }

  /// Runs the program as the kernel does over a packet of `wireLength`
  /// bytes of which `packet` holds the first ones: a load past the bytes
  /// present answers 0 (rejects), as does a division by zero; `len` is
  /// `wireLength`; the scratch memory starts zeroed. A malformed program
  /// (a jump past the end, an unknown opcode) also answers 0: nothing traps.
  public func run(packet: ByteView, wireLength: Int) -> UInt32 {
    run(packet: packet, wireLength: wireLength, outOfBounds: 0)
  }

  /// `run`, answering `outOfBounds` when a load falls past the bytes
  /// present. A capture that kept only a prefix of a packet uses `unsure`:
  /// the missing bytes were on the wire, and the kernel would have seen them.
  @inline(__always)
  func run(packet: ByteView, wireLength: Int, outOfBounds: UInt32) -> UInt32 {
    instructions.withUnsafeBufferPointer { program in
      Self.interpret(program, packet, UInt32(truncatingIfNeeded: wireLength), outOfBounds)
    }
  }

  private static func interpret(
    _ program: UnsafeBufferPointer<BPFInstruction>, _ packet: ByteView, _ wireLength: UInt32, _ outOfBounds: UInt32
  ) -> UInt32 {
    let count = packet.count
    let base = packet.base
    var a: UInt32 = 0
    var x: UInt32 = 0
    var memory: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                 UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var pc = 0
    /// Bytes `offset..<offset+size` big-endian, or nil past the bytes present.
    @inline(__always) func load(_ offset: UInt64, _ size: UInt64) -> UInt32? {
      guard offset + size <= UInt64(count), let base else { return nil }
      let p = base + Int(offset)
      switch size {
      case 1: return UInt32(p.load(as: UInt8.self))
      case 2: return UInt32(p.load(as: UInt8.self)) << 8 | UInt32(p.load(fromByteOffset: 1, as: UInt8.self))
      default: return UInt32(bigEndian: p.loadUnaligned(as: UInt32.self))
      }
    }
    while pc < program.count {
      let ins = program[pc]
      pc += 1
      let code = ins.code
      switch code & 0x07 {
      case BPF.ld, BPF.ldx:
        let toX = code & 0x07 == BPF.ldx
        var value: UInt32
        switch code & 0xe0 {
        case BPF.imm: value = ins.k
        case BPF.len: value = wireLength
        case BPF.mem:
          guard ins.k < 16 else { return 0 }
          value = withUnsafeBytes(of: &memory) { $0.load(fromByteOffset: Int(ins.k) * 4, as: UInt32.self) }
        case BPF.abs, BPF.ind:
          let size: UInt64 = code & 0x18 == BPF.b ? 1 : code & 0x18 == BPF.h ? 2 : 4
          // Offsets are 32-bit in the kernel; negative ones name extensions pktsh does not offer.
          let offset = code & 0xe0 == BPF.ind ? x &+ ins.k : ins.k
          guard !toX, offset < 0x8000_0000, let v = load(UInt64(offset), size) else { return toX ? 0 : outOfBounds }
          value = v
        case BPF.msh:
          guard toX, ins.k < 0x8000_0000, let v = load(UInt64(ins.k), 1) else { return toX ? outOfBounds : 0 }
          value = (v & 0x0f) << 2
        default: return 0
        }
        if toX { x = value } else { a = value }
      case BPF.st, BPF.stx:
        guard ins.k < 16 else { return 0 }
        let value = code & 0x07 == BPF.st ? a : x
        withUnsafeMutableBytes(of: &memory) { $0.storeBytes(of: value, toByteOffset: Int(ins.k) * 4, as: UInt32.self) }
      case BPF.alu:
        let operand = code & BPF.x != 0 ? x : ins.k
        switch code & 0xf0 {
        case BPF.add: a = a &+ operand
        case BPF.sub: a = a &- operand
        case BPF.mul: a = a &* operand
        case BPF.div:
          guard operand != 0 else { return 0 }
          a /= operand
        case BPF.mod:
          guard operand != 0 else { return 0 }
          a %= operand
        case BPF.or: a |= operand
        case BPF.and: a &= operand
        case BPF.xor: a ^= operand
        // Shift counts are taken modulo 32, as the kernel's JITs do.
        case BPF.lsh: a = a &<< operand
        case BPF.rsh: a = a &>> operand
        case BPF.neg: a = 0 &- a
        default: return 0
        }
      case BPF.jmp:
        let op = code & 0xf0
        if op == BPF.ja {
          pc += Int(ins.k)
          continue
        }
        let operand = code & BPF.x != 0 ? x : ins.k
        let holds: Bool
        switch op {
        case BPF.jeq: holds = a == operand
        case BPF.jgt: holds = a > operand
        case BPF.jge: holds = a >= operand
        case BPF.jset: holds = a & operand != 0
        default: return 0
        }
        pc += Int(holds ? ins.jt : ins.jf)
      case BPF.ret:
        return code & 0x18 == BPF.a ? a : ins.k
      default:
        if code & 0xf8 == BPF.txa { a = x } else { x = a }
      }
    }
    return 0
  }
}
