/// One classic BPF instruction, encoded as Linux's `struct sock_filter`
/// (and BSD's `struct bpf_insn`): a 16-bit opcode, two 8-bit forward jump
/// offsets for conditional jumps, and a 32-bit operand.
public struct BPFInstruction: Hashable, Sendable {
  public var code: UInt16
  /// Instructions to skip when a conditional jump's test holds.
  public var jt: UInt8
  /// Instructions to skip when it does not.
  public var jf: UInt8
  public var k: UInt32

  public init(code: UInt16, jt: UInt8 = 0, jf: UInt8 = 0, k: UInt32 = 0) {
    self.code = code
    self.jt = jt
    self.jf = jf
    self.k = k
  }
}

/// The opcode fields of `linux/filter.h` (`BPF_CLASS`, `BPF_SIZE`,
/// `BPF_MODE`, `BPF_OP`, `BPF_SRC`, `BPF_RVAL`, `BPF_MISCOP`), with their values.
public enum BPF {
  // Classes (code & 0x07).
  public static let ld: UInt16 = 0x00
  public static let ldx: UInt16 = 0x01
  public static let st: UInt16 = 0x02
  public static let stx: UInt16 = 0x03
  public static let alu: UInt16 = 0x04
  public static let jmp: UInt16 = 0x05
  public static let ret: UInt16 = 0x06
  public static let misc: UInt16 = 0x07

  // Load sizes (code & 0x18).
  public static let w: UInt16 = 0x00
  public static let h: UInt16 = 0x08
  public static let b: UInt16 = 0x10

  // Load modes (code & 0xe0).
  public static let imm: UInt16 = 0x00
  public static let abs: UInt16 = 0x20
  public static let ind: UInt16 = 0x40
  public static let mem: UInt16 = 0x60
  public static let len: UInt16 = 0x80
  /// `ldxb 4*([k]&0xf)`: the IPv4 header length.
  public static let msh: UInt16 = 0xa0

  // ALU and jump operations (code & 0xf0).
  public static let add: UInt16 = 0x00
  public static let sub: UInt16 = 0x10
  public static let mul: UInt16 = 0x20
  public static let div: UInt16 = 0x30
  public static let or: UInt16 = 0x40
  public static let and: UInt16 = 0x50
  public static let lsh: UInt16 = 0x60
  public static let rsh: UInt16 = 0x70
  public static let neg: UInt16 = 0x80
  public static let mod: UInt16 = 0x90
  public static let xor: UInt16 = 0xa0
  public static let ja: UInt16 = 0x00
  public static let jeq: UInt16 = 0x10
  public static let jgt: UInt16 = 0x20
  public static let jge: UInt16 = 0x30
  public static let jset: UInt16 = 0x40

  // Operand source (code & 0x08): the constant `k` or the X register.
  public static let k: UInt16 = 0x00
  public static let x: UInt16 = 0x08
  /// `ret a`: return the accumulator (code & 0x18 under `ret`).
  public static let a: UInt16 = 0x10

  // Register transfers under `misc` (code & 0xf8).
  public static let tax: UInt16 = 0x00
  public static let txa: UInt16 = 0x80

  /// Scratch memory words (`BPF_MEMWORDS`).
  public static let memoryWords = 16
  /// The most instructions the Linux kernel accepts (`BPF_MAXINSNS`).
  public static let maximumInstructions = 4096
}

extension BPFInstruction: CustomStringConvertible {
  /// The instruction as `tcpdump -d` prints it, without the `(nnn)` prefix
  /// (which needs the instruction's position; see `BPFProgram.description`).
  public var description: String { image(at: nil) }

  /// libpcap's `bpf_image`: mnemonic padded to 8, operand; conditional
  /// jumps add `jt`/`jf` as absolute targets when `position` is known.
  /// (libpcap has no name for `ldx len`; it prints here as `ldx #pktlen`.)
  func image(at position: Int?) -> String {
    let (op, operand) = mnemonic(at: position)
    let cls = code & 0x07
    if cls == BPF.jmp && code & 0xf0 != BPF.ja {
      let targets = position.map { "jt \($0 + 1 + Int(jt))\tjf \($0 + 1 + Int(jf))" } ?? "jt +\(jt)\tjf +\(jf)"
      return pad(op, 8) + " " + pad(operand, 16) + " " + targets
    }
    return pad(op, 8) + " " + operand
  }

  private func mnemonic(at position: Int?) -> (String, String) {
    let hex = "#0x" + String(k, radix: 16)
    let decimal = "#\(Int32(bitPattern: k))"
    let size = ["", "h", "b", "?"][Int(code >> 3 & 3)]
    switch code & 0x07 {
    case BPF.ld:
      switch code & 0xe0 {
      case BPF.abs: return ("ld" + size, "[\(Int32(bitPattern: k))]")
      case BPF.ind: return ("ld" + size, "[x + \(Int32(bitPattern: k))]")
      case BPF.len: return ("ld", "#pktlen")
      case BPF.mem: return ("ld", "M[\(k)]")
      case BPF.imm: return ("ld", hex)
      default: return ("unimp", "0x" + String(code, radix: 16))
      }
    case BPF.ldx:
      switch code & 0xe0 {
      case BPF.msh: return ("ldxb", "4*([\(Int32(bitPattern: k))]&0xf)")
      case BPF.len: return ("ldx", "#pktlen")
      case BPF.mem: return ("ldx", "M[\(k)]")
      case BPF.imm: return ("ldx", hex)
      default: return ("unimp", "0x" + String(code, radix: 16))
      }
    case BPF.st: return ("st", "M[\(k)]")
    case BPF.stx: return ("stx", "M[\(k)]")
    case BPF.alu:
      let names: [UInt16: String] = [
        BPF.add: "add", BPF.sub: "sub", BPF.mul: "mul", BPF.div: "div", BPF.or: "or", BPF.and: "and",
        BPF.lsh: "lsh", BPF.rsh: "rsh", BPF.neg: "neg", BPF.mod: "mod", BPF.xor: "xor",
      ]
      let op = code & 0xf0
      guard let name = names[op] else { return ("unimp", "0x" + String(code, radix: 16)) }
      if op == BPF.neg { return (name, "") }
      if code & BPF.x != 0 { return (name, "x") }
      return (name, [BPF.and, BPF.or, BPF.xor].contains(op) ? hex : decimal)
    case BPF.jmp:
      let names: [UInt16: String] = [BPF.jeq: "jeq", BPF.jgt: "jgt", BPF.jge: "jge", BPF.jset: "jset"]
      let op = code & 0xf0
      if op == BPF.ja { return ("ja", position.map { String($0 + 1 + Int(k)) } ?? "+\(k)") }
      guard let name = names[op] else { return ("unimp", "0x" + String(code, radix: 16)) }
      return (name, code & BPF.x != 0 ? "x" : hex)
    case BPF.ret:
      return ("ret", code & 0x18 == BPF.a ? "" : "#\(k)")
    default:
      return (code & 0xf8 == BPF.txa ? "txa" : "tax", "")
    }
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}

extension BPFInstruction {
  /// A statement: a load, store, ALU operation, return or register transfer.
  static func stmt(_ code: UInt16, _ k: UInt32 = 0) -> BPFInstruction { BPFInstruction(code: code, k: k) }
}
