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
  /// (Decodes the program each time; `FastFilter` keeps a decoded copy.)
  public func run(packet: ByteView, wireLength: Int) -> UInt32 {
    BPFInterpreter(self).run(packet, wireLength: UInt32(truncatingIfNeeded: wireLength), outOfBounds: 0)
  }
}
