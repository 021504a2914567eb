/// The `table` format of `stats` and `count by`: a header, columns
/// aligned (values left, numbers right) and, for a rate (`every`), a bar
/// for each interval scaled to the largest.
enum StatsTable {
  /// The widest bar, in columns.
  static let barWidth = 40

  /// `magnitudes`, one a row, draws bars; nil draws none.
  static func render(_ cells: [[String]], headers: [String], numbersFrom firstNumber: Int, bars magnitudes: [Double?]?)
    -> [String]
  {
    let bars = magnitudes != nil
    let magnitudes = magnitudes ?? []
    let table = [headers] + cells
    var widths = Array(repeating: 0, count: headers.count)
    for row in table {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    let largest = magnitudes.compactMap { $0 }.max() ?? 0
    return table.enumerated().map { n, row in
      var line = ""
      for (i, cell) in row.enumerated() {
        if i > 0 { line += "  " }
        let padding = String(repeating: " ", count: widths[i] - cell.count)
        let isNumber = i == 0 && bars || i >= firstNumber
        line += isNumber ? padding + cell : cell + (i == row.count - 1 && !bars ? "" : padding)
      }
      if bars && n > 0, case let drawn = bar(magnitudes[n - 1] ?? 0, of: largest), !drawn.isEmpty {
        line += "  " + drawn
      }
      return line
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
