import PacketCapture
import PacketDissection
import Testing

@testable import PacketLanguage

/// Filter results against tshark's: every filter of Goldens/filters.tsv on
/// every capture of ../shared/corpus/real must select exactly as many
/// packets as `tshark -Y` did (Goldens/filter-counts.tsv, made by
/// Goldens/make-filter-counts.sh). Each filter runs as pktsh runs it:
/// compiled once, with the dissector told to record only the fields it
/// reads and to stop below the deepest layer it needs.
@Suite struct FilterCountTests {
  static let goldens = Self.here + "/Goldens"
  static var here: String { String(#filePath.split(separator: "/").dropLast().joined(separator: "/")).withRoot }
  static var corpus: String { here + "/../../../shared/corpus/real" }

  struct Expectation: Sendable, CustomTestStringConvertible {
    var capture: String
    var filter: String
    var count: Int
    var testDescription: String { "\(capture): \(filter)" }
  }

  static func expectations() throws -> [Expectation] {
    let text = try String(contentsOfPath: goldens + "/filter-counts.tsv")
    return text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 3, let n = Int(parts[2]) else { return nil }
      return Expectation(capture: String(parts[0]), filter: String(parts[1]), count: n)
    }
  }

  @Test func everyFilterSelectsWhatTsharkSelects() throws {
    let all = try Self.expectations()
    #expect(all.count >= 4 * 60)
    var byCapture: [String: [Expectation]] = [:]
    for e in all { byCapture[e.capture, default: []].append(e) }
    for (name, expectations) in byCapture.sorted(by: { $0.key < $1.key }) {
      let capture = try CaptureFile(path: Self.corpus + "/" + name)
      for expectation in expectations {
        let filter = CompiledFilter(try Checker().test(try Parser.expression(expectation.filter)))
        let dissector = Dissector()
        // The goldens were made with tshark's defragmentation off.
        dissector.defragments = false
        dissector.reassemblesTCP = false
        dissector.restrict(to: filter.fields)
        var n = 0
        try capture.forEachPacket { record in
          if filter.matches(dissector.dissect(record)) { n += 1 }
          return true
        }
        #expect(n == expectation.count, "\(name): \(expectation.filter)")
      }
    }
  }
}

extension String {
  /// `#filePath` split and joined loses the leading slash.
  var withRoot: String { hasPrefix("/") ? self : "/" + self }

  init(contentsOfPath path: String) throws {
    guard let file = fopen(path, "rb") else { throw FileError(path: path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&chunk, 1, chunk.count, file)
      if n <= 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    self = String(decoding: bytes, as: UTF8.self)
  }
}

struct FileError: Error { var path: String }

#if canImport(Glibc)
  import Glibc
#endif
