import PacketCapture
import PacketDissection
import Testing

@testable import PacketLanguage

/// The filter table: every filter of Goldens/filter-table.txt is accepted
/// or refused as tshark 4.0 accepts or refuses it, and where both accept
/// it, selects as many packets of each capture as tshark did
/// (Goldens/filter-table-counts.tsv, made by Goldens/make-filter-table.sh,
/// with the macros of Goldens/filter-table-macros.tsv). Deliberate
/// differences are listed below, each with its reason.
@Suite struct FilterTableTests {
  static let goldens = FilterCountTests.goldens
  static var root: String { goldens + "/../../.." }

  /// Filters tshark 4.0 refuses and pktsh accepts on purpose: newer
  /// Wireshark's `xor` (4.2), a constant on the left of a comparison, and
  /// `true` and `false` in lower case for flags (tshark 4.0 takes only
  /// `True`, `TRUE`, `False`, `FALSE`), which pktsh's scripts used before.
  /// Then value names pktsh has and tshark 4.0 does not: pktsh names DNS
  /// types by their mnemonics (`A`; Wireshark: `A (Host Address)`) and
  /// ICMP types, which Wireshark 4.0 names in its tree but not in filters.
  static let extensions: Set<String> = [
    "tcp ^^ udp", "tcp xor udp", "tcp.port == 80 ^^ tcp.flags.syn == 1",
    "80 == tcp.port", "10.0.0.1 == ip.src", "\"GET\" == http.request.method",
    "tcp.flags.syn == true", "tcp.flags.syn == false",
    "dns.qry.type == \"A\"", "dns.qry.type == AAAA", "icmp.type == \"Echo (ping) request\"",
  ]

  /// Filters both accept but whose counts differ for a reason outside the
  /// filter language (what pktsh dissects), by filter.
  static let knownDifferences: [String: String] = [
    "http": "pktsh takes 10 fewer packets of many-protocols.pcap for HTTP (continuations on port 80)"
  ]

  struct Row {
    var filter: String
    var capture: String
    /// Nil when tshark refuses the filter.
    var count: Int?
  }

  static func rows() throws -> [Row] {
    try String(contentsOfPath: goldens + "/filter-table-counts.tsv").split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 3 else { return nil }
      return Row(filter: String(parts[0]), capture: String(parts[1]), count: Int(parts[2]))
    }
  }

  /// The table's macros, as `macro NAME = "TEXT"` binds them.
  static func macros() throws -> [String: Expr] {
    var bindings: [String: Expr] = [:]
    for line in try String(contentsOfPath: goldens + "/filter-table-macros.tsv").split(separator: "\n") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      guard parts.count == 2 else { continue }
      bindings[Expr.macroKey(String(parts[0]))] = .string(
        Array(parts[1].utf8), SourceLocation(line: 1, column: 1, offset: 0, length: 0))
    }
    return bindings
  }

  static func check(_ filter: String, _ macros: [String: Expr]) -> Result<CheckedTest, LanguageError> {
    Result { () throws(LanguageError) in try Checker(bindings: macros).test(try Parser.expression(filter)) }
  }

  @Test func theTableCoversTheLanguage() throws {
    let filters = Set(try Self.rows().map(\.filter))
    #expect(filters.count >= 300)
  }

  @Test func acceptsAndRefusesWhatTsharkDoes() throws {
    let macros = try Self.macros()
    var seen: Set<String> = []
    for row in try Self.rows() where seen.insert(row.filter).inserted {
      let accepted = (try? Self.check(row.filter, macros).get()) != nil
      let tsharkAccepts = row.count != nil
      if Self.extensions.contains(row.filter) {
        #expect(accepted && !tsharkAccepts, "extension no longer differs: \(row.filter)")
      } else {
        #expect(accepted == tsharkAccepts, "\(row.filter): tshark \(tsharkAccepts ? "accepts" : "refuses") it")
      }
    }
  }

  @Test func countsAgreeWithTshark() throws {
    let macros = try Self.macros()
    var byCapture: [String: [Row]] = [:]
    for row in try Self.rows() where row.count != nil && Self.knownDifferences[row.filter] == nil {
      byCapture[row.capture, default: []].append(row)
    }
    for (name, rows) in byCapture.sorted(by: { $0.key < $1.key }) {
      let capture = try CaptureFile(path: Self.root + "/" + name)
      for row in rows {
        guard case .success(let checked) = Self.check(row.filter, macros) else { continue }
        let filter = CompiledFilter(checked)
        let dissector = Dissector()
        // The goldens were made with tshark's defragmentation off.
        dissector.defragments = false
        dissector.reassemblesTCP = false
        dissector.restrict(to: filter.fields)
        var n = 0
        try capture.forEachPacket { record in
          if filter.matches(dissector.dissect(record)) { n += 1 }
          return true
        }
        #expect(n == row.count, "\(name): \(row.filter)")
      }
    }
  }
}
