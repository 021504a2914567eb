/// Boxes drawn on the RFC grid: 32 bits a row, each bit two columns wide
/// (the bit's own column and the wall after it), `+-+-+` lines between
/// rows, `|` wherever one box ends and the next begins.
///
/// Column `2 * c` is the wall before bit `c` of a row and column
/// `2 * c + 1` the bit itself, so a box of `n` bits has `2 * n - 1`
/// columns inside its walls. Rows are as tall as their texts need (names
/// wrapped, flags written downwards, values under names). A box that
/// fills two or more whole rows has its text on the middle line of those
/// rows, as RFC 8200 draws addresses. A part of variable length, and a
/// value of more than four whole rows, is drawn in three lines with `:`
/// at its sides, as RFC 9293 draws Data.
struct LayoutGrid {
  static let rowBits = 32
  /// Values this many whole rows long or longer are drawn in three lines.
  static let longRows = 5

  let boxes: [LayoutBox]
  let rows: Int
  private let owner: [Int?]

  init(_ boxes: [LayoutBox]) {
    self.boxes = boxes
    let end = boxes.flatMap(\.bits).map(\.upperBound).max() ?? 0
    rows = (end + LayoutGrid.rowBits - 1) / LayoutGrid.rowBits
    var owner = [Int?](repeating: nil, count: rows * LayoutGrid.rowBits)
    for (index, box) in boxes.enumerated() {
      for range in box.bits { for bit in range.clamped(to: 0..<owner.count) { owner[bit] = index } }
    }
    self.owner = owner
  }

  /// The box owning bit `c` of row `r` (nil outside the grid).
  private func at(_ r: Int, _ c: Int) -> Int? {
    guard r >= 0, r < rows, c >= 0, c < LayoutGrid.rowBits else { return nil }
    return owner[r * LayoutGrid.rowBits + c]
  }

  /// Whether a wall stands before bit `c` (0...32) of row `r`.
  private func wall(_ r: Int, _ c: Int) -> Bool { at(r, c - 1) != at(r, c) }

  private struct Segment: Equatable {
    var row: Int
    var bits: Range<Int>
    var isFullRow: Bool { bits.count == LayoutGrid.rowBits }
    /// Columns inside the walls.
    var columns: Range<Int> { (2 * bits.lowerBound + 1)..<(2 * bits.upperBound) }
  }

  private func segments(_ box: LayoutBox) -> [Segment] {
    var out: [Segment] = []
    for range in box.bits {
      var bit = range.lowerBound
      while bit < range.upperBound {
        let row = bit / LayoutGrid.rowBits
        let end = min(range.upperBound, (row + 1) * LayoutGrid.rowBits)
        out.append(Segment(row: row, bits: (bit - row * LayoutGrid.rowBits)..<(end - row * LayoutGrid.rowBits)))
        bit = end
      }
    }
    return out
  }

  /// A text in one row's part of a box.
  private struct Placed {
    var box: Int
    var segment: Segment
    var text: BoxText
    /// Another part of a box whose text is elsewhere: its name only.
    var repeated = false
  }

  /// A text on the middle line of whole rows `first...last` of a box;
  /// `short` draws those rows in three lines.
  private struct Spanning {
    var box: Int
    var first: Int
    var last: Int
    var text: BoxText
    var short: Bool
  }

  private enum Line: Equatable {
    /// The line above row `r` (`r == rows`: below the last).
    case rule(Int)
    case content(row: Int, line: Int)
    /// The middle line of a box drawn in three lines.
    case middle(box: Int)
  }

