import Foundation
import PacketCapture
import PacketDissection
import Testing

/// The field goldens: tshark's `-T fields` output for every field of
/// fields.txt on every capture of captures.txt, made by
/// Goldens/make-field-goldens.sh. pktsh must print exactly the same values,
/// packet by packet, except where differences.txt documents why not.
enum FieldGoldens {
  /// Capture paths relative to the checkout, as captures.txt lists them.
  static let captures: [String] = (try? goldenListLines("captures.txt")) ?? []

  /// The golden of `capture`: its path below the corpus with `/` as `-`,
  /// e.g. `real-http-packets.pcap.tsv.gz`.
  static func goldenPath(_ capture: String) -> String {
    let name = capture.replacingOccurrences(of: "../shared/corpus/", with: "")
      .replacingOccurrences(of: "/", with: "-")
    return Paths.goldens + "/fields/" + name + ".tsv.gz"
  }

  /// differences.txt: `CAPTURE FIELD REASON…` per line.
  struct Difference {
    var capture: String
    var field: String
    var reason: String
  }

  static let differences: [Difference] = ((try? goldenListLines("differences.txt")) ?? []).map { line in
    let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
    return Difference(
      capture: words[0], field: words.count > 1 ? words[1] : "", reason: words.count > 2 ? words[2] : "")
  }

  /// How many disagreements one capture reports one by one.
  static let reportLimit = 20
}

@Suite struct FieldGoldenTests {
  @Test func differencesAreExplained() throws {
    #expect(!FieldGoldens.captures.isEmpty, "captures.txt lists no capture")
    let fields = Set(try goldenListLines("fields.txt"))
    for d in FieldGoldens.differences {
      #expect(!d.reason.isEmpty, "differences.txt: \(d.capture) \(d.field) gives no reason")
      #expect(FieldGoldens.captures.contains(d.capture), "differences.txt: \(d.capture) is not in captures.txt")
      #expect(fields.contains(d.field), "differences.txt: \(d.field) is not in fields.txt")
    }
  }

  @Test(arguments: FieldGoldens.captures)
  func fieldsMatchTshark(_ capture: String) throws {
    var lines = try gunzip(FieldGoldens.goldenPath(capture))
      .split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    let names = lines.first.map { $0.split(separator: "\t").map(String.init) } ?? []
    let listed = try goldenListLines("fields.txt")
    let stale = Set(listed).symmetricDifference(names)
    #expect(stale.isEmpty, "golden and fields.txt disagree on \(stale.sorted()): run Goldens/make-field-goldens.sh")

    let query = try FieldQuery(names: names)
    let file = try CaptureFile(path: Paths.inRepository(capture))
    let dissector = Dissector()
    // The goldens were made with tshark's defragmentation off.
    dissector.defragments = false
    dissector.reassemblesTCP = false
    dissector.interfaces = file.interfaces
    query.configure(dissector)
    let excused = Set(FieldGoldens.differences.filter { $0.capture == capture }.map(\.field))
    let columnOf = Dictionary(query.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var differing: [String: Int] = [:]
    var reported = 0
    try file.forEachPacket { record in
      guard record.number < lines.count else { return false }
      let expected = lines[record.number].split(separator: "\t", omittingEmptySubsequences: false)
      let dissection = dissector.dissect(record)
      // Every column in one pass over the records: `query.line` walks the
      // records once per field, too slow for hundreds of fields in a debug
      // build. It is checked against this on every 64th packet.
      var columns = [String?](repeating: nil, count: names.count)
      for field in dissection.records {
        guard let column = columnOf[field.field] else { continue }
        let text = FieldText.format(field, in: dissection)
        columns[column] = columns[column].map { $0 + "," + text } ?? text
      }
      if record.number % 64 == 1 {
        #expect(query.line(dissection) == columns.map { $0 ?? "" }.joined(separator: "\t"))
      }
      for column in names.indices {
        let actual = GoldenCell.stored(columns[column] ?? "")
        let wanted = column < expected.count ? String(expected[column]) : ""
        guard actual != wanted else { continue }
        differing[names[column], default: 0] += 1
        guard !excused.contains(names[column]) else { continue }
        reported += 1
        if reported <= FieldGoldens.reportLimit {
          Issue.record("\(capture) frame \(record.number) \(names[column]): tshark=\(wanted) pktsh=\(actual)")
        }
      }
      return true
    }
    #expect(file.count == lines.count - 1, "\(capture): \(file.count) packets, tshark saw \(lines.count - 1)")
    if reported > FieldGoldens.reportLimit {
      let counts = differing.filter { !excused.contains($0.key) }.sorted { $0.key < $1.key }
      Issue.record("\(capture): \(reported) disagreements, by field: \(counts.map { "\($0.key) ×\($0.value)" })")
    }
    for field in excused.sorted() where differing[field] == nil {
      Issue.record("\(capture) \(field): listed in differences.txt but agrees with tshark; remove the entry")
    }
  }
}
