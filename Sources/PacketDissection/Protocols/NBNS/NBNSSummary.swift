/// How NBNS shows: yellow, as DNS; Info is the operation, `response`, the
/// error of a failed response, each question (`NB SERVER<20>`) and each
/// answer's type with its addresses (`NB 192.0.2.1`).
extension NBNS {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] {
    [flagOpcode, flagResponse, flagRcode, countQueries, countAnswers, name, type, addr].map(\.fieldID)
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    row.set("NBNS", info: info(layer.fields))
  }

  private static func info(_ f: LayerFields) -> String? {
    guard let opcode = f.uint(flagOpcode) else { return nil }
    let response = f.uint(flagResponse) == 1
    var out = (NBNSNames.opcodeName(opcode) ?? "Unknown operation (\(opcode))") + (response ? " response" : "")
    if response, let rcode = f.uint(flagRcode), rcode != 0 {
      out += ", " + (NBNSNames.rcodeName(rcode) ?? "Unknown error (\(rcode))")
    }
    let questions = Int(f.uint(countQueries) ?? 0)
    let answers = Int(f.uint(countAnswers) ?? 0)
    var names = 0
    var types = 0
    for (field, record) in f.occurrences(of: NBNS.self) {
      switch field {
      case .name:
        names += 1
        if names <= questions { out += " " + typeText(f, nameIndex: names) + " " + f.text(record) }
      case .type:
        types += 1
        if types > questions && types <= questions + answers { out += " " + typeText(record.value) }
      case .addr:
        if types > questions && types <= questions + answers { out += " " + f.text(record) }
      default:
        break
      }
    }
    return out
  }

  private static func typeText(_ value: UInt64) -> String { NBNSNames.typeName(value) ?? "Unknown (\(value))" }

  /// The type that follows the `index`th name (counting from 1).
  private static func typeText(_ f: LayerFields, nameIndex index: Int) -> String {
    let all = f.all(type)
    return index <= all.count ? typeText(all[index - 1].value) : ""
  }
}
