import PacketBPF
import PacketCapture
import PacketLanguage
import PacketWire
import Testing

@Suite struct BPFProgramTests {
  static func ins(_ code: UInt16, _ k: UInt32 = 0, _ jt: UInt8 = 0, _ jf: UInt8 = 0) -> BPFInstruction {
    BPFInstruction(code: code, jt: jt, jf: jf, k: k)
  }

  /// tcpdump's program for `src host 10.0.0.1 and tcp dst port 443`.
  static let tcpdumpProgram = BPFProgram([
    ins(0x28, 12), ins(0x15, 0x800, 0, 10), ins(0x20, 26), ins(0x15, 0x0a00_0001, 0, 8), ins(0x30, 23),
    ins(0x15, 6, 0, 6), ins(0x28, 20), ins(0x45, 0x1fff, 4, 0), ins(0xb1, 14), ins(0x48, 16),
    ins(0x15, 0x1bb, 0, 1), ins(0x06, 262_144), ins(0x06, 0),
  ])

  @Test func printsLikeTcpdump() {
    let expected = """
      (000) ldh      [12]
      (001) jeq      #0x800           jt 2\tjf 12
      (002) ld       [26]
      (003) jeq      #0xa000001       jt 4\tjf 12
      (004) ldb      [23]
      (005) jeq      #0x6             jt 6\tjf 12
      (006) ldh      [20]
      (007) jset     #0x1fff          jt 12\tjf 8
      (008) ldxb     4*([14]&0xf)
      (009) ldh      [x + 16]
      (010) jeq      #0x1bb           jt 11\tjf 12
      (011) ret      #262144
      (012) ret      #0
      """
    #expect(Self.tcpdumpProgram.description == expected)
    #expect(Self.tcpdumpProgram.validationError == nil)
  }

  /// An Ethernet/IPv4/TCP header (no options) from 10.0.0.1 to port 443.
  static func packet(source: [UInt8] = [10, 0, 0, 1], port: UInt16 = 443) -> [UInt8] {
    var p = [UInt8](repeating: 0, count: 54)
    p[12] = 0x08
    p[14] = 0x45
    p[16] = 0
    p[17] = 40
    p[23] = 6
    p.replaceSubrange(26..<30, with: source)
    p[36] = UInt8(port >> 8)
    p[37] = UInt8(port & 0xff)
    p[46] = 0x50
    return p
  }

  static func run(_ program: BPFProgram, _ bytes: [UInt8], wire: Int? = nil) -> UInt32 {
    bytes.withUnsafeBytes { program.run(packet: ByteView($0), wireLength: wire ?? bytes.count) }
  }

  @Test func interpretsTcpdumpsProgram() {
    #expect(Self.run(Self.tcpdumpProgram, Self.packet()) == 262_144)
    #expect(Self.run(Self.tcpdumpProgram, Self.packet(port: 80)) == 0)
    #expect(Self.run(Self.tcpdumpProgram, Self.packet(source: [10, 0, 0, 2])) == 0)
    // Cut before the port: the load fails and the packet is rejected.
    #expect(Self.run(Self.tcpdumpProgram, Array(Self.packet().prefix(36))) == 0)
  }

  @Test func kernelSemantics() {
    let p: [UInt8] = [1, 2, 3, 4, 5, 6]
    // len is the wire length, not the bytes present.
    #expect(Self.run(BPFProgram([Self.ins(0x80), Self.ins(0x16)]), p, wire: 1500) == 1500)
    // Scratch memory, X, transfers, ALU with X.
    let scratch = BPFProgram([
      Self.ins(0x00, 7), Self.ins(0x02, 3), Self.ins(0x01, 5), Self.ins(0x60, 3), Self.ins(0x0c),
      Self.ins(0x07), Self.ins(0x87), Self.ins(0x16),
    ])
    #expect(Self.run(scratch, p) == 12)
    // Division by zero (in X) returns 0; by a constant it is refused.
    let divide = BPFProgram([Self.ins(0x00, 8), Self.ins(0x01, 0), Self.ins(0x3c), Self.ins(0x06, 1)])
    #expect(Self.run(divide, p) == 0)
    #expect(BPFProgram([Self.ins(0x34, 0), Self.ins(0x06, 1)]).validationError != nil)
    // Indirect loads add X; past the end they reject.
    let indirect = BPFProgram([Self.ins(0x01, 2), Self.ins(0x48, 2), Self.ins(0x16)])
    #expect(Self.run(indirect, p) == 0x0506)
    #expect(Self.run(BPFProgram([Self.ins(0x01, 3), Self.ins(0x48, 2), Self.ins(0x16)]), p) == 0)
    // msh: 4 * low nibble.
    #expect(Self.run(BPFProgram([Self.ins(0xb1, 5), Self.ins(0x87), Self.ins(0x16)]), p) == 24)
    // A jump past the end is invalid, and answers 0 rather than trapping.
    let wild = BPFProgram([Self.ins(0x05, 9), Self.ins(0x06, 1)])
    #expect(wild.validationError != nil)
    #expect(Self.run(wild, p) == 0)
  }

  @Test func benchmarkFilterTranslates() throws {
    let filter = try FastFilter(try checked("ip.src == 10.0.0.1 && tcp.dport == 443"), linkType: .ethernet)
    #expect(Self.run(filter.program, Self.packet()) == BPFProgram.yes)
    #expect(Self.run(filter.program, Self.packet(port: 80)) == 0)
    var icmpError = Self.packet()
    icmpError[23] = 1
    icmpError[34] = 3
    #expect(Self.run(filter.program, icmpError) == BPFProgram.unsure)
  }

  @Test func longProgramsJumpThroughTrampolines() throws {
    let ports = (1...300).map { String($0 * 3) }.joined(separator: ", ")
    let filter = try FastFilter(try checked("tcp.port in {\(ports)} || udp.port == 53"), linkType: .ethernet)
    #expect(filter.program.validationError == nil)
    #expect(Self.run(filter.program, Self.packet(port: 900)) == BPFProgram.yes)
    #expect(Self.run(filter.program, Self.packet(port: 901)) == 0)
  }
}