  /// The diagram, one string per line, and the legend entries (boxes whose
  /// names were shortened), in bit order.
  ///
  /// A box's text goes in its widest part, or across its whole rows; its
  /// other parts in rows of their own (a field that runs on into the next
  /// row, `eth.dst` around its LG and IG bits) repeat its name.
  func draw() -> (lines: [String], abbreviated: [LayoutBox]) {
    var placed: [Placed] = []
    var spanning: [Spanning] = []
    var abbreviated: [LayoutBox] = []
    for (index, box) in boxes.enumerated() {
      let segments = segments(box)
      let full = segments.filter(\.isFullRow).map(\.row)
      let first = full.first ?? 0
      let last = full.last ?? 0
      var main: Segment?
      if !full.isEmpty && last - first + 1 == full.count && full.count >= 2 {
        let short = box.variable || full.count >= LayoutGrid.longRows
        let text = LayoutText.line(box, width: 2 * LayoutGrid.rowBits - 1)
        spanning.append(Spanning(box: index, first: first, last: last, text: text, short: short))
        if text.abbreviated && box.name != nil { abbreviated.append(box) }
      } else if let widest = segments.enumerated().max(by: { a, b in
        a.element.bits.count != b.element.bits.count ? a.element.bits.count < b.element.bits.count : a.offset > b.offset
      })?.element {
        main = widest
        let text = LayoutText.fit(box, width: widest.columns.count)
        placed.append(Placed(box: index, segment: widest, text: text))
        if text.abbreviated && box.name != nil { abbreviated.append(box) }
      }
      var name = box
      name.value = nil
      for segment in segments where !box.variable && !box.label.isEmpty && !segment.isFullRow && segment != main {
        let text = LayoutText.fit(name, width: segment.columns.count)
        placed.append(Placed(box: index, segment: segment, text: text, repeated: true))
        if text.abbreviated && box.name != nil { abbreviated.append(box) }
      }
    }
    // Where a value in a row goes under its name, all do, so the values line up.
    var byRow = [[Int]](repeating: [], count: rows)
    for (i, item) in placed.enumerated() { byRow[item.segment.row].append(i) }
    func bands(_ row: Int) -> Bands { Bands(byRow[row].map { placed[$0].text }) }
    for row in 0..<rows where bands(row).values > 0 {
      for i in byRow[row] where !placed[i].repeated && placed[i].text.tail.isEmpty && boxes[placed[i].box].value != nil {
        placed[i].text = LayoutText.fit(boxes[placed[i].box], width: placed[i].segment.columns.count, split: true)
      }
    }
    let rowBands = (0..<rows).map(bands)
    let heights = rowBands.map { max(1, $0.names + $0.values, $0.alone) }
    // The plan of lines, then the walls and rules, then the texts.
    var plan: [Line] = []
    var firstLine = [Int?](repeating: nil, count: rows)
    var lastLine = [Int?](repeating: nil, count: rows)
    var middleLine: [Int: Int] = [:]
    var shortFrom: [Int: Spanning] = [:]
    for item in spanning where item.short { shortFrom[item.first] = item }
    var row = 0
    while row < rows {
      plan.append(.rule(row))
      if let block = shortFrom[row] {
        firstLine[block.first] = plan.count
        lastLine[block.first] = plan.count
        plan.append(.content(row: block.first, line: 0))
        middleLine[block.box] = plan.count
        plan.append(.middle(box: block.box))
        firstLine[block.last] = plan.count
        lastLine[block.last] = plan.count
        plan.append(.content(row: block.last, line: 0))
        row = block.last + 1
      } else {
        firstLine[row] = plan.count
        for line in 0..<heights[row] { plan.append(.content(row: row, line: line)) }
        lastLine[row] = plan.count - 1
        row += 1
      }
    }
    plan.append(.rule(rows))
    var grid = plan.map(draw)
    func write(_ text: String, line: Int, columns: Range<Int>) {
      guard line >= 0, line < grid.count else { return }
      let characters = Array(LayoutText.cut(text, columns.count))
      let start = columns.lowerBound + (columns.count - characters.count) / 2
      for (i, character) in characters.enumerated() { grid[line][start + i] = character }
    }
    for item in placed {
      guard let top = firstLine[item.segment.row] else { continue }
      let row = item.segment.row
      for (offset, string) in LayoutGrid.arrange(item.text, height: heights[row], bands: rowBands[row]) {
        write(string, line: top + offset, columns: item.segment.columns)
      }
    }
    for item in spanning {
      let line = item.short ? middleLine[item.box] : firstLine[item.first].flatMap { top in lastLine[item.last].map { (top + $0) / 2 } }
      guard let line else { continue }
      write(item.text.head.first ?? "", line: line, columns: 1..<(2 * LayoutGrid.rowBits))
    }
    for item in spanning where item.short {
      dotEdges(&grid, plan: plan, box: item.box, lines: lineRange(item.box, firstLine: firstLine, lastLine: lastLine))
    }
    let lines = grid.map { line in String(line[..<(line.lastIndex { $0 != " " }.map { $0 + 1 } ?? 0)]) }
    return (lines, abbreviated.sorted { ($0.bits.first?.lowerBound ?? 0) < ($1.bits.first?.lowerBound ?? 0) })
  }

