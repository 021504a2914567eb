import Foundation
import PacketCapture
import Testing

@Suite struct OpenErrorTests {
  /// Opens `path`, expecting a one-line CaptureError naming it; answers the reason.
  func failure(_ path: String) -> String? {
    do {
      _ = try CaptureFile(path: path)
      Issue.record("\(path) opened")
      return nil
    } catch {
      #expect(error.description == "cannot read '\(path)': \(error.reason)")
      #expect(!error.description.contains("\n"))
      return error.reason
    }
  }

  @Test func missingFile() {
    #expect(failure("/nonexistent/pktsh/none.pcap") == "no such file")
  }

  @Test func directory() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    #expect(failure(directory.path) == "is a directory")
  }

  @Test func emptyFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    #expect(failure(try directory.file("empty.pcap", [])) == "empty file")
  }

  @Test func tooShortForAMagic() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    #expect(failure(try directory.file("tiny", [0xd4, 0xc3])) == "file is too short to be a capture (2 bytes)")
  }

  @Test func truncatedPcapHeader() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("short.pcap", Array(pcapFile(records: []).prefix(20)))
    #expect(failure(path) == "pcap header is truncated")
  }

  @Test func truncatedSectionHeader() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("short.pcapng", Array(sectionHeader().prefix(20)))
    #expect(failure(path) == "pcapng section header is truncated")
  }

  @Test func wrongMagic() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("text.pcap", Array("hello, world\n".utf8))
    #expect(failure(path) == "not a pcap or pcapng file (magic 0x68656c6c)")
  }

  @Test func brokenFirstSectionHeader() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("bom.pcapng", [0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 1, 2, 3, 4] + Array(repeating: 0, count: 16))
    #expect(failure(path)?.contains("unknown byte-order magic 0x01020304") == true)
  }

  @Test func fifoIsNotARegularFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = directory.path + "/fifo"
    #expect(mkfifo(path, 0o600) == 0)
    #expect(failure(path) == "not a regular file")
  }

  @Test(.enabled(if: geteuid() != 0, "root reads any file"))
  func unreadableFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.file("locked.pcap", pcapFile(records: []))
    #expect(chmod(path, 0) == 0)
    #expect(failure(path) == "permission denied")
  }
}
