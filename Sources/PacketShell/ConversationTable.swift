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
  /// Rows by their unordered pair of sides (conversations) or their side (endpoints).
  private var found = GroupTable()
  /// The row each entry of `found` counts into now.
  private var current: [Int] = []
  /// For TCP, whether each entry of `found` has seen a FIN or RST in its current conversation.
  private var closing: [Bool] = []

  private let addressPairs: Int
  private let portColumn: Int?
  private let flagsColumn: Int?
  private let lengthColumn: Int

  // Scratch space, reused from packet to packet.
  private var keys: [UInt8] = []
  private var ends: [Int] = []
  private var source: [UInt8] = []
  private var destination: [UInt8] = []
  private var pair: [UInt8] = []

  init(_ query: ConversationQuery) {
    self.query = query
    let fields = query.kind.fields
    addressPairs = fields.addresses.count
    portColumn = fields.ports == nil ? nil : 2 * addressPairs
    flagsColumn = query.kind == .tcp ? 2 * addressPairs + 4 : nil
    lengthColumn = query.stats.by.count
  }

  mutating func add(raw packet: inout RawPacket, sinceFirst: Int64) {
    add(packet, sinceFirst: sinceFirst)
  }

  mutating func add(_ packet: some StatsPacket, sinceFirst time: Int64) {
    source.removeAll(keepingCapacity: true)
    destination.removeAll(keepingCapacity: true)
    var pairFound = false
    for p in 0..<addressPairs where !pairFound {
      guard let end = firstKey(packet, column: 2 * p) else { continue }
      source.append(contentsOf: keys[..<end])
      guard let end = firstKey(packet, column: 2 * p + 1) else { return }
      destination.append(contentsOf: keys[..<end])
      pairFound = true
    }
    guard pairFound else { return }
    if let ports = portColumn {
      // An ICMP error's quoted header is not a conversation of its own.
      if firstKey(packet, column: ports + 2) != nil || firstKey(packet, column: ports + 3) != nil { return }
      guard let end = firstKey(packet, column: ports) else { return }
      source.append(contentsOf: keys[..<end])
      guard let end = firstKey(packet, column: ports + 1) else { return }
      destination.append(contentsOf: keys[..<end])
    }
    var length: Int64 = 0
    packet.forEachNumber(column: lengthColumn) { length = $0 }
    if query.endpoints {
      count(side: source, sent: true, length: length, time: time)
      count(side: destination, sent: false, length: length, time: time)
      return
    }
    var flags: Int64 = 0
    if let flagsColumn { packet.forEachNumber(column: flagsColumn) { flags = $0 } }
    countConversation(flags: flags, length: length, time: time)
  }

  /// Counts a packet to or from an endpoint.
  private mutating func count(side: [UInt8], sent: Bool, length: Int64, time: Int64) {
    let (entry, isNew) = found.group(for: side[...])
    if isNew {
      current.append(rows.count)
      rows.append(Row(a: side, b: [], first: time, last: time))
    }
    let r = current[entry]
    if sent {
      rows[r].sentFrames += 1
      rows[r].sentBytes += length
    } else {
      rows[r].receivedFrames += 1
      rows[r].receivedBytes += length
    }
    rows[r].last = time
  }

  /// Counts a packet from `source` to `destination` in their conversation.
  private mutating func countConversation(flags: Int64, length: Int64, time: Int64) {
    let ordered = StatsValue.compareKeys(source[...], destination[...]) <= 0
    pair.removeAll(keepingCapacity: true)
    pair.append(contentsOf: ordered ? source : destination)
    pair.append(contentsOf: ordered ? destination : source)
    let (entry, isNew) = found.group(for: pair[...])
    let syn = flags & 0x002 != 0
    let ack = flags & 0x010 != 0
    if isNew {
      current.append(rows.count)
      closing.append(false)
      rows.append(Row(a: source, b: destination, first: time, last: time))
    } else if flagsColumn != nil && syn && !ack && closing[entry] {
      // Port reuse: a new tcp.stream, so a new conversation.
      current[entry] = rows.count
      closing[entry] = false
      rows.append(Row(a: source, b: destination, first: time, last: time))
    }
    if flags & 0x005 != 0 { closing[entry] = true }
    let r = current[entry]
    if rows[r].a == source {
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
        + [FieldText.relativeTime(row.first), FieldText.relativeTime(row.last - row.first)]
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
