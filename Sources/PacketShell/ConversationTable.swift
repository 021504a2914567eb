import PacketDissection
import PacketLanguage

/// The rows of a `conversations` or `endpoints` as tshark 4.0's `-z conv`
/// and `-z endpoints` count them, packet by packet.
///
/// A side is an address, and a port for TCP and UDP. A conversation is an
/// unordered pair of sides: its side A is the source of its first packet,
/// as in tshark. TCP conversations follow tshark's `tcp.stream` where it
/// splits one pair of sides: a SYN without ACK after a FIN or RST in
/// either direction starts a new conversation. An endpoint counts the
/// packets it sent and received, so one from an address to itself counts
/// twice, as in tshark.
///
/// Like tshark, it counts a packet under its first (outer) address pair
/// only, and a TCP segment or UDP datagram that an ICMP error quotes in no
/// TCP or UDP conversation. Its bytes are the frame's length on the wire.
struct ConversationTable: StatsSink {
  let query: ConversationQuery

  /// One conversation (A to B) or endpoint (A alone).
  struct Row {
    /// The key (`StatsValue`) of side A's address, then of its port.
    var a: [UInt8]
    var b: [UInt8]
    /// The entry of `found` whose packets A sent.
    var sentBy: Int
    /// Sent by A (to B), and received by A.
    var sentFrames: Int64 = 0
    var sentBytes: Int64 = 0
    var receivedFrames: Int64 = 0
    var receivedBytes: Int64 = 0
    /// Times of its first and last packets since the capture's first.
    var first: Int64
    var last: Int64
  }

  /// The rows, in the order of their first packet.
  private(set) var rows: [Row] = []
  /// Conversations by their sides in the order a packet has them (source,
  /// then destination); endpoints by their side.
  private var found = GroupTable()
  /// For each entry of `found`, its unordered pair of sides (conversations)
  /// or -1 while it has none; for endpoints, its row.
  private var link: [Int] = []
  /// Each unordered pair's row now, -1 before its first; and for TCP
  /// whether it has seen a FIN or RST since.
  private var current: [Int] = []
  private var closing: [Bool] = []

  private let addressPairs: Int
  private let portColumn: Int?
  private let flagsColumn: Int?
  private let lengthColumn: Int

  // Scratch space, reused from packet to packet.
  private var keys: [UInt8] = []
  private var ends: [Int] = []
  /// The packet's source side's key, then its destination's.
  private var sides = [UInt8](repeating: 0, count: 2 * half)
  private var reversed: [UInt8] = []
  /// Room for a side's key: an IPv6 address's (17 bytes) and a port's (9).
  private static let half = 26
  private var half: Int { ConversationTable.half }

  init(_ query: ConversationQuery) {
    self.query = query
    let fields = query.kind.fields
    addressPairs = fields.addresses.count
    portColumn = fields.ports == nil ? nil : 2 * addressPairs
    flagsColumn = query.kind == .tcp ? 2 * addressPairs + 4 : nil
    lengthColumn = query.stats.by.count
  }

  /// Reads a raw packet's sides in place, without the keys' arrays.
  mutating func add(raw packet: inout RawPacket, sinceFirst time: Int64) {
    let (pairs, portColumn, half) = (addressPairs, portColumn, half)
    if let ports = portColumn, packet.hasValue(column: ports + 2) || packet.hasValue(column: ports + 3) { return }
    let ends = sides.withUnsafeMutableBufferPointer { out -> (Int, Int)? in
      for p in 0..<pairs {
        guard var source = packet.writeFirstKey(column: 2 * p, to: out, at: 0) else { continue }
        guard var destination = packet.writeFirstKey(column: 2 * p + 1, to: out, at: half) else { return nil }
        if let ports = portColumn {
          guard let s = packet.writeFirstKey(column: ports, to: out, at: source),
            let d = packet.writeFirstKey(column: ports + 1, to: out, at: destination)
          else { return nil }
          (source, destination) = (s, d)
        }
        // The destination right after the source.
        for i in half..<destination { out[source + i - half] = out[i] }
        return (source, source + destination - half)
      }
      return nil
    }
    guard let (source, end) = ends else { return }
    add(packet, source: source, end: end, time: time)
  }

  mutating func add(_ packet: some StatsPacket, sinceFirst time: Int64) {
    var (source, destination) = (0, half)
    var pairFound = false
    for p in 0..<addressPairs where !pairFound {
      guard let end = firstKey(packet, column: 2 * p) else { continue }
      source = copy(end, to: source)
      guard let end = firstKey(packet, column: 2 * p + 1) else { return }
      destination = copy(end, to: destination)
      pairFound = true
    }
    guard pairFound else { return }
    if let ports = portColumn {
      // An ICMP error's quoted header is not a conversation of its own.
      if firstKey(packet, column: ports + 2) != nil || firstKey(packet, column: ports + 3) != nil { return }
      guard let end = firstKey(packet, column: ports) else { return }
      source = copy(end, to: source)
      guard let end = firstKey(packet, column: ports + 1) else { return }
      destination = copy(end, to: destination)
    }
    for i in half..<destination { sides[source + i - half] = sides[i] }
    add(packet, source: source, end: source + destination - half, time: time)
  }

