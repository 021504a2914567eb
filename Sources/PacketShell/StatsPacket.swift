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
    let type = types[f]
    reading.words.withUnsafeBufferPointer { words in
      var i = f == 0 ? 0 : reading.ends[f - 1]
      let end = reading.ends[f]
      while i < end {
        switch type {
        case .integer:
          StatsValue.appendKey(.integer(Int64(words[i])), to: &keys)
          i += 1
        case .ipv4:
          StatsValue.appendKey(.ipv4(words[i]), to: &keys)
          i += 1
        case .ipv6:
          let high = UInt64(words[i]) << 32 | UInt64(words[i + 1])
          let low = UInt64(words[i + 2]) << 32 | UInt64(words[i + 3])
          StatsValue.appendKey(.ipv6(high, low), to: &keys)
          i += 4
        case .ether:
          // The address's 6 bytes: 4 in the first word, 2 in the second.
          let (a, b) = (words[i], words[i + 1])
          let bytes = (
            UInt8(truncatingIfNeeded: a >> 24), UInt8(truncatingIfNeeded: a >> 16), UInt8(truncatingIfNeeded: a >> 8),
            UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: b >> 8), UInt8(truncatingIfNeeded: b))
          withUnsafeBytes(of: bytes) { StatsValue.appendKey(.bytes(ByteView($0)), to: &keys) }
          i += 2
        }
        ends.append(keys.count)
      }
    }
  }

  func forEachNumber(column: Int, _ body: (Int64) -> Void) {
    let f = fields[column]
    guard types[f] == .integer else { return }
    for i in (f == 0 ? 0 : reading.ends[f - 1])..<reading.ends[f] { body(Int64(reading.words[i])) }
  }
}
