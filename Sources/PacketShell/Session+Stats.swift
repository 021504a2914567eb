extension Session {
  /// `stats`: aggregates over the view's packets (that pass the query's
  /// filter), in groups, one row a group in the session's format.
  func stats(_ query: StatsQuery) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var accumulator = StatsAccumulator(query)
    if let fast = FastStats(capture: capture, query: query, filters: [view, query.filter].compactMap { $0 }) {
      do {
        guard try fast.add(capture, to: &accumulator) else { return .runtimeFailure }
      } catch {
        return fail("\(error)")
      }
    } else {
      let values = query.columns
      guard scan(capture, fields: query.fields, filter: query.filter, { _, d in
        accumulator.add(DissectedPacket(d: d, values: values), sinceFirst: d.frame.sinceFirst)
        return true
      }) else { return .runtimeFailure }
    }
    accumulator.addEmptyGroups()
    let rows = StatsRows(accumulator)
    let numeric = (query.every == nil ? [] : [true]) + query.by.map(\.isNumeric) + query.aggregates.map { _ in true }
    let writer = RowWriter(format: rowFormat, headers: query.headers, numeric: numeric, out: out)
    writer.write(
      rows.cells.map { $0.map { $0.isEmpty ? [] : [$0] } }, numbersFrom: query.headers.count - query.aggregates.count,
      bars: query.every == nil ? nil : rows.magnitudes)
    return .ok
  }
}
