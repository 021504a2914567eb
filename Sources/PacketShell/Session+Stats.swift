extension Session {
  /// `stats`: aggregates over the view's packets (that pass the query's
  /// filter), in groups. In a pipe, one tab-separated row a group; on a
  /// terminal, an aligned table with a header.
  func stats(_ query: StatsQuery) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var accumulator = StatsAccumulator(query)
    guard scan(capture, fields: query.fields, filter: query.filter, { _, d in
      accumulator.add(d)
      return true
    }) else { return .runtimeFailure }
    accumulator.addEmptyGroups()
    let rows = StatsRows(accumulator)
    if out.isTerminal {
      let firstNumber = query.headers.count - query.aggregates.count
      for line in StatsTable.render(rows, headers: query.headers, numbersFrom: firstNumber, bars: query.every != nil) {
        out.line(line)
      }
    } else {
      for (n, cells) in rows.cells.enumerated() {
        if n % 4096 == 0 && Interrupt.isRaised { break }
        out.line(cells.joined(separator: "\t"))
      }
    }
    return .ok
  }
}
