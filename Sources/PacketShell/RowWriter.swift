import PacketDissection
import PacketWire

/// Writes the rows of `print`, `count by` and `stats` in the chosen
/// format: the one place that decides how a row looks. A row is each
/// column's values (a repeated field has several, an absent one none).
struct RowWriter {
  let format: RowFormat
  /// The columns' names: the expressions as written.
  let headers: [String]
  /// Which columns hold numbers; JSON writes those that read as numbers bare.
  let numeric: [Bool]
  let out: OutputSink

  /// All the rows of a finished command (`count by`, `stats`), a header
  /// first where the format has one. In `table`, columns from
  /// `firstNumber` on align right; `bars` (each row's magnitude) draws a
  /// rate's bars, and aligns its first column (the time) right too.
  func write(_ rows: [[[String]]], numbersFrom firstNumber: Int, bars: [Double?]? = nil) {
    if format == .table {
      let cells = rows.map { $0.map { $0.joined(separator: ",") } }
      for line in StatsTable.render(cells, headers: headers, numbersFrom: firstNumber, bars: bars) { out.line(line) }
      return
    }
    begin()
    for (n, values) in rows.enumerated() {
      if n % 4096 == 0 && Interrupt.isRaised { break }
      row(values)
    }
  }

  /// The header row, for the formats that have one (CSV).
  func begin() {
    guard format == .csv else { return }
    out.line { line in
      for (i, header) in headers.enumerated() {
        if i > 0 { line.append(UInt8(ascii: ",")) }
        RowWriter.appendCSV(header, to: &line)
      }
      line.append(UInt8(ascii: "\r"))
    }
  }

  func row(_ values: [[String]]) {
    out.line { line in
      switch format {
      case .table, .tsv:
        for (i, column) in values.enumerated() {
          if i > 0 { line.append(UInt8(ascii: "\t")) }
          line.append(contentsOf: column.joined(separator: ",").utf8)
        }
      case .csv:
        for (i, column) in values.enumerated() {
          if i > 0 { line.append(UInt8(ascii: ",")) }
          RowWriter.appendCSV(column.joined(separator: ","), to: &line)
        }
        line.append(UInt8(ascii: "\r"))
      case .json:
        line.append(UInt8(ascii: "{"))
        var first = true
        for (i, column) in values.enumerated() where !column.isEmpty && !(column.count == 1 && column[0].isEmpty) {
          if !first { line.append(UInt8(ascii: ",")) }
          first = false
          RowWriter.appendJSONString(i < headers.count ? headers[i] : "", to: &line)
          line.append(UInt8(ascii: ":"))
          let isNumber = i < numeric.count && numeric[i]
          if column.count == 1 {
            RowWriter.appendJSON(column[0], number: isNumber, to: &line)
          } else {
            line.append(UInt8(ascii: "["))
            for (n, value) in column.enumerated() {
              if n > 0 { line.append(UInt8(ascii: ",")) }
              RowWriter.appendJSON(value, number: isNumber, to: &line)
            }
            line.append(UInt8(ascii: "]"))
          }
        }
        line.append(UInt8(ascii: "}"))
      }
    }
  }

  private static func appendCSV(_ text: String, to line: inout ByteWriter) {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A })
    else {
      line.append(contentsOf: text.utf8)
      return
    }
    line.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") { line.append(byte) }
      line.append(byte)
    }
    line.append(UInt8(ascii: "\""))
  }

  /// `text` bare when the column is numeric and it is a JSON number
  /// (a hexadecimal field such as tcp.flags is not: it stays a string).
  private static func appendJSON(_ text: String, number: Bool, to line: inout ByteWriter) {
    if number && isJSONNumber(text) { line.append(contentsOf: text.utf8) } else { appendJSONString(text, to: &line) }
  }

  /// `-?digits(.digits)?`, without leading zeros (`0.5` but not `007`).
  private static func isJSONNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let whole = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
    guard !whole.isEmpty, whole.count == 1 || whole.first != 0x30 else { return false }
    let rest = bytes.dropFirst(whole.count)
    guard let dot = rest.first else { return true }
    let fraction = rest.dropFirst()
    return dot == UInt8(ascii: ".") && !fraction.isEmpty && fraction.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  private static func appendJSONString(_ text: String, to line: inout ByteWriter) {
    line.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        line.append(UInt8(ascii: "\\"))
        line.append(byte)
      case 0..<0x20:
        line.append(contentsOf: "\\u00".utf8)
        FieldText.appendHexByte(byte, to: &line)
      default: line.append(byte)
      }
    }
    line.append(UInt8(ascii: "\""))
  }
}
