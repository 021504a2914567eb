import Foundation
import PacketCapture
import Testing

/// Read → write → read must keep every packet: bytes, lengths, times.
@Suite struct RoundTripTests {
  static let captures =
    Corpus.files(in: "real").map { String($0.dropFirst(Corpus.root.count + 1)) }
    + ["pcapng/le/test009.pcapng", "pcapng/be/test101.pcapng", "pcapng/le/test202.pcapng"]

  @Test(arguments: captures, [OutputFormat.pcap, .pcapng])
  func roundTrip(_ capture: String, _ format: OutputFormat) throws {
    let original = try CaptureFile(path: Corpus.path(capture))
    let packets = try original.allPackets()
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let target = directory.path + "/copy"

    let linkTypes = Set(packets.map(\.linkType))
    if format == .pcap && linkTypes.count > 1 {
      #expect(throws: CaptureError.self) {
        try CaptureWriter.write(packets, interfaces: original.interfaces, to: target, format: .pcap)
      }
      return
    }
    try CaptureWriter.write(packets, interfaces: original.interfaces, to: target, format: format)
    let copy = try CaptureFile(path: target)
    #expect(copy.problem == nil)
    #expect(copy.count == original.count)
    var mismatches: [Int] = []
    for (index, (before, after)) in zip(packets, try copy.allPackets()).enumerated() {
      var expected = before
      switch format {
      case .pcap:
        expected.comments = []  // pcap has no room for them
        expected.interfaceIndex = nil
      case .pcapng:
        expected.interfaceIndex = before.interfaceIndex ?? 0  // pcap's one interface
      }
      if after != expected { mismatches.append(index + 1) }
    }
    #expect(mismatches.isEmpty, "packets differ: \(mismatches.prefix(10))")
    if format == .pcapng {
      #expect(copy.interfaces.map(\.linkType) == original.interfaces.map(\.linkType))
      #expect(copy.interfaces.map(\.name) == original.interfaces.map(\.name))
    }
  }
}

@Suite struct WriterTests {
  let packets = [
    OwnedPacket(timestamp: Timestamp(seconds: 10, nanoseconds: 5), capturedBytes: [1, 2], linkType: .ethernet),
    OwnedPacket(timestamp: Timestamp(seconds: 11, nanoseconds: 0), capturedBytes: [3], linkType: .raw),
  ]

  /// Records lent by a walk go straight into the writer, one at a time.
  @Test(arguments: [OutputFormat.pcap, .pcapng])
  func walkedRecordsFeedTheWriter(_ format: OutputFormat) throws {
    let capture = try CaptureFile(path: Corpus.path("real/many-protocols.pcap"))
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = directory.path + "/head"
    let writer = try CaptureWriter(path: path, interfaces: capture.interfaces, format: format)
    try capture.forEachPacket(in: 0..<10) { record in
      try writer.append(record)
      return true
    }
    #expect(!FileManager.default.fileExists(atPath: path), "visible before commit")
    try writer.commit()
    #expect(writer.count == 10)
    #expect(try CaptureFile(path: path).allPackets().map(\.capturedBytes)
      == capture.allPackets().prefix(10).map(\.capturedBytes))
  }

  /// An abandoned writer (a `save` interrupted) leaves the destination as
  /// it was and no temporary file; so does one released unfinished.
  @Test func abandonedWriterLeavesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("keep.pcapng", [1, 2, 3])
    let writer = try CaptureWriter(path: path, interfaces: [], format: .pcapng)
    try packets[0].withRecord(number: 1) { try writer.append($0) }
    writer.abandon()
    #expect(throws: CaptureError.self) { try writer.commit() }
    do {
      let forgotten = try CaptureWriter(path: path, interfaces: [], format: .pcap)
      try packets[0].withRecord(number: 1) { try forgotten.append($0) }
    }
    #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.pcapng"])
  }

  /// The system would stop at the NUL and write `out`.
  @Test func fileNameWithNulIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = directory.path + "/out\u{0}.pcapng"
    do {
      try CaptureWriter.write(packets, interfaces: [], to: path, format: .pcapng)
      Issue.record("wrote a file for a name with a NUL")
    } catch {
      #expect(error.description == "cannot write '\(directory.path)/out\\x00.pcapng': a file name cannot contain a NUL byte")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    #expect(throws: CaptureError.self) { try CaptureFile(path: directory.path + "/x\u{0}") }
  }

  @Test func choosesFormatByExtension() {
    #expect(OutputFormat.forPath("a/b.pcapng") == .pcapng)
    #expect(OutputFormat.forPath("B.NTAR") == .pcapng)
    #expect(OutputFormat.forPath("b.pcap") == .pcap)
    #expect(OutputFormat.forPath("b.cap") == .pcap)
  }

  @Test func missingDirectoryFailsCleanly() {
    let path = "/nonexistent/pktsh/out.pcap"
    do {
      try CaptureWriter.write(packets.prefix(1), interfaces: [], to: path, format: .pcap)
      Issue.record("write succeeded")
    } catch {
      #expect(error.description.hasPrefix("cannot write '\(path)': "))
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func failedWriteLeavesExistingFileAndNoTemporary() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("keep.pcap", [1, 2, 3])
    do {
      try CaptureWriter.write(packets, interfaces: [], to: path, format: .pcap)
      Issue.record("mixed link types written to pcap")
    } catch {
      #expect(error.reason.contains("write pcapng instead"))
    }
    #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.pcap"])
  }

  @Test func replacesExistingFileOnSuccess() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("out.pcapng", [1, 2, 3])
    try CaptureWriter.write(packets, interfaces: [], to: path, format: .forPath(path))
    let capture = try CaptureFile(path: path)
    #expect(try capture.allPackets().map(\.capturedBytes) == [[1, 2], [3]])
    #expect(capture.interfaces.map(\.linkType) == [.ethernet, .raw])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.pcapng"])
  }

  @Test func emptyCaptureTakesTheFirstInterfaceLinkType() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = directory.path + "/empty.pcap"
    try CaptureWriter.write([], interfaces: [CaptureInterface(linkType: .linuxSLL2)], to: path, format: .pcap)
    let capture = try CaptureFile(path: path)
    #expect(capture.count == 0)
    #expect(capture.interfaces.first?.linkType == .linuxSLL2)
    #expect(capture.format == .pcap(nanosecond: true, bigEndian: false))
  }

  @Test func pcapRejectsTimesItCannotHold() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let early = OwnedPacket(timestamp: Timestamp(seconds: -5, nanoseconds: 0), capturedBytes: [1], linkType: .raw)
    #expect(throws: CaptureError.self) {
      try CaptureWriter.write([early], interfaces: [], to: directory.path + "/x.pcap", format: .pcap)
    }
  }
}
