import Foundation
import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage
import Testing

/// Every filter of the language's filter table (PacketLanguageTests'
/// Goldens/filter-table.txt: every operator, literal form and corner) that
/// the BPF translation takes must decide each packet of the table's
/// captures as dissection does; those it cannot express exactly it must
/// refuse, so that they fall back to dissection.
@Suite struct FilterTableEquivalenceTests {
  static var goldens: String {
    "/" + #filePath.split(separator: "/").dropLast(2).joined(separator: "/") + "/PacketLanguageTests/Goldens"
  }

  static func table() throws -> (filters: [String], captures: [String], macros: [String: Expr]) {
    let rows = try String(contentsOfFile: goldens + "/filter-table-counts.tsv", encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    var filters: [String] = []
    var captures: [String] = []
    for row in rows where row.count == 3 && row[2] != "refused" {
      if filters.last != row[0] { filters.append(row[0]) }
      if !captures.contains(row[1]) { captures.append(row[1]) }
    }
    var macros: [String: Expr] = [:]
    for line in try String(contentsOfFile: goldens + "/filter-table-macros.tsv", encoding: .utf8).split(separator: "\n") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      guard parts.count == 2 else { continue }
      macros[Expr.macroKey(String(parts[0]))] = .string(
        Array(parts[1].utf8), SourceLocation(line: 1, column: 1, offset: 0, length: 0))
    }
    return (filters, captures, macros)
  }

  @Test func translatedFiltersDecideAsDissectionDoes() throws {
    let (filters, captures, macros) = try Self.table()
    #expect(filters.count >= 200)
    let root = Self.goldens + "/../../.."
    var translated = 0
    for name in captures {
      let capture = try CaptureFile(path: root + "/" + name)
      for text in filters {
        guard let test = try? checked(text, bindings: macros) else { continue }
        let compiled = CompiledFilter(test)
        guard let fast = try? FastFilter(compiled.checked, linkType: .ethernet) else { continue }
        translated += 1
        let dissector = Dissector()
        dissector.interfaces = capture.interfaces
        dissector.restrict(to: compiled.fields)
        try capture.forEachPacket { record in
          let truth = compiled.matches(dissector.dissect(record))
          let decision = fast.decide(record)
          if decision == .yes && !truth || decision == .no && truth {
            Issue.record("\(name) #\(record.number): \(text): BPF says \(decision), dissection \(truth)")
          }
          return true
        }
      }
    }
    #expect(translated > 0)
  }
}
