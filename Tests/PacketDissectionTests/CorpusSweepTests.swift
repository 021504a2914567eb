import Foundation
import PacketCapture
import PacketDissection
import Testing

/// Every file of the shared corpus (hundreds of captures, many malformed on
/// purpose, and a README) either opens, dissects packet by packet and
/// formats every field, or fails with one line that names the file and the
/// reason. A crash or a hang fails the run.
@Suite struct CorpusSweepTests {
  /// The corpus's top-level entries (folders and files), swept in parallel.
  static let entries: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: Paths.corpus)) ?? []).sorted()

  /// Regular files at or below `entry`, sorted.
  static func files(under entry: String) -> [String] {
    let top = Paths.corpus + "/" + entry
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: top, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [top] }
    let below = FileManager.default.enumerator(atPath: top)?.compactMap { $0 as? String } ?? []
    return below.map { top + "/" + $0 }.filter { path in
      FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
  }

  @Test func corpusIsThere() {
    let count = Self.entries.flatMap(Self.files(under:)).count
    #expect(count > 800, "expected the shared corpus at \(Paths.corpus), found \(count) files")
  }

  @Test(.timeLimit(.minutes(10)), arguments: entries)
  func sweep(_ entry: String) throws {
    for path in Self.files(under: entry) {
      let file: CaptureFile
      do {
        file = try CaptureFile(path: path)
      } catch {
        let line = error.description
        #expect(line.contains(path) && !line.contains("\n") && !error.reason.isEmpty, "unclear error: \(line)")
        continue
      }
      let dissector = Dissector()
      dissector.interfaces = file.interfaces
      var packets = 0
      try file.forEachPacket { record in
        let dissection = dissector.dissect(record)
        for field in dissection.records { _ = FieldText.format(field, in: dissection) }
        packets += 1
        return true
      }
      #expect(packets == file.count, "\(path): walked \(packets) of \(file.count) packets")
    }
  }
}