  /// Copies the first `count` bytes of `keys` into `sides` at `index`; answers where they end.
  private mutating func copy(_ count: Int, to index: Int) -> Int {
    guard index + count <= (index < half ? half : 2 * half) else { return index }
    sides.replaceSubrange(index..<index + count, with: keys[..<count])
    return index + count
  }

  /// Counts a packet whose source side's key is `sides[..<source]` and
  /// its destination's `sides[source..<end]`.
  private mutating func add(_ packet: some StatsPacket, source: Int, end: Int, time: Int64) {
    var length: Int64 = 0
    packet.forEachNumber(column: lengthColumn) { length = $0 }
    if query.endpoints {
      count(side: 0..<source, sent: true, length: length, time: time)
      count(side: source..<end, sent: false, length: length, time: time)
      return
    }
    var flags: Int64 = 0
    if let flagsColumn { packet.forEachNumber(column: flagsColumn) { flags = $0 } }
    countConversation(source, end, flags: flags, length: length, time: time)
  }

  /// Counts a packet to or from an endpoint.
  private mutating func count(side: Range<Int>, sent: Bool, length: Int64, time: Int64) {
    let (entry, isNew) = found.group(for: sides[side])
    if isNew {
      link.append(rows.count)
      rows.append(Row(a: Array(sides[side]), b: [], sentBy: entry, first: time, last: time))
    }
    let r = link[entry]
    if sent {
      rows[r].sentFrames += 1
      rows[r].sentBytes += length
    } else {
      rows[r].receivedFrames += 1
      rows[r].receivedBytes += length
    }
    rows[r].last = time
  }

  /// Counts a packet in its conversation: found by its sides as they
  /// come, linked on first sight to the same sides the other way round.
  private mutating func countConversation(_ source: Int, _ end: Int, flags: Int64, length: Int64, time: Int64) {
    let (entry, isNew) = found.group(for: sides[..<end])
    if isNew {
      link.append(-1)
      reversed.removeAll(keepingCapacity: true)
      reversed.append(contentsOf: sides[source..<end])
      reversed.append(contentsOf: sides[..<source])
      let (other, otherIsNew) = found.group(for: reversed[...])
      if otherIsNew { link.append(-1) }
      if link[other] < 0 {
        link[other] = current.count
        current.append(-1)
        closing.append(false)
      }
      link[entry] = link[other]
    }
    let p = link[entry]
    // A new conversation; for TCP, port reuse is a new tcp.stream too (the
    // table reads no sequence numbers, so only a FIN or RST closes it).
    let reused =
      flagsColumn != nil && TCPStreamStart.startsAnew(flags: UInt16(truncatingIfNeeded: flags), closed: closing[p], openedWithOtherSeq: false)
    if current[p] < 0 || reused {
      current[p] = rows.count
      closing[p] = false
      rows.append(
        Row(a: Array(sides[..<source]), b: Array(sides[source..<end]), sentBy: entry, first: time, last: time))
    }
    if TCPStreamStart.closes(flags: UInt16(truncatingIfNeeded: flags)) { closing[p] = true }
    let r = current[p]
    if rows[r].sentBy == entry {
      rows[r].sentFrames += 1
      rows[r].sentBytes += length
    } else {
      rows[r].receivedFrames += 1
      rows[r].receivedBytes += length
    }
    rows[r].last = time
  }

  /// Reads the keys of the column's values into `keys`; answers where the
  /// first ends, or nil when it has none.
  private mutating func firstKey(_ packet: some StatsPacket, column: Int) -> Int? {
    keys.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    packet.appendKeys(column: column, to: &keys, ends: &ends)
    return ends.first
  }

  /// The rows as text, as tshark orders them: by frames (packets), most
  /// first, ties in the order of their first packet; `top N` keeps the first N.
  var cells: [[String]] {
    let order = rows.indices.sorted { x, y in
      let (a, b) = (rows[x].sentFrames + rows[x].receivedFrames, rows[y].sentFrames + rows[y].receivedFrames)
      return a != b ? a > b : x < y
    }.prefix(query.stats.top ?? Int.max)
    return order.map { r in
      let row = rows[r]
      let frames = row.sentFrames + row.receivedFrames
      let bytes = row.sentBytes + row.receivedBytes
      if query.endpoints {
        return side(row.a) + [frames, bytes, row.sentFrames, row.sentBytes, row.receivedFrames, row.receivedBytes].map {
          String($0)
        }
      }
      return side(row.a) + side(row.b)
        + [row.receivedFrames, row.receivedBytes, row.sentFrames, row.sentBytes, frames, bytes].map { String($0) }
        + [FieldText.relativeTime(row.first), FieldText.relativeTime(row.last &- row.first)]
    }
  }

  /// A side's address and port as text.
  private func side(_ key: [UInt8]) -> [String] {
    let by = query.stats.by
    let addressLength = StatsValue.keyLength(key[...], at: 0)
    let address = key[..<addressLength]
    // The address column whose type the key has (IPv4 or IPv6 under TCP and UDP).
    let column = addressLength == 17 && addressPairs == 2 ? 2 : 0
    var text = [by[column].text(ofKey: address)]
    if let portColumn { text.append(by[portColumn].text(ofKey: key[addressLength...])) }
    return text
  }
}
