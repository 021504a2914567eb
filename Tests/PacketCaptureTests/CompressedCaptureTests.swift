import Foundation
import PacketCapture
import Testing

/// Compressed captures (gzip, zstd, lz4) open like the file inside them
/// (tshark reads gzip too): the same interfaces and packets, byte for
/// byte. Damaged compressed data keeps what decompressed before the damage
/// and says why in `problem`, or fails with one line; it never traps.
@Suite struct CompressedCaptureTests {
  static let sources = ["pcapng/le/test202.pcapng", "pcapng/be/test102.pcapng", "tcpdump/dhcpv6-ia-na.pcap"]

  /// The compressors, by the name pktsh's messages give their format.
  static let tools = ["gzip": "gzip -c -n", "zstd": "zstd -c -q", "lz4": "lz4 -c -q"]
  static let formats = tools.keys.sorted()

  /// `bytes` compressed by the system's gzip.
  static func gzip(_ bytes: [UInt8]) throws -> [UInt8] { try compress(bytes, as: "gzip") }

  /// `bytes` compressed by the system's tool for `format`.
  static func compress(_ bytes: [UInt8], as format: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec \(tools[format]!)"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    // Write from another thread: gzip's output fills its pipe while it reads.
    let writer = Thread {
      input.fileHandleForWriting.write(Data(bytes))
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return [UInt8](compressed)
  }

  /// Every packet of `capture`: its number, time and bytes.
  static func packets(_ capture: CaptureFile) throws -> [String] {
    var all: [String] = []
    try capture.forEachPacket { record in
      all.append("\(record.number) \(record.timestamp) \(record.originalLength) \(record.bytes.copyBytes())")
      return true
    }
    return all
  }

  @Test(arguments: formats, sources) func opensAsTheFileInside(_ format: String, _ source: String) throws {
    let plain = try CaptureFile(path: Corpus.path(source))
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.path(source))))
    let compressed = try CaptureFile(path: directory.file("c", try Self.compress(original, as: format)))
    #expect(compressed.format == plain.format)
    #expect(compressed.interfaces == plain.interfaces)
    #expect(try Self.packets(compressed) == Self.packets(plain))
    #expect(compressed.problem == nil)
  }

  /// `cat a.gz b.gz` is one stream, as `gzip -d` reads it (and `zstd -d`, `lz4 -d` theirs).
  @Test(arguments: formats) func readsConcatenatedMembers(_ format: String) throws {
    let source = Corpus.path(Self.sources[2])
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
    let half = original.count / 2
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let joined = try Self.compress(Array(original[..<half]), as: format) + Self.compress(Array(original[half...]), as: format)
    let compressed = try CaptureFile(path: directory.file("c", joined))
    #expect(try Self.packets(compressed) == Self.packets(CaptureFile(path: source)))
    #expect(compressed.problem == nil)
  }

  @Test(arguments: formats, sources) func everyTruncationKeepsWhatCameBefore(_ format: String, _ source: String) throws {
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.path(source))))
    let all = try Self.packets(CaptureFile(path: Corpus.path(source)))
    let compressed = try Self.compress(original, as: format)
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    for length in stride(from: 2, to: compressed.count - 8, by: 7) {
      let path = try directory.file("cut", Array(compressed.prefix(length)))
      do {
        let capture = try CaptureFile(path: path)
        let read = try Self.packets(capture)
        #expect(Array(all.prefix(read.count)) == read)
        #expect(capture.problem == "the \(format) data is cut short")
      } catch {
        #expect(!"\(error)".contains("\n"))
      }
    }
  }

  @Test(arguments: formats) func corruptDataIsAProblemOrOneLine(_ format: String) throws {
    let source = Corpus.path(Self.sources[0])
    let compressed = try Self.compress(try [UInt8](Data(contentsOf: URL(fileURLWithPath: source))), as: format)
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    // Damage told as a problem (packets kept) or as the one line of an
    // error (nothing decompressed before it, as in a file of one block).
    var told = 0
    for position in stride(from: 2, to: compressed.count, by: 5) {
      var bytes = compressed
      bytes[position] ^= 0x5a
      let path = try directory.file("bad", bytes)
      do {
        let capture = try CaptureFile(path: path)
        _ = try Self.packets(capture)
        if let problem = capture.problem {
          told += 1
          #expect(!problem.contains("\n"))
        }
      } catch {
        told += 1
        #expect(!"\(error)".contains("\n"))
      }
    }
    #expect(told > 0)
  }

  @Test func gzipHeaderWithNothingValidIsOneLine() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("junk.gz", [0x1f, 0x8b] + Array("not deflate".utf8))
    #expect {
      _ = try CaptureFile(path: path)
    } throws: { error in
      "\(error)" == "cannot read '\(path)': the gzip data cannot be decompressed after 0 bytes; it may be damaged or corrupt (unknown compression method)"
    }
  }

  /// A signal's check stops the decompression: one line, no file left open.
  @Test func decompressionStopsWhenAsked() throws {
    let source = Corpus.path(Self.sources[2])
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("c.gz", try Self.gzip(try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))))
    #expect {
      _ = try CaptureFile(path: path, stop: { true })
    } throws: { error in
      "\(error)" == "cannot read '\(path)': decompression interrupted"
    }
  }
}
