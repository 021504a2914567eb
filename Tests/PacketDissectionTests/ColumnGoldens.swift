import Foundation
import PacketCapture
import PacketDissection
import Testing

/// Goldens of a few fields, one TSV per capture with tshark's values
/// (the analysis and the reassembly goldens): the file's name from the
/// capture's path, its header the fields of `fieldsList`.
enum ColumnGoldens {
  static func path(_ capture: String, in directory: String) -> String {
    let name = capture.replacingOccurrences(of: "../shared/corpus/", with: "")
      .replacingOccurrences(of: "/", with: "-")
    return Paths.goldens + "/" + directory + "/" + name + ".tsv.gz"
  }

  /// Compares pktsh's values with the golden's packet by packet, either
  /// with the dissector restricted to the golden's fields (it then stops
  /// as low as they allow) or dissecting every layer.
  static func compare(_ capture: String, directory: String, fieldsList: String, script: String, restricted: Bool) throws {
    var lines = try gunzip(path(capture, in: directory)).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    let names = lines.first.map { $0.split(separator: "\t").map(String.init) } ?? []
    #expect(names == (try goldenListLines(fieldsList)), "run Goldens/\(script)")
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
