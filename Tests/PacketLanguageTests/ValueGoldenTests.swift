import PacketCapture
import PacketDissection
import Testing

@testable import PacketLanguage

/// Values against tshark's: each expression of Goldens/value-expressions.tsv
/// printed on each packet of the captures in Goldens/values must give the
/// text tshark 4.0's fields give with the arithmetic applied
/// (Goldens/make-value-goldens.sh). The expressions run as `print` runs
/// them: checked as columns, the dissector recording only what they read.
@Suite struct ValueGoldenTests {
  static let values = FilterCountTests.goldens + "/values"

  @Test(arguments: ["http-packets.pcap", "many-protocols.pcap", "tls2.pcap"])
  func printedValuesAgreeWithTshark(capture name: String) throws {
    let lines = try String(contentsOfPath: Self.values + "/\(name).tsv").split(separator: "\n", omittingEmptySubsequences: false)
    let expressions = lines[0].split(separator: "\t").map(String.init)
    var checked: [CheckedValue] = []
    for text in expressions { checked.append(try Checker().column(try Parser.expression(text))) }
    let columns = ValueColumns(checked)
    let dissector = Dissector()
    // The goldens were made with tshark's defragmentation off.
    dissector.defragments = false
    dissector.reassemblesTCP = false
    dissector.restrict(to: columns.fields)
    let capture = try CaptureFile(path: FilterCountTests.corpus + "/" + name)
    var row = 1
    var mismatches = 0
    try capture.forEachPacket { record in
      let got = columns.line(dissector.dissect(record)).split(separator: "\t", omittingEmptySubsequences: false)
      let want = lines[row].split(separator: "\t", omittingEmptySubsequences: false)
      for (i, expression) in expressions.enumerated() where got[i] != want[i] {
        mismatches += 1
        if mismatches <= 10 { Issue.record("\(name) packet \(row): \(expression) is \(got[i]), tshark \(want[i])") }
      }
      row += 1
      return true
    }
    #expect(row == lines.count - 1 || row == lines.count, "\(name): \(row - 1) packets, \(lines.count - 1) golden lines")
    #expect(mismatches == 0)
  }
}
