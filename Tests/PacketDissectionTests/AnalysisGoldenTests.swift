import Foundation
import PacketCapture
import PacketDissection
import Testing

/// The goldens of TCP's sequence analysis: tshark 4.0's values of
/// analysis-fields.txt (with its default analysis preferences) on the
/// captures of analysis-captures.txt, made by
/// Goldens/make-analysis-goldens.sh. pktsh must give the same values packet
/// by packet, both when a question asks for those fields alone (the
/// dissector then stops at TCP) and when every layer is dissected (as
/// `list` and `show` do).
@Suite struct AnalysisGoldenTests {
  static let captures: [String] = (try? goldenListLines("analysis-captures.txt")) ?? []

  static func goldenPath(_ capture: String) -> String {
    let name = capture.replacingOccurrences(of: "../shared/corpus/", with: "")
      .replacingOccurrences(of: "/", with: "-")
    return Paths.goldens + "/analysis/" + name + ".tsv.gz"
  }

  @Test(arguments: captures, [true, false])
  func analysisMatchesTshark(_ capture: String, restricted: Bool) throws {
    var lines = try gunzip(Self.goldenPath(capture)).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    let names = lines.first.map { $0.split(separator: "\t").map(String.init) } ?? []
    #expect(names == (try goldenListLines("analysis-fields.txt")), "run Goldens/make-analysis-goldens.sh")
    let query = try FieldQuery(names: names)
    let file = try CaptureFile(path: Paths.inRepository(capture))
    let dissector = Dissector()
    if restricted { query.configure(dissector) }
    var reported = 0
    try file.forEachPacket { record in
      guard record.number < lines.count else { return false }
      let expected = lines[record.number].split(separator: "\t", omittingEmptySubsequences: false)
      let actual = query.line(dissector.dissect(record)).split(separator: "\t", omittingEmptySubsequences: false)
      for (column, name) in names.enumerated() {
        let wanted = column < expected.count ? expected[column] : ""
        let got = column < actual.count ? actual[column] : ""
        guard wanted != got else { continue }
        reported += 1
        if reported <= 20 {
          Issue.record("\(capture) frame \(record.number) \(name): tshark=\(wanted) pktsh=\(got)")
        }
      }
      return true
    }
    #expect(file.count == lines.count - 1, "\(capture): \(file.count) packets, tshark saw \(lines.count - 1)")
    #expect(reported == 0, "\(capture): \(reported) disagreements")
  }
}
