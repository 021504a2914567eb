import PacketBPF
import PacketDissection
import PacketLanguage
import PacketWire

/// One packet's values as `StatsAccumulator` reads them, as keys and as
/// numbers: from its dissection, or from raw bytes (`FastStats`). Both
/// give the same keys, so one query may read some packets one way and
/// the rest the other. A column is one of the query's values
/// (`StatsQuery.columns`): the `by` values, then the aggregates'.
protocol StatsPacket {
  /// Appends the key of each of the column's values in the packet to
  /// `keys`, and where each ends to `ends`.
  func appendKeys(column: Int, to keys: inout [UInt8], ends: inout [Int])
  /// Calls `body` with each of the column's values that adds up.
  func forEachNumber(column: Int, _ body: (Int64) -> Void)
}

/// A packet's values computed from its dissection.
struct DissectedPacket: StatsPacket {
  let d: Dissection
  /// The query's columns.
  let values: [StatsValue?]

  func appendKeys(column: Int, to keys: inout [UInt8], ends: inout [Int]) {
    values[column]?.appendKeys(d, to: &keys, ends: &ends)
  }

  func forEachNumber(column: Int, _ body: (Int64) -> Void) {
    values[column]?.forEachNumber(d, body)
  }
}

/// A packet's values read by `FastFields`, each column a field alone:
/// `reading` is filled packet by packet.
struct RawPacket: StatsPacket {
  var reading = FieldReading()
  /// Each field's type.
  let types: [FieldType]
  /// The field each column reads.
  let fields: [Int]

  func appendKeys(column: Int, to keys: inout [UInt8], ends: inout [Int]) {
    let f = fields[column]
    let (type, width) = (types[f], RawPacket.width(types[f]))
    reading.words.withUnsafeBufferPointer { words in
      var i = f == 0 ? 0 : reading.ends[f - 1]
      while i < reading.ends[f] {
        RawPacket.value(type, words, at: i) { StatsValue.appendKey($0, to: &keys) }
        ends.append(keys.count)
        i += width
      }
    }
  }

  func forEachNumber(column: Int, _ body: (Int64) -> Void) {
    let f = fields[column]
    guard types[f] == .integer else { return }
    for i in (f == 0 ? 0 : reading.ends[f - 1])..<reading.ends[f] { body(Int64(reading.words[i])) }
  }

  /// Writes the keys of the first `count` columns end to end into `out`
  /// from `index` (room for 17 bytes a column) when each column has one
  /// value; answers where they end, or nil when one has none or several.
  func writeSingleKeys(_ count: Int, to out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int? {
    reading.words.withUnsafeBufferPointer { words in
      var end = index
      for column in 0..<count {
        let f = fields[column]
        let start = f == 0 ? 0 : reading.ends[f - 1]
        guard reading.ends[f] - start == RawPacket.width(types[f]) else { return nil }
        end = RawPacket.value(types[f], words, at: start) { StatsValue.writeKey($0, to: out, at: end) }
      }
      return end
    }
  }

  /// Writes the key of the column's first value into `out` from `index`
  /// (room for 17 bytes); answers where it ends, or nil when it has none.
  func writeFirstKey(column: Int, to out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int? {
    let f = fields[column]
    let start = f == 0 ? 0 : reading.ends[f - 1]
    guard reading.ends[f] > start else { return nil }
    return reading.words.withUnsafeBufferPointer { words in
      RawPacket.value(types[f], words, at: start) { StatsValue.writeKey($0, to: out, at: index) }
    }
  }

  /// Whether the column has a value in the packet.
  func hasValue(column: Int) -> Bool {
    let f = fields[column]
    return reading.ends[f] > (f == 0 ? 0 : reading.ends[f - 1])
  }

  /// The words a value of `type` takes in a reading.
  private static func width(_ type: FieldType) -> Int {
    switch type {
    case .integer, .ipv4: 1
    case .ether: 2
    case .ipv6: 4
    }
  }

  /// Calls `body` with the value of `type` whose words start at `i`.
  @inline(__always)
  private static func value<T>(
    _ type: FieldType, _ words: UnsafeBufferPointer<UInt32>, at i: Int, _ body: (RuntimeValue) -> T
  ) -> T {
    switch type {
    case .integer:
      return body(.integer(Int64(words[i])))
    case .ipv4:
      return body(.ipv4(words[i]))
    case .ipv6:
      return body(
        .ipv6(UInt64(words[i]) << 32 | UInt64(words[i + 1]), UInt64(words[i + 2]) << 32 | UInt64(words[i + 3])))
    case .ether:
      // The address's 6 bytes: 4 in the first word, 2 in the second.
      let (a, b) = (words[i], words[i + 1])
      let bytes = (
        UInt8(truncatingIfNeeded: a >> 24), UInt8(truncatingIfNeeded: a >> 16), UInt8(truncatingIfNeeded: a >> 8),
        UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: b >> 8), UInt8(truncatingIfNeeded: b))
      return withUnsafeBytes(of: bytes) { body(.bytes(ByteView($0))) }
    }
  }
}
