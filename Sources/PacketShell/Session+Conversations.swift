import PacketLanguage

extension Session {
  /// `conversations` and `endpoints`: tshark's conversation and endpoint
  /// tables of the view's packets (that pass the query's filter), in the
  /// session's format.
  func conversations(_ query: ConversationQuery) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var table = ConversationTable(query)
    let stats = query.stats
    if let fast = FastStats(capture: capture, query: stats, filters: [view, stats.filter].compactMap { $0 }, decodeAs: decodeAs) {
      do {
        guard try fast.add(capture, with: dissector(for: capture.interfaces), to: &table) else { return .runtimeFailure }
      } catch {
        return fail("\(error)")
      }
    } else {
      let values = stats.columns
      guard scan(capture, fields: stats.fields, filter: stats.filter, { _, d in
        table.add(DissectedPacket(d: d, values: values), sinceFirst: d.frame.sinceFirst)
        return true
      }) else { return .runtimeFailure }
    }
    let headers = query.headers
    let sides = query.hasPorts ? (query.endpoints ? 2 : 4) : (query.endpoints ? 1 : 2)
    let numeric = headers.indices.map { $0 >= sides || (query.hasPorts && $0 % 2 == 1) }
    let writer = RowWriter(format: rowFormat, headers: headers, numeric: numeric, out: out)
    writer.write(table.cells.map { $0.map { [$0] } }, numbersFrom: sides)
    return .ok
  }
}
