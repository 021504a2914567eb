import PacketRender

/// The `table` format of `print`, which streams: the header and the first
/// `batch` rows wait, and the columns take their widths; every later row
/// is written at once in those widths, a wider value pushing the rest of
/// its line to the right. Memory stays bounded however many packets print.
struct StreamingTable {
  /// Rows that set the columns' widths.
  static let batch = 100

  let headers: [String]
  /// Columns of numbers, aligned right.
  let rightAligned: Set<Int>
  let out: OutputSink
  private var waiting: [[String]] = []
  private var widths: [Int]?

  init(headers: [String], numeric: [Bool], out: OutputSink) {
    self.headers = headers
    rightAligned = Set(numeric.indices.filter { numeric[$0] })
    self.out = out
  }

  mutating func add(_ row: [String]) {
    if let widths {
      out.line(TextTable.line(row, widths: widths, rightAligned: rightAligned))
      return
    }
    waiting.append(row)
    if waiting.count == StreamingTable.batch { writeWaiting() }
  }

  /// Writes what still waits (fewer rows than a batch; the header alone
  /// when no row came).
  mutating func finish() {
    if widths == nil { writeWaiting() }
  }

  private mutating func writeWaiting() {
    let rows = [headers] + waiting
    let widths = TextTable.widths(rows)
    for row in rows { out.line(TextTable.line(row, widths: widths, rightAligned: rightAligned)) }
    waiting = []
    self.widths = widths
  }
}