  /// The lines from the first content line of a box's first row to the
  /// last of its last row.
  private func lineRange(_ box: Int, firstLine: [Int?], lastLine: [Int?]) -> ClosedRange<Int>? {
    let bits = boxes[box].bits
    guard let low = bits.first?.lowerBound, let high = bits.last?.upperBound, high > low,
      let first = firstLine[low / LayoutGrid.rowBits], let last = lastLine[(high - 1) / LayoutGrid.rowBits]
    else { return nil }
    return first...last
  }

  /// One line's walls and rules, without text.
  private func draw(_ line: Line) -> [Character] {
    let width = 2 * LayoutGrid.rowBits + 1
    var out = [Character](repeating: " ", count: width)
    switch line {
    case .content(let r, _):
      for c in 0...LayoutGrid.rowBits where wall(r, c) { out[2 * c] = "|" }
    case .middle:
      out[0] = ":"
      out[width - 1] = ":"
    case .rule(let r):
      for c in 0..<LayoutGrid.rowBits where at(r - 1, c) != at(r, c) { out[2 * c + 1] = "-" }
      for c in 0...LayoutGrid.rowBits {
        let dash = (c > 0 && out[2 * c - 1] == "-") || (c < LayoutGrid.rowBits && out[2 * c + 1] == "-")
        if dash || wall(r - 1, c) || wall(r, c) { out[2 * c] = "+" }
      }
    }
    return out
  }

  /// The sides of `box`, drawn in three lines, on plan lines `lines`:
  /// `:` but for the first line's left wall and the last line's right
  /// wall, as RFC 9293 draws Data.
  private func dotEdges(_ grid: inout [[Character]], plan: [Line], box index: Int, lines: ClosedRange<Int>?) {
    guard let lines else { return }
    let last = LayoutGrid.rowBits - 1
    for i in lines {
      let (left, right): (Bool, Bool)
      switch plan[i] {
      case .content(let r, _): (left, right) = (at(r, 0) == index, at(r, last) == index)
      case .middle(let b): (left, right) = (b == index, b == index)
      case .rule(let r):
        (left, right) = (at(r - 1, 0) == index && at(r, 0) == index, at(r - 1, last) == index && at(r, last) == index)
      }
      if left { grid[i][0] = i == lines.lowerBound ? "|" : ":" }
      if right { grid[i][2 * LayoutGrid.rowBits] = i == lines.upperBound ? "|" : ":" }
    }
  }

  /// A row's text bands: names above values for the texts whose value
  /// sits under the name (so all values of a row share a line), and the
  /// tallest of the other texts.
  private struct Bands {
    var names = 0
    var values = 0
    var alone = 0

    init(_ texts: [BoxText]) {
      for text in texts {
        if text.tail.isEmpty {
          alone = max(alone, text.head.count)
        } else {
          names = max(names, text.head.count)
          values = max(values, text.tail.count)
        }
      }
    }
  }

  /// The lines of `text` in a row `height` lines tall, by line offset:
  /// centred, names in the names band and values in the values band when
  /// the value has lines of its own.
  private static func arrange(
    _ text: BoxText, height: Int, bands: Bands
  ) -> [(Int, String)] {
    if text.tail.isEmpty {
      let top = (height - text.head.count) / 2
      return text.head.enumerated().map { (top + $0.offset, $0.element) }
    }
    let namesTop = (height - bands.values - text.head.count) / 2
    let valuesTop = height - bands.values + (bands.values - text.tail.count) / 2
    return text.head.enumerated().map { (namesTop + $0.offset, $0.element) }
      + text.tail.enumerated().map { (valuesTop + $0.offset, $0.element) }
  }
}
