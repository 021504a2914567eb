import PacketCapture
import Testing

@Suite struct PcapReadingTests {
  static let magics: [(magic: UInt32, bigEndian: Bool, nanosecond: Bool)] = [
    (0xa1b2_c3d4, false, false), (0xa1b2_c3d4, true, false),
    (0xa1b2_3c4d, false, true), (0xa1b2_3c4d, true, true),
  ]

  @Test(arguments: 0..<4) func readsEachMagic(_ which: Int) throws {
    let (magic, bigEndian, nanosecond) = Self.magics[which]
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("m.pcap", pcapFile(
      magic: magic, bigEndian: bigEndian, linkType: 113,
      records: [(1_700_000_000, 123_456, [1, 2, 3], 3), (1_700_000_001, 7, [4, 5, 6, 7, 8], 60)]))

    let capture = try CaptureFile(path: path)
    #expect(capture.format == .pcap(nanosecond: nanosecond, bigEndian: bigEndian))
    #expect(capture.count == 2)
    #expect(capture.problem == nil)
    #expect(capture.interfaces.map(\.linkType) == [.linuxSLL])
    #expect(capture.interfaces.first?.snapLength == 65535)
    let scale: UInt32 = nanosecond ? 1 : 1000
    try capture.withPacket(at: 0) { packet in
      #expect(packet.number == 1)
      #expect(packet.timestamp == Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456 * scale))
      #expect(packet.bytes.copyBytes() == [1, 2, 3])
      #expect(packet.interfaceIndex == nil)
      #expect(packet.linkType == .linuxSLL)
      #expect(packet.comments.isEmpty)
    }
    try capture.withPacket(at: 1) { packet in
      #expect(packet.timestamp == Timestamp(seconds: 1_700_000_001, nanoseconds: 7 * scale))
      #expect(packet.capturedLength == 5)
      #expect(packet.originalLength == 60)
      #expect(packet.bytes.copyBytes() == [4, 5, 6, 7, 8])
    }
  }

  @Test func keepsSnapLengthTruncation() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("snap.pcap", pcapFile(
      snapLength: 4, records: [(1, 0, [9, 9, 9, 9], 1514), (2, 0, [8, 8], 2)]))
    let capture = try CaptureFile(path: path)
    #expect(capture.interfaces.first?.snapLength == 4)
    let lengths = try capture.allPackets().map { [$0.capturedBytes.count, $0.originalLength] }
    #expect(lengths == [[4, 1514], [2, 2]])
  }

  @Test func masksFcsBitsOfTheLinkType() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("fcs.pcap", pcapFile(linkType: 0x1400_0069, records: []))
    #expect(try CaptureFile(path: path).interfaces.first?.linkType == LinkType(rawValue: 105))
  }

  @Test func carriesUnknownLinkTypes() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("odd.pcap", pcapFile(linkType: 65000, records: [(1, 0, [1], 1)]))
    try CaptureFile(path: path).withPacket(at: 0) { #expect($0.linkType.rawValue == 65000) }
  }

  @Test func fileCutShortInsideAPacketKeepsEarlierPackets() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let whole = pcapFile(records: [(1, 0, [1, 1], 2), (2, 0, [2, 2, 2, 2], 4)])
    let path = try directory.file("cut.pcap", Array(whole.dropLast(2)))
    let capture = try CaptureFile(path: path)
    #expect(capture.count == 1)
    #expect(capture.problem?.contains("packet 2") == true)
  }

  @Test func fileCutShortInsideARecordHeader() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("cut.pcap", pcapFile(records: [(1, 0, [1], 1)]) + [0, 0, 0, 0, 0])
    let capture = try CaptureFile(path: path)
    #expect(capture.count == 1)
    #expect(capture.problem?.contains("header of packet 2") == true)
  }

  @Test func hugeCapturedLengthStopsInsteadOfTrapping() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    var bytes = pcapFile(records: [(1, 0, [1], 1)])
    bytes += [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]
    let capture = try CaptureFile(path: try directory.file("huge.pcap", bytes))
    #expect(capture.count == 1)
    #expect(capture.problem != nil)
  }

  @Test func walksARangeAndStopsWhenAsked() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let records = (0..<10).map { (UInt32($0), UInt32(0), [UInt8($0)], UInt32(1)) }
    let capture = try CaptureFile(path: try directory.file("ten.pcap", pcapFile(records: records)))
    var seen: [Int] = []
    try capture.forEachPacket(in: 3..<20) { seen.append($0.number); return $0.number < 6 }
    #expect(seen == [4, 5, 6])
  }

  /// A pcap file is indexed by the first walk: a walk that stops early
  /// leaves the rest for later, and the damage is known once a walk or
  /// `count` reaches it.
  @Test func firstWalkIndexesAsItGoes() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let records = (0..<10).map { (UInt32($0), UInt32(0), [UInt8($0)], UInt32(1)) }
    let whole = pcapFile(records: records)
    let capture = try CaptureFile(path: try directory.file("cut.pcap", Array(whole.dropLast(1))))
    #expect(!capture.isIndexed)
    var seen: [UInt8] = []
    try capture.forEachPacket { seen += $0.bytes.copyBytes(); return seen.count < 3 }
    #expect(seen == [0, 1, 2])
    #expect(!capture.isIndexed)
    // A later range starts past what is indexed, then the walk reaches the damage.
    seen = []
    try capture.forEachPacket(in: 5..<100) { seen += $0.bytes.copyBytes(); return true }
    #expect(seen == [5, 6, 7, 8])
    #expect(capture.isIndexed)
    #expect(capture.problem?.contains("packet 10") == true)
    #expect(capture.count == 9)
    try capture.withPacket(at: 8) { #expect($0.number == 9) }
  }

  /// `withPacket` and `count` index what no walk has reached.
  @Test func lookupsIndexTheRest() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let records = (0..<4).map { (UInt32($0), UInt32(0), [UInt8($0)], UInt32(1)) }
    let capture = try CaptureFile(path: try directory.file("four.pcap", pcapFile(records: records)))
    try capture.withPacket(at: 3) { #expect($0.bytes.copyBytes() == [3]) }
    #expect(capture.isIndexed)
    #expect(capture.problem == nil)
    var numbers: [Int] = []
    try capture.forEachPacket { numbers.append($0.number); return true }
    #expect(numbers == [1, 2, 3, 4])
  }
}

