import PacketLanguage

extension Session {
  /// `stats`: aggregates over the view's packets (that pass the query's
  /// filter), in groups, one row a group in the session's format.
  func stats(_ query: StatsQuery) -> Outcome {
    guard let accumulator = accumulated(query) else { return .runtimeFailure }
    let rows = StatsRows(accumulator)
    let numeric = (query.every == nil ? [] : [true]) + query.by.map(\.isNumeric) + query.aggregates.map { _ in true }
    let writer = RowWriter(format: rowFormat, headers: query.headers, numeric: numeric, out: out)
    writer.write(
      rows.cells.map { $0.map { $0.isEmpty ? [] : [$0] } }, numbersFrom: query.headers.count - query.aggregates.count,
      bars: query.every == nil ? nil : rows.magnitudes)
    return .ok
  }

  /// `let name = stats AGG`: the one number of a stats with one aggregate
  /// and one group, kept as `variable`'s value.
  func stats(_ query: StatsQuery, into variable: ScriptVariable) -> Outcome {
    guard let accumulator = accumulated(query) else { return .runtimeFailure }
    do { variable.value = try StatsRows.number(0, 0, accumulator) } catch {
      return fail("\(query.headers[0]) is too large for a decimal number")
    }
    return .ok
  }

  /// The groups and aggregates of the view's packets (that pass the
  /// query's filter); nil when the walk failed.
  private func accumulated(_ query: StatsQuery) -> StatsAccumulator? {
    guard let capture = loaded() else { return nil }
    var accumulator = StatsAccumulator(query)
    if let fast = FastStats(capture: capture, query: query, filters: [view, query.filter].compactMap { $0 }, decodeAs: decodeAs) {
      do {
        guard try fast.add(capture, with: dissector(for: capture.interfaces), to: &accumulator) else { return nil }
      } catch {
        _ = fail("\(error)")
        return nil
      }
    } else {
      let values = query.columns
      guard scan(capture, fields: query.fields, filter: query.filter, { _, d in
        accumulator.add(DissectedPacket(d: d, values: values), sinceFirst: d.frame.sinceFirst)
        return true
      }) else { return nil }
    }
    accumulator.addEmptyGroups()
    return accumulator
  }
}
