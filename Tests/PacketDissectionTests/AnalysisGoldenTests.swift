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

  @Test(arguments: captures, [true, false])
  func analysisMatchesTshark(_ capture: String, restricted: Bool) throws {
    try ColumnGoldens.compare(
      capture, directory: "analysis", fieldsList: "analysis-fields.txt", script: "make-analysis-goldens.sh",
      restricted: restricted)
  }
}
