import PacketDissection

/// `fields PROTO`: one row per declared field, in declaration order, with
/// the facts a reader needs to find it on the wire: filter name, label,
/// Wireshark type, bit offset and width in the fixed header (`-` for
/// fields found in variable parts or computed), display base.
public enum FieldTable {
  public static func render(_ proto: ProtocolDecl) -> String {
    var rows = [["Field", "Label", "Type", "Offset", "Width", "Base"]]
    for field in proto.fields {
      rows.append([
        field.name, field.label, field.kind.wiresharkName, field.bits.map { String($0.offset) } ?? "-",
        field.bits.map { String($0.width) } ?? "-", field.base.wiresharkName,
      ])
    }
    return TextTable.render(rows, rightAligned: [3, 4])
  }
}

/// Rows of text in aligned columns, two spaces apart: columns in
/// `rightAligned` padded on the left, the others on the right, the last
/// column of a row unpadded when it is left-aligned.
public enum TextTable {
  public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    lines(rows, rightAligned: rightAligned).map { $0 + "\n" }.joined()
  }

  /// The aligned rows, one string each, without line ends.
  public static func lines(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    let widths = widths(rows)
    return rows.map { line($0, widths: widths, rightAligned: rightAligned) }
  }

  /// Each column's width: its widest cell in `rows`.
  public static func widths(_ rows: [[String]]) -> [Int] {
    var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return widths
  }

  /// `row` in columns of `widths`, two spaces apart; a cell wider than its
  /// column (or past the last) pushes the rest of the line to the right.
  public static func line(_ row: [String], widths: [Int], rightAligned: Set<Int> = []) -> String {
    var line = ""
    for (i, cell) in row.enumerated() {
      let padding = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - cell.count))
      if i > 0 { line += "  " }
      line += rightAligned.contains(i) ? padding + cell : cell + (i == row.count - 1 ? "" : padding)
    }
    return line
  }
}
