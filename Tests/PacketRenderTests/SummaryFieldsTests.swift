import Foundation
import PacketCapture
import PacketDissection
import Testing

@testable import PacketRender

/// `list` records only the fields the protocols' summaries name
/// (`summaryFields`, gathered in `PacketSummaries.fieldsRead`). A field a
/// summary reads but does not name would be absent and change its line:
/// here every packet of the corpus is summarized both ways, from that
/// dissection and from a whole one, and the lines must be the same.
@Suite struct SummaryFieldsTests {
  /// Every capture under `../shared/corpus`, folder by folder (a name
  /// that is not a capture does not open, and is passed by).
  static let folders = ["real", "pcapng", "tcpdump", "wild"]

  @Test(.timeLimit(.minutes(10)), arguments: folders)
  func restrictedDissectionSummarizesAlike(_ folder: String) throws {
    let directory = RenderPaths.corpus + "/" + folder
    let names = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
    var compared = 0
    var differing: [String] = []
    for name in names {
      guard let file = try? CaptureFile(path: directory + "/" + name) else { continue }
      let whole = Dissector()
      let restricted = Dissector()
      whole.interfaces = file.interfaces
      restricted.interfaces = file.interfaces
      restricted.restrict(to: PacketSummaries.fieldsRead)
      let wholeLines = PacketSummarizer()
      let restrictedLines = PacketSummarizer()
      try? file.forEachPacket { record in
        let expected = wholeLines.line(whole.dissect(record))
        let line = restrictedLines.line(restricted.dissect(record))
        compared += 1
        if line != expected { differing.append("\(name) #\(record.number):\n  \(line)\n  \(expected)") }
        return differing.count < 20
      }
      if differing.count >= 20 { break }
    }
    #expect(compared > 0, "expected captures in \(directory)")
    #expect(differing.isEmpty, "summary lines that need a field no summaryFields names:\n\(differing.joined(separator: "\n"))")
  }
}
