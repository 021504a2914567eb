import PacketRender

/// The `table` format of `stats` and `count by`: a header, columns
/// aligned (values left, numbers right) and, for a rate (`every`), a bar
/// for each interval scaled to the largest.
enum StatsTable {
  /// The widest bar, in columns.
  static let barWidth = 40

  /// `magnitudes`, one a row, draws bars; nil draws none. With bars, the
  /// first column (the interval's start) aligns right too, and the bars
  /// start in one column because the last column, an aggregate, is a
  /// number aligned right.
  static func render(_ cells: [[String]], headers: [String], numbersFrom firstNumber: Int, bars magnitudes: [Double?]?)
    -> [String]
  {
    var rightAligned = Set(firstNumber..<headers.count)
    if magnitudes != nil { rightAligned.insert(0) }
    let lines = TextTable.lines([headers] + cells, rightAligned: rightAligned)
    guard let magnitudes else { return lines }
    let largest = magnitudes.compactMap { $0 }.max() ?? 0
    return lines.enumerated().map { n, line in
      guard n > 0, case let drawn = bar(magnitudes[n - 1] ?? 0, of: largest), !drawn.isEmpty else { return line }
      return line + "  " + drawn
    }
  }

  /// `value` as a bar of block characters, eighths of a column at its end.
  static func bar(_ value: Double, of largest: Double) -> String {
    guard largest > 0, value > 0 else { return "" }
    let eighths = Int((value / largest * Double(barWidth * 8)).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
  }
}
