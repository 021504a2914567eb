import PacketDissection
import Testing

@testable import PacketRender

@Suite struct SummaryTests {
  @Test func matchesTsharkOnManyProtocols() throws {
    let golden = try RenderPaths.golden("summary-many-protocols.txt").split(separator: "\n")
    let summarizer = PacketSummarizer()
    var lines: [String] = []
    try eachDissection(RenderPaths.corpus + "/real/many-protocols.pcap", limit: golden.count) { d in
      lines.append(summarizer.line(d))
    }
    #expect(lines.count == golden.count)
    for (ours, theirs) in zip(lines, golden) {
      #expect(ours == theirs)
    }
  }

  /// The captures of Goldens/summary-captures.txt, each whole.
  static let goldenCaptures: [String] = {
    let list = (try? RenderPaths.golden("summary-captures.txt")) ?? ""
    return list.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }()

  @Test(arguments: goldenCaptures)
  func matchesTsharkOnCapture(_ capture: String) throws {
    let name = String(capture.split(separator: "/").last!.split(separator: ".").dropLast().joined(separator: "."))
    let golden = try RenderPaths.golden("summary-\(name).txt").split(separator: "\n")
    let summarizer = PacketSummarizer()
    var lines: [String] = []
    try eachDissection(RenderPaths.capture(capture), limit: golden.count) { d in
      lines.append(summarizer.line(d))
    }
    #expect(lines.count == golden.count)
    for (ours, theirs) in zip(lines, golden) {
      #expect(ours == theirs)
    }
  }

  @Test func padsLikeTshark() {
    let row = SummaryColumns(
      number: 7, time: "0.5", source: "10.0.0.1", destination: "10.0.0.2", protocolName: "UDP", length: 60,
      info: "1 → 2 Len=18")
    #expect(row.line() == "    7        0.5     10.0.0.1 → 10.0.0.2     UDP 60 1 → 2 Len=18")
  }

  @Test func colourPaintsOnlyTheProtocol() {
    let row = SummaryColumns(
      number: 1, time: "0.000000", source: "a", destination: "b", protocolName: "TCP", length: 1, info: "x")
    #expect(row.line(colour: true, protocolColour: "94").contains(" \u{1b}[94mTCP\u{1b}[0m 1 x"))
    #expect(row.line(colour: false, protocolColour: "94").contains(" TCP 1 x"))
  }

  @Test func timeIsCutNotRounded() {
    #expect(TimeColumn.text(1_999_999_999, digits: 6) == "1.999999")
    #expect(TimeColumn.text(-1_500_000_000, digits: 3) == "-1.500")
    #expect(TimeColumn.text(42_000_000_000, digits: 0) == "42")
    #expect(PacketSummarizer.timeDigits(for: .nanoseconds) == 9)
    #expect(PacketSummarizer.timeDigits(for: .microseconds) == 6)
  }
}
