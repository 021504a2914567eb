import PacketCapture
import Testing

/// pcapng files built byte by byte, for cases the conformance set lacks.
@Suite struct PcapngBlockTests {
  func open(_ bytes: [UInt8]) throws -> CaptureFile {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    return try CaptureFile(path: try directory.file("t.pcapng", bytes))
  }

  func timestamp(_ capture: CaptureFile, _ index: Int) throws -> String {
    try capture.withPacket(at: index) { $0.timestamp.description }
  }

  @Test(arguments: [false, true]) func decimalAndBinaryResolutionsAndOffset(_ bigEndian: Bool) throws {
    let capture = try open(
      sectionHeader(bigEndian: bigEndian)
        + interfaceBlock(options: [(9, [3])], bigEndian: bigEndian)  // milliseconds
        + interfaceBlock(options: [(9, [0x80 | 10]), (14, offset(-100, bigEndian))], bigEndian: bigEndian)
        + interfaceBlock(bigEndian: bigEndian)  // default microseconds
        + interfaceBlock(options: [(9, [12])], bigEndian: bigEndian)  // picoseconds
        + enhancedPacketBlock(interface: 0, time: 1_500_000_000_123, packet: [1], bigEndian: bigEndian)
        + enhancedPacketBlock(interface: 1, time: 1024 * 1000 + 512, packet: [2], bigEndian: bigEndian)
        + enhancedPacketBlock(interface: 2, time: 1_500_000_000_123_456, packet: [3], bigEndian: bigEndian)
        + enhancedPacketBlock(interface: 3, time: 1_500_000_123_456_789_012, packet: [4], bigEndian: bigEndian))
    #expect(capture.problem == nil)
    #expect(capture.interfaces.map(\.timestampResolution.rawValue) == [3, 0x8a, 6, 12])
    #expect(capture.interfaces[1].timestampOffset == -100)
    #expect(try timestamp(capture, 0) == "1500000000.123000000")
    #expect(try timestamp(capture, 1) == "900.500000000")
    #expect(try timestamp(capture, 2) == "1500000000.123456000")
    #expect(try timestamp(capture, 3) == "1500000.123456789")
  }

  func offset(_ seconds: Int64, _ bigEndian: Bool) -> [UInt8] {
    withUnsafeBytes(of: bigEndian ? seconds.bigEndian : seconds.littleEndian) { Array($0) }
  }

  @Test func simplePacketTakesSnapLengthAndHasNoTime() throws {
    var body = Bytes()
    body.u32(1000)  // original length
    body.raw([UInt8](repeating: 7, count: 100))
    let capture = try open(sectionHeader() + interfaceBlock(snapLength: 64) + pcapngBlock(3, body.data))
    try capture.withPacket(at: 0) { packet in
      #expect(packet.capturedLength == 64)
      #expect(packet.originalLength == 1000)
      #expect(!packet.hasTimestamp)
      #expect(packet.timestamp == .zero)
      #expect(packet.interfaceIndex == 0)
    }
  }

  @Test func obsoletePacketBlockWithComment() throws {
    var body = Bytes()
    body.u16(0)  // interface
    body.u16(0)  // drops
    body.u32(0)
    body.u32(5_000_000)
    body.u32(3)
    body.u32(3)
    body.raw([1, 2, 3, 0])
    body.raw(pcapngOptions([(1, Array("old".utf8))]))
    let capture = try open(sectionHeader() + interfaceBlock() + pcapngBlock(2, body.data))
    try capture.withPacket(at: 0) { packet in
      #expect(packet.bytes.copyBytes() == [1, 2, 3])
      #expect(packet.comments == ["old"])
      #expect(packet.timestamp.description == "5.000000000")
    }
  }

  @Test func skipsOtherBlocksAndKeepsSeveralComments() throws {
    let capture = try open(
      sectionHeader() + pcapngBlock(4, [0, 0, 0, 0]) + interfaceBlock(linkType: 228)
        + pcapngBlock(0x0000_0bad, [1, 2, 3, 4, 5, 6, 7, 8]) + pcapngBlock(5, [0, 0, 0, 0, 0, 0, 0, 0])
        + pcapngBlock(10, [1, 2, 3, 4]) + pcapngBlock(0x1234_5678, [])
        + enhancedPacketBlock(time: 1, packet: [0x45], options: [(1, Array("a".utf8)), (1, Array("b\0".utf8))]))
    #expect(capture.problem == nil)
    #expect(capture.count == 1)
    try capture.withPacket(at: 0) { packet in
      #expect(packet.linkType == .ipv4)
      #expect(packet.comments == ["a", "b"])
    }
  }

  @Test func sectionsMayChangeByteOrder() throws {
    let capture = try open(
      sectionHeader() + interfaceBlock(linkType: 1) + enhancedPacketBlock(time: 1, packet: [1])
        + sectionHeader(bigEndian: true) + interfaceBlock(linkType: 101, bigEndian: true)
        + enhancedPacketBlock(time: 2, packet: [2], bigEndian: true))
    #expect(capture.count == 2)
    #expect(capture.interfaces.map(\.linkType) == [.ethernet, .raw])
    try capture.withPacket(at: 1) { packet in
      #expect(packet.interfaceIndex == 1)
      #expect(packet.bytes.copyBytes() == [2])
    }
  }

  /// Damaged blocks after the first packet: the packet stays, `problem` says why.
  @Test(arguments: [
    ("length not a multiple of four", [6, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("length below twelve", [6, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]),
    ("length past the end", [6, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0, 0, 0, 0]),
    ("length of zero", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("trailing length mismatch", [1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 24, 0, 0, 0]),
    ("partial block header", [6, 0, 0]),
    ("interface not declared", enhancedPacketBlock(interface: 5, time: 0, packet: [1])),
    ("captured length beyond the block", [6, 0, 0, 0, 32, 0, 0, 0] + [UInt8](repeating: 0, count: 12)
      + [0xff, 0, 0, 0, 0xff, 0, 0, 0, 32, 0, 0, 0]),
    ("enhanced packet block too short", pcapngBlock(6, [0, 0, 0, 0])),
    ("unsupported section version", sectionHeader(major: 2)),
  ] as [(String, [UInt8])])
  func damagedBlockStopsWithProblem(_ name: String, _ damage: [UInt8]) throws {
    let capture = try open(
      sectionHeader() + interfaceBlock() + enhancedPacketBlock(time: 1, packet: [1]) + damage
        + enhancedPacketBlock(time: 2, packet: [2]))
    #expect(capture.count == 1, "\(name)")
    #expect(capture.problem != nil, "\(name)")
  }

  @Test func malformedOptionsLoseOnlyTheirTail() throws {
    let capture = try open(
      sectionHeader()
        + interfaceBlock(options: [(2, Array("eth9".utf8)), (3, [UInt8](repeating: 65, count: 5))])
          .enumerated().map { $0.offset == 26 ? 0xff : $0.element }  // description claims 255 bytes
        + enhancedPacketBlock(time: 1, packet: [1]))
    #expect(capture.problem == nil)
    #expect(capture.interfaces.first?.name == "eth9")
    #expect(capture.interfaces.first?.description == nil)
    #expect(capture.count == 1)
  }
}
