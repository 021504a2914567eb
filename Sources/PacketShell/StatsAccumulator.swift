import PacketDissection
import PacketLanguage

/// The groups of a `stats` and their aggregates, packet by packet: the
/// only state that grows with the capture.
///
/// A group's key is its `by` values' keys end to end (after its time
/// interval's number with `every`). A packet with several values of a
/// `by` expression (`ip.addr`) is in the group of each combination of
/// them, once; a packet with none is in no group.
struct StatsAccumulator {
  let query: StatsQuery
  /// One aggregate of one group, or of one packet before it joins its groups.
  struct Cell {
    var sum: Int64 = 0
    /// How many values were added up, or distinct values seen.
    var values: Int64 = 0
    var min = Int64.max
    var max = Int64.min

    mutating func add(_ n: Int64) {
      sum &+= n
      values += 1
      min = Swift.min(min, n)
      max = Swift.max(max, n)
    }

    mutating func merge(_ other: Cell) {
      sum &+= other.sum
      values += other.values
      min = Swift.min(min, other.min)
      max = Swift.max(max, other.max)
    }
  }

  private(set) var groups = GroupTable()
  /// Packets in each group.
  private(set) var packets: [Int64] = []
  /// Each group's aggregates, `query.aggregates.count` cells a group.
  private(set) var cells: [Cell] = []
  /// The group number's key and the value's key, for each value a `distinct` has seen in a group.
  private var seen: [GroupTable]

  // Scratch space, reused from packet to packet.
  private var keys: [UInt8] = []
  private var ends: [Int] = []
  /// Where each `by` value's keys start in `ends`.
  private var starts: [Int]
  private var combination: [Int]
  private var key: [UInt8] = []
  private var packetGroups: [Int] = []
  private var packetCells: [Cell]
  private var valueKeys: [UInt8] = []
  private var valueEnds: [Int] = []

  init(_ query: StatsQuery) {
    self.query = query
    seen = query.aggregates.map { _ in GroupTable() }
    starts = Array(repeating: 0, count: query.by.count + 1)
    combination = Array(repeating: 0, count: query.by.count)
    packetCells = Array(repeating: Cell(), count: query.aggregates.count)
  }

  mutating func add(_ d: Dissection) {
    keys.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    for (i, value) in query.by.enumerated() {
      starts[i] = ends.count
      value.appendKeys(d, to: &keys, ends: &ends)
      if ends.count == starts[i] { return }
    }
    starts[query.by.count] = ends.count
    findGroups(interval: query.every.map { d.frame.sinceFirst.floorDivided(by: $0) })
    for (a, aggregate) in query.aggregates.enumerated() {
      guard let value = aggregate.value else { continue }
      if aggregate.function == .distinct {
        countDistinct(value, aggregate: a, d)
      } else {
        packetCells[a] = Cell()
        value.forEachNumber(d) { packetCells[a].add($0) }
        for g in packetGroups { cells[g * query.aggregates.count + a].merge(packetCells[a]) }
      }
    }
  }

  /// Fills `packetGroups` with the packet's groups, each once: one for
  /// each combination of its `by` values (`combination` counts through them).
  private mutating func findGroups(interval: Int64?) {
    packetGroups.removeAll(keepingCapacity: true)
    for i in combination.indices { combination[i] = starts[i] }
    while true {
      key.removeAll(keepingCapacity: true)
      if let interval { StatsValue.appendKey(integer: interval, to: &key) }
      for i in combination.indices {
        let index = combination[i]
        key.append(contentsOf: keys[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
      }
      let (group, isNew) = groups.group(for: key[...])
      if isNew { addGroup() }
      if !packetGroups.contains(group) {
        packetGroups.append(group)
        packets[group] += 1
      }
      // The next combination, the last value changing fastest.
      var i = combination.count - 1
      while i >= 0 {
        combination[i] += 1
        if combination[i] < starts[i + 1] { break }
        combination[i] = starts[i]
        i -= 1
      }
      if i < 0 { return }
    }
  }

  private mutating func addGroup() {
    packets.append(0)
    cells.append(contentsOf: repeatElement(Cell(), count: query.aggregates.count))
  }

  private mutating func countDistinct(_ value: StatsValue, aggregate a: Int, _ d: Dissection) {
    valueKeys.removeAll(keepingCapacity: true)
    valueEnds.removeAll(keepingCapacity: true)
    value.appendKeys(d, to: &valueKeys, ends: &valueEnds)
    for g in packetGroups {
      var start = 0
      for end in valueEnds {
        key.removeAll(keepingCapacity: true)
        StatsValue.appendKey(integer: Int64(g), to: &key)
        key.append(contentsOf: valueKeys[start..<end])
        start = end
        if seen[a].group(for: key[...]).isNew { cells[g * query.aggregates.count + a].values += 1 }
      }
    }
  }

  /// The rows that have no packets: without `by` and `every`, the one
  /// row (a count of 0); with `every` and no `by`, the intervals without
  /// packets between the first and the last, so that a rate shows its gaps
  /// (up to `limit` intervals in all).
  mutating func addEmptyGroups(limit: Int = 1_000_000) {
    guard query.by.isEmpty else { return }
    guard query.every != nil else {
      if groups.count == 0, groups.group(for: [][...]).isNew { addGroup() }
      return
    }
    guard groups.count > 0 else { return }
    var intervals: [Int64] = []
    for g in 0..<groups.count { intervals.append(StatsValue.integer(ofKey: groups.key(g))) }
    guard let low = intervals.min(), let high = intervals.max(), high - low < Int64(limit) else { return }
    for interval in Swift.min(0, low)...high {
      key.removeAll(keepingCapacity: true)
      StatsValue.appendKey(integer: interval, to: &key)
      if groups.group(for: key[...]).isNew { addGroup() }
    }
  }
}
