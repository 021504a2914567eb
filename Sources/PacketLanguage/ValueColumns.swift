import PacketDissection
import PacketWire

/// The values a line of `print` or a key of `count by` is made of, one
/// column each, tab-separated. A field alone prints as `tshark -T fields
/// -E occurrence=a -E aggregator=,` prints it, the way `FieldQuery` does;
/// anything else as `CompiledValue.appendText`.
public struct ValueColumns: Sendable {
  private enum Column {
    case field(FieldID, FieldKind, DisplayBase)
    case computed(CompiledValue)
  }

  private let columns: [Column]
  /// When every column is a field alone (`print ip.src, tcp.dstport`), the
  /// query that prints them: the fast path `print` had before it took
  /// expressions, unchanged.
  private let fieldsOnly: FieldQuery?
  /// Every field the columns read, for the dissector to record.
  public let fields: [FieldID]
  /// Which columns hold numbers (integers, time offsets, decimals), for formats
  /// that tell numbers from text.
  public let numeric: [Bool]

  public init(_ values: [CheckedValue]) {
    var columns: [Column] = []
    var fields: Set<FieldID> = []
    for value in values {
      if let id = value.field {
        columns.append(.field(id, id.decl.kind, id.decl.base))
        fields.insert(id)
      } else {
        let compiled = CompiledValue(value)
        columns.append(.computed(compiled))
        fields.formUnion(compiled.fields)
      }
    }
    self.columns = columns
    self.fields = fields.sorted()
    numeric = values.map { $0.type == .integer || $0.type == .relativeTime || $0.type == .decimal }
    let ids = values.compactMap(\.field)
    fieldsOnly = ids.count == values.count ? FieldQuery(fields: ids) : nil
  }

  /// Appends one line's columns, without the newline.
  public func appendLine(_ dissection: Dissection, to out: inout ByteWriter) {
    if let fieldsOnly {
      fieldsOnly.appendLine(dissection, to: &out)
      return
    }
    for i in columns.indices {
      if i > 0 { out.append(UInt8(ascii: "\t")) }
      switch columns[i] {
      case .field(let id, let kind, let base):
        var first = true
        dissection.records.withUnsafeBufferPointer { records in
          for record in records where record.field == id {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            FieldText.append(record, kind: kind, base: base, in: dissection, to: &out)
          }
        }
      case .computed(let value):
        value.appendText(dissection, to: &out)
      }
    }
  }

  /// Each column's values one by one, as text: a repeated field's
  /// occurrences apart (for formats that keep them apart, CSV and JSON).
  public func occurrences(_ dissection: Dissection) -> [[String]] {
    columns.map { column in
      var texts: [String] = []
      switch column {
      case .field(let id, let kind, let base):
        dissection.records.withUnsafeBufferPointer { records in
          for record in records where record.field == id {
            var out = ByteWriter()
            FieldText.append(record, kind: kind, base: base, in: dissection, to: &out)
            texts.append(out.text)
          }
        }
      case .computed(let value):
        let type = value.checked.type
        _ = value.forEach(dissection) { v in
          var out = ByteWriter()
          ValueText.append(v, type: type, to: &out)
          texts.append(out.text)
          return false
        }
      }
      return texts
    }
  }

  /// One line's text (a `count by` key).
  public func line(_ dissection: Dissection) -> String {
    var bytes = ByteWriter()
    appendLine(dissection, to: &bytes)
    return bytes.text
  }
}
