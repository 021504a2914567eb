import PacketLanguage

/// The groups of a `stats` and their aggregates, packet by packet: the
/// only state that grows with the capture.
///
/// A group's key is its `by` values' keys end to end (after its time
/// interval's number with `every`). A packet with several values of a
/// `by` expression (`ip.addr`) is in the group of each combination of
/// them, once; a packet with none is in no group.
struct StatsAccumulator: StatsSink {
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
  /// What each aggregate reads of a packet.
  private let reads: [Reads]
  private let byCount: Int
  private let countsDistinct: Bool

  private enum Reads {
    /// Nothing (`count`).
    case nothing
    case numbers
    /// Its values' keys (`distinct`).
    case keys
  }

  // Scratch space, reused from packet to packet.
  private var keys: [UInt8] = []
  private var ends: [Int] = []
  /// Where each `by` value's keys start in `ends`.
  private var starts: [Int]
  private var combination: [Int]
  private var key: [UInt8] = []
  private var packetGroups: [Int] = []
  private var valueKeys: [UInt8] = []
  private var valueEnds: [Int] = []
  /// A raw packet's key, written in place (room for the interval and 17 bytes a `by` value).
  private var rawKey: [UInt8]

  init(_ query: StatsQuery) {
    self.query = query
    byCount = query.by.count
    reads = query.aggregates.map { $0.value == nil ? .nothing : $0.function == .distinct ? .keys : .numbers }
    countsDistinct = reads.contains(.keys)
    rawKey = Array(repeating: 0, count: 9 + 17 * query.by.count)
    seen = query.aggregates.map { _ in GroupTable() }
    starts = Array(repeating: 0, count: query.by.count + 1)
    combination = Array(repeating: 0, count: query.by.count)
  }

  /// Adds one packet that passed the filters; `sinceFirst` is its time
  /// since the capture's first packet, for `every`.
  mutating func add(_ packet: some StatsPacket, sinceFirst: Int64) {
    keys.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    if let every = query.every { StatsValue.appendKey(integer: sinceFirst.floorDivided(by: every), to: &keys) }
    let prefix = keys.count
    for i in 0..<byCount {
      starts[i] = ends.count
      packet.appendKeys(column: i, to: &keys, ends: &ends)
      if ends.count == starts[i] { return }
    }
    starts[byCount] = ends.count
    if ends.count == byCount {
      // One value each: the keys as they lie are the one group's key.
      let (group, isNew) = groups.group(for: keys[...])
      if isNew { addGroup() }
      packets[group] += 1
      addAggregates(packet, CollectionOfOne(group))
    } else {
      findGroups(prefix: prefix)
      let found = packetGroups
      addAggregates(packet, found)
    }
  }

  /// Adds a packet read from raw bytes. One with a value of each `by`
  /// field takes a short way when no aggregate counts distinct values: its
  /// one group's key is written in place, and its numbers go straight to
  /// the group's cells. Others go `add`'s way. The packet is `inout` only
  /// so that a walk lends its reused one (a copy would retain its arrays).
  mutating func add(raw packet: inout RawPacket, sinceFirst: Int64) {
    guard !countsDistinct else { return add(packet, sinceFirst: sinceFirst) }
    let (every, byCount) = (query.every, byCount)
    let length = rawKey.withUnsafeMutableBufferPointer { out in
      let start = every.map { StatsValue.writeKey(.integer(sinceFirst.floorDivided(by: $0)), to: out, at: 0) } ?? 0
      return packet.writeSingleKeys(byCount, to: out, at: start)
    }
    guard let length else { return add(packet, sinceFirst: sinceFirst) }
    let (group, isNew) = groups.group(for: rawKey[..<length])
    if isNew { addGroup() }
    packets[group] += 1
    for a in reads.indices where reads[a] == .numbers {
      packet.forEachNumber(column: byCount + a) { cells[group * reads.count + a].add($0) }
    }
  }

  /// Fills `packetGroups` with the packet's groups, each once: one for
  /// each combination of its `by` values (`combination` counts through
  /// them), after the first `prefix` bytes of `keys` (the interval's key).
  private mutating func findGroups(prefix: Int) {
    packetGroups.removeAll(keepingCapacity: true)
    for i in combination.indices { combination[i] = starts[i] }
    while true {
      key.removeAll(keepingCapacity: true)
      key.append(contentsOf: keys[..<prefix])
      for i in combination.indices {
        let index = combination[i]
        key.append(contentsOf: keys[(index == 0 ? prefix : ends[index - 1])..<ends[index]])
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

  /// Adds the packet's values to the aggregates of each of its groups.
  private mutating func addAggregates(_ packet: some StatsPacket, _ packetGroups: some Collection<Int>) {
    for a in reads.indices {
      switch reads[a] {
      case .nothing:
        continue
      case .keys:
        valueKeys.removeAll(keepingCapacity: true)
        valueEnds.removeAll(keepingCapacity: true)
        packet.appendKeys(column: byCount + a, to: &valueKeys, ends: &valueEnds)
        countDistinct(aggregate: a, packetGroups)
      case .numbers:
        var cell = Cell()
        packet.forEachNumber(column: byCount + a) { cell.add($0) }
        for g in packetGroups { cells[g * reads.count + a].merge(cell) }
      }
    }
  }

  private mutating func addGroup() {
    packets.append(0)
    cells.append(contentsOf: repeatElement(Cell(), count: reads.count))
  }

  /// Counts the values in `valueKeys` that each of the packet's groups had not seen.
  private mutating func countDistinct(aggregate a: Int, _ packetGroups: some Collection<Int>) {
    for g in packetGroups {
      var start = 0
      for end in valueEnds {
        key.removeAll(keepingCapacity: true)
        StatsValue.appendKey(integer: Int64(g), to: &key)
        key.append(contentsOf: valueKeys[start..<end])
        start = end
        if seen[a].group(for: key[...]).isNew { cells[g * reads.count + a].values += 1 }
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
