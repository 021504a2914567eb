/// How `print`, `count by` and `stats` write their rows, set by `format`
/// or `pktsh --format`.
public enum RowFormat: String, CaseIterable, Sendable {
  /// Aligned columns under a header, numbers right; `print` streams, its
  /// columns as wide as the first rows make them (`StreamingTable`).
  case table
  /// Tab-separated, no header, a repeated field's values joined by ','.
  case tsv
  /// RFC 4180: a header row of the expressions as written, fields quoted
  /// when they hold ',', '"', CR or LF, lines ended by CRLF.
  case csv
  /// One JSON object per line, keyed by the expressions as written:
  /// numbers as numbers, a repeated field as an array, an absent one left out.
  case json
}
