import PacketDissection
import PacketLanguage

/// A finished `stats` as rows of text, in the order they print: by the
/// first aggregate, largest first, ties by the `by` values; with `every`,
/// by time first, so that a rate reads down the page. `top N` keeps the
/// first N.
struct StatsRows {
  /// Each row's cells: the interval's start with `every`, the `by`
  /// values, then the aggregates.
  var cells: [[String]] = []
  /// Each row's first aggregate, for a bar; nil for an empty `avg`, `min` or `max`.
  var magnitudes: [Double?] = []

  init(_ accumulator: StatsAccumulator) {
    let query = accumulator.query
    let order = (0..<accumulator.groups.count).map { g in
      (group: g, key: StatsRows.components(accumulator.groups.key(g), query), first: StatsRows.magnitude(0, g, accumulator))
    }.sorted { a, b in
      if query.every != nil, let x = a.key.first, let y = b.key.first, x != y {
        return StatsValue.compareKeys(x, y) < 0
      }
      if a.first != b.first { return (a.first ?? -.infinity) > (b.first ?? -.infinity) }
      for (x, y) in zip(a.key, b.key) {
        let c = StatsValue.compareKeys(x, y)
        if c != 0 { return c < 0 }
      }
      return false
    }.prefix(query.top ?? Int.max)
    for row in order {
      var line: [String] = []
      var values = row.key[...]
      if let every = query.every, let interval = values.popFirst() {
        line.append(FieldText.relativeTime(StatsValue.integer(ofKey: interval) &* every))
      }
      for (value, key) in zip(query.by, values) { line.append(value.text(ofKey: key)) }
      for a in query.aggregates.indices { line.append(StatsRows.text(a, row.group, accumulator)) }
      cells.append(line)
      magnitudes.append(row.first)
    }
  }

  /// A group's key cut into its values' keys.
  private static func components(_ key: ArraySlice<UInt8>, _ query: StatsQuery) -> [ArraySlice<UInt8>] {
    var parts: [ArraySlice<UInt8>] = []
    var start = key.startIndex
    while start < key.endIndex {
      let end = start + StatsValue.keyLength(key, at: start)
      parts.append(key[start..<end])
      start = end
    }
    return parts
  }

  /// Aggregate `a` of group `g` as a number to sort by; nil when it has no value.
  private static func magnitude(_ a: Int, _ g: Int, _ accumulator: StatsAccumulator) -> Double? {
    let query = accumulator.query
    guard a < query.aggregates.count else { return nil }
    let cell = accumulator.cells[g * query.aggregates.count + a]
    switch query.aggregates[a].function {
    case .count: return Double(accumulator.packets[g])
    case .sum: return Double(cell.sum)
    case .distinct: return Double(cell.values)
    case .avg: return cell.values == 0 ? nil : Double(cell.sum) / Double(cell.values)
    case .min: return cell.values == 0 ? nil : Double(cell.min)
    case .max: return cell.values == 0 ? nil : Double(cell.max)
    }
  }

  /// Aggregate `a` of group `g` as it prints; empty when it has no value.
  /// A time offset's sum, minimum and maximum print as seconds, as
  /// `frame.time_delta` does, and so does its average, to the nanosecond.
  private static func text(_ a: Int, _ g: Int, _ accumulator: StatsAccumulator) -> String {
    let query = accumulator.query
    let cell = accumulator.cells[g * query.aggregates.count + a]
    let seconds = query.aggregates[a].value?.isTimeOffset ?? false
    let number = { (n: Int64) in seconds ? FieldText.relativeTime(n) : String(n) }
    switch query.aggregates[a].function {
    case .count: return String(accumulator.packets[g])
    case .sum: return number(cell.sum)
    case .distinct: return String(cell.values)
    case .avg:
      guard cell.values > 0 else { return "" }
      return seconds ? FieldText.relativeTime(rounded(cell.sum, over: cell.values)) : decimal(cell.sum, over: cell.values)
    case .min: return cell.values == 0 ? "" : number(cell.min)
    case .max: return cell.values == 0 ? "" : number(cell.max)
    }
  }

  /// An average of integers too large for a decimal number's thousandths.
  struct TooLarge: Error {}

  /// Aggregate `a` of group `g` as a number in the unit of its type
  /// (`StatsQuery.Aggregate.resultType`: thousandths for a decimal
  /// average), for `let`; nil when it has no value.
  static func number(_ a: Int, _ g: Int, _ accumulator: StatsAccumulator) throws(TooLarge) -> Int64? {
    let aggregate = accumulator.query.aggregates[a]
    let cell = accumulator.cells[g * accumulator.query.aggregates.count + a]
    switch aggregate.function {
    case .count: return accumulator.packets[g]
    case .sum: return cell.sum
    case .distinct: return cell.values
    case .min: return cell.values == 0 ? nil : cell.min
    case .max: return cell.values == 0 ? nil : cell.max
    case .avg:
      guard cell.values > 0 else { return nil }
      if aggregate.resultType == .relativeTime { return rounded(cell.sum, over: cell.values) }
      guard let thousandths = Int64(exactly: thousandths(cell.sum, over: cell.values)) else { throw TooLarge() }
      return thousandths
    }
  }

  /// `sum / count` rounded half away from zero.
  static func rounded(_ sum: Int64, over count: Int64) -> Int64 {
    var (q, r) = sum.quotientAndRemainder(dividingBy: count)
    if 2 * r.magnitude >= count.magnitude { q += sum < 0 ? -1 : 1 }
    return q
  }

  /// `sum / count` in thousandths, rounded half away from zero, computed exactly.
  private static func thousandths(_ sum: Int64, over count: Int64) -> Int128 {
    let scaled = Int128(sum) * 1000
    var (q, r) = scaled.quotientAndRemainder(dividingBy: Int128(count))
    if 2 * r.magnitude >= UInt128(count) { q += scaled < 0 ? -1 : 1 }
    return q
  }

  /// `sum / count` with three decimals, rounded half away from zero,
  /// computed exactly: `612.500`.
  static func decimal(_ sum: Int64, over count: Int64) -> String {
    let q = thousandths(sum, over: count)
    let whole = String(q.magnitude / 1000)
    let fraction = String(q.magnitude % 1000)
    return (q < 0 ? "-" : "") + whole + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
