import PacketCapture
import PacketDissection
import PacketLanguage

/// The rows of a `conversations` or `endpoints` as tshark 4.0's `-z conv`
/// and `-z endpoints` count them, packet by packet.
///
/// A side is an address, and a port for TCP and UDP. A conversation is an
/// unordered pair of sides: its side A is the source of its first packet,
/// as in tshark. TCP conversations follow tshark's `tcp.stream` where it
/// splits one pair of sides: a SYN without ACK whose sequence number is not
/// its direction's base starts a new conversation (`TCPStreamStart`, the
/// rule stream tracking follows). An endpoint counts the
/// packets it sent and received, so one from an address to itself counts
/// twice, as in tshark.
///
/// Like tshark, it counts a packet once for each layer of its kind (in a
/// tunnel, under the outer and the inner pair), and a TCP segment or UDP
/// datagram that an ICMP error quotes in no TCP or UDP conversation. Its
/// bytes are the frame's length on the wire.
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
    /// Times of its first and last packets since the capture's first. As
    /// tshark's table keeps them when timestamps go backwards: a packet
    /// later than `last` moves it, else one earlier than `first` moves that.
    var first: Int64
    var last: Int64

    mutating func extend(to time: Int64) {
      if time > last {
        last = time
      } else if time < first {
        first = time
      }
    }
  }

  /// The rows, in the order of their first packet.
  private(set) var rows: [Row] = []
  /// Conversations by their sides in the order a packet has them (source,
  /// then destination); endpoints by their side.
  private var found = GroupTable()
  /// For each entry of `found`, its unordered pair of sides (conversations)
  /// or -1 while it has none; for endpoints, its row.
  private var link: [Int] = []
  /// For each entry of `found` (a conversation's direction), the entry of
  /// the other direction, and for TCP where the direction's relative
  /// sequence numbers count from in the pair's current stream.
  private var reverse: [Int] = []
  private var base: [UInt32?] = []
  /// Each unordered pair's row now, -1 before its first.
  private var current: [Int] = []

  private let addressPairs: Int
  private let portColumn: Int?
  /// TCP's flags, then its raw sequence and acknowledgment numbers.
  private let flagsColumn: Int?
  /// UDP's length, for `udp` (see `acceptsUDPLength`).
  private let udpLengthColumn: Int?
  private let lengthColumn: Int
  /// The IP protocol number `add(direct:)` reads (6 TCP, 17 UDP), nil for other kinds.
  private let directProtocol: UInt8?
  /// For each UDP port, whether a tunnel is bound to it (`Registry.tunnelUDPPorts`).
  private let isTunnelPort: [Bool] = {
    var table = [Bool](repeating: false, count: 65536)
    for port in Registry.tunnelUDPPorts { table[Int(port)] = true }
    return table
  }()

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
    udpLengthColumn = query.kind == .udp ? 2 * addressPairs + 4 : nil
    lengthColumn = query.stats.by.count
    directProtocol = query.kind == .tcp ? 6 : query.kind == .udp ? 17 : nil
  }

  /// Reads a raw packet's sides in place, without the keys' arrays.
  mutating func add(raw packet: inout RawPacket, sinceFirst time: Int64) {
    let (pairs, portColumn, half) = (addressPairs, portColumn, half)
    if let ports = portColumn, packet.hasValue(column: ports + 2) || packet.hasValue(column: ports + 3) { return }
    let udpLength = udpLengthColumn.map { column in
      var length: Int64?
      packet.forEachNumber(column: column) { length = length ?? $0 }
      return length
    }
    let ends = sides.withUnsafeMutableBufferPointer { out -> (Int, Int)? in
      for p in 0..<pairs {
        guard var source = packet.writeFirstKey(column: 2 * p, to: out, at: 0) else { continue }
        if let udpLength, !Self.acceptsUDPLength(udpLength, overIPv6: p == 1) { return nil }
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

  /// Counts a plain IPv4 or IPv6 TCP or UDP packet on Ethernet (no VLAN
  /// tag, no IPv4 options or IPv6 extension headers, not a later
  /// fragment, the transport header captured whole) straight from its
  /// bytes, for `conversations tcp|udp` and `endpoints tcp|udp`: the
  /// fields `FastFields` would read there, as the same keys, without
  /// running the shape program. An IPv4 packet of the other transport is
  /// in no conversation: nothing pktsh dissects carries UDP inside TCP, and
  /// UDP carries TCP only in a tunnel (a datagram on a tunnel's port, or a
  /// later fragment, goes to the walk). False for any other packet, which
  /// the walk then reads as before.
  mutating func add(direct record: PacketRecord, sinceFirst time: Int64) -> Bool {
    guard let transport = directProtocol, record.linkType == .ethernet else { return false }
    let bytes = record.bytes
    guard bytes.count >= 34, bytes.count <= record.originalLength, let base = bytes.base else { return false }
    func u8(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }
    func u16(_ at: Int) -> UInt16 { UInt16(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt16.self)) }
    func u32(_ at: Int) -> UInt32 { UInt32(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    func u64(_ at: Int) -> UInt64 { UInt64(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    let headerLength = transport == 6 ? 20 : 8
    let ipv6 = u16(12) == 0x86dd
    if !ipv6 && u16(12) == 0x0800 && u8(14) >> 4 == 4 && u8(23) == (transport == 6 ? 17 : 6) {
      guard transport == 6 else { return true }
      let udp = 14 + Int(u8(14) & 0x0f) * 4
      guard u16(20) & 0x1fff == 0, bytes.count >= udp + 4 else { return false }
      return !isTunnelPort[Int(u16(udp))] && !isTunnelPort[Int(u16(udp + 2))]
    }
    // Version 4 with a 20-byte header, no fragment (the dissector defragments); or version 6 with the transport next.
    let ip = 14
    let at = ipv6 ? ip + 40 : ip + 20
    guard bytes.count >= at + headerLength else { return false }
    if ipv6 {
      guard u8(ip) >> 4 == 6, u8(ip + 6) == transport, Int(u16(ip + 4)) >= headerLength else { return false }
    } else {
      guard u16(12) == 0x0800, u8(ip) == 0x45, u8(ip + 9) == transport, u16(ip + 6) & 0x3fff == 0,
        Int(u16(ip + 2)) >= 20 + headerLength
      else { return false }
    }
    // TCP: a data offset of at least 5 words (else tcp.flags is absent); UDP: a length of at least 8.
    if transport == 6 ? u8(at + 12) < 0x50 : u16(at + 4) < 8 { return false }
    // A datagram on a tunnel's port may carry more UDP: the walk counts each layer.
    if transport == 17 && (isTunnelPort[Int(u16(at))] || isTunnelPort[Int(u16(at + 2))]) { return false }
    let ends = sides.withUnsafeMutableBufferPointer { out in
      func address(_ offset: Int, at index: Int) -> Int {
        ipv6
          ? StatsValue.writeKey(.ipv6(u64(offset), u64(offset + 8)), to: out, at: index)
          : StatsValue.writeKey(.ipv4(u32(offset)), to: out, at: index)
      }
      let (sourceAt, size) = ipv6 ? (ip + 8, 16) : (ip + 12, 4)
      var i = address(sourceAt, at: 0)
      i = StatsValue.writeKey(.integer(Int64(u16(at))), to: out, at: i)
      let source = i
      i = address(sourceAt + size, at: i)
      return (source, StatsValue.writeKey(.integer(Int64(u16(at + 2))), to: out, at: i))
    }
    let segment = transport == 6 ? TCPSegment(flags: u16(at + 12) & 0x0fff, seq: u32(at + 4), ack: u32(at + 8)) : nil
    count(source: ends.0, end: ends.1, segment: segment, length: Int64(record.originalLength), time: time)
    return true
  }

  /// Counts a dissected packet as tshark's taps do: once for each layer of
  /// the table's kind outside an ICMP error, so that a tunnel's packet
  /// (or a PIM Register's) counts under its outer and its inner pair. An address table's sides
  /// are the layer's addresses; a TCP or UDP table's are the layer's ports
  /// with the addresses of the IP layer just before it; a UDP layer whose
  /// length tshark finds bogus counts nowhere. (Only the
  /// dissection walk hands packets here: raw ones come through `add(raw:)`
  /// and `add(direct:)`, which see one layer of each kind.)
  mutating func add(_ packet: some StatsPacket, sinceFirst time: Int64) {
    guard let packet = packet as? DissectedPacket else { return }
    let d = packet.d
    let kind = query.kind.protocolID
    for layer in d.layers.indices where d.layers[layer].protocolID == kind && !d.isQuoted(layer) {
      var (source, destination) = (0, half)
      var pair = 0
      var addressLayer = layer
      if portColumn != nil {
        guard let network = d.layers[..<layer].lastIndex(where: { $0.protocolID == .ip || $0.protocolID == .ipv6 })
        else { continue }
        if let column = udpLengthColumn {
          let length = keys(packet, column: column, records: d.recordRange(ofLayer: layer)).map { _ in
            StatsValue.integer(ofKey: self.keys[..<self.ends[0]])
          }
          guard Self.acceptsUDPLength(length, overIPv6: d.layers[network].protocolID == .ipv6) else { continue }
        }
        addressLayer = network
        pair = d.layers[network].protocolID == .ipv6 ? 1 : 0
      }
      let addresses = d.recordRange(ofLayer: addressLayer)
      guard pair < addressPairs, let end = keys(packet, column: 2 * pair, records: addresses) else { continue }
      source = copy(end, to: source)
      guard let end = keys(packet, column: 2 * pair + 1, records: addresses) else { continue }
      destination = copy(end, to: destination)
      var segment: TCPSegment?
      if let ports = portColumn {
        let transport = d.recordRange(ofLayer: layer)
        guard let end = keys(packet, column: ports, records: transport) else { continue }
        source = copy(end, to: source)
        guard let end = keys(packet, column: ports + 1, records: transport) else { continue }
        destination = copy(end, to: destination)
        if let flagsColumn {
          if let flags = number(packet, column: flagsColumn, records: transport),
            let seq = number(packet, column: flagsColumn + 1, records: transport),
            let ack = number(packet, column: flagsColumn + 2, records: transport)
          {
            segment = TCPSegment(flags: UInt16(truncatingIfNeeded: flags), seq: seq, ack: ack)
          }
        }
      }
      for i in half..<destination { sides[source + i - half] = sides[i] }
      var length: Int64 = 0
      packet.forEachNumber(column: lengthColumn) { length = $0 }
      count(source: source, end: source + destination - half, segment: segment, length: length, time: time)
    }
  }

  /// Whether tshark's UDP dissector gets as far as its conversation tap
  /// with UDP's length field `length` (nil when it was not captured): no
  /// shorter than the 8-byte header, but 0 over IPv6 (a jumbogram's).
  private static func acceptsUDPLength(_ length: Int64?, overIPv6: Bool) -> Bool {
    guard let length else { return false }
    return length >= 8 || (length == 0 && overIPv6)
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
    var segment: TCPSegment?
    if let flagsColumn {
      var numbers: (flags: Int64?, seq: Int64?, ack: Int64?)
      packet.forEachNumber(column: flagsColumn) { numbers.flags = $0 }
      packet.forEachNumber(column: flagsColumn + 1) { numbers.seq = $0 }
      packet.forEachNumber(column: flagsColumn + 2) { numbers.ack = $0 }
      if let flags = numbers.flags, let seq = numbers.seq, let ack = numbers.ack {
        segment = TCPSegment(
          flags: UInt16(truncatingIfNeeded: flags), seq: UInt32(truncatingIfNeeded: seq),
          ack: UInt32(truncatingIfNeeded: ack))
      }
    }
    count(source: source, end: end, segment: segment, length: length, time: time)
  }

  /// Counts a packet whose sides' keys are in `sides`: the source's before `source`, the destination's up to `end`.
  private mutating func count(source: Int, end: Int, segment: TCPSegment?, length: Int64, time: Int64) {
    if query.endpoints {
      count(side: 0..<source, sent: true, length: length, time: time)
      count(side: source..<end, sent: false, length: length, time: time)
      return
    }
    countConversation(source, end, segment: segment, length: length, time: time)
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
    rows[r].extend(to: time)
  }

  /// Counts a packet in its conversation: found by its sides as they
  /// come, linked on first sight to the same sides the other way round.
  private mutating func countConversation(
    _ source: Int, _ end: Int, segment: TCPSegment?, length: Int64, time: Int64
  ) {
    let (entry, isNew) = found.group(for: sides[..<end])
    if isNew {
      link.append(-1)
      reverse.append(entry)
      base.append(nil)
      reversed.removeAll(keepingCapacity: true)
      reversed.append(contentsOf: sides[source..<end])
      reversed.append(contentsOf: sides[..<source])
      let (other, otherIsNew) = found.group(for: reversed[...])
      if otherIsNew {
        link.append(-1)
        reverse.append(entry)
        base.append(nil)
      }
      reverse[entry] = other
      if link[other] < 0 {
        link[other] = current.count
        current.append(-1)
      }
      link[entry] = link[other]
    }
    let p = link[entry]
    let other = reverse[entry]
    // A new conversation; for TCP, port reuse is a new tcp.stream too.
    let reused = segment.map { TCPStreamStart.startsAnew(flags: $0.flags, base: base[entry], seq: $0.seq) } ?? false
    if current[p] < 0 || reused {
      current[p] = rows.count
      (base[entry], base[other]) = (nil, nil)
      rows.append(
        Row(a: Array(sides[..<source]), b: Array(sides[source..<end]), sentBy: entry, first: time, last: time))
    }
    if let segment {
      // Both sides' bases in locals: a conversation from a side to itself has one entry.
      var (mine, theirs) = (base[entry], base[other])
      TCPStreamStart.advanceBases(flags: segment.flags, seq: segment.seq, ack: segment.ack, mine: &mine, theirs: &theirs)
      (base[other], base[entry]) = (theirs, mine)
    }
    let r = current[p]
    if rows[r].sentBy == entry {
      rows[r].sentFrames += 1
      rows[r].sentBytes += length
    } else {
      rows[r].receivedFrames += 1
      rows[r].receivedBytes += length
    }
    rows[r].extend(to: time)
  }

  /// Reads the keys of the column's values among `records` into `keys`;
  /// answers where the first ends, or nil when it has none.
  private mutating func keys(_ packet: DissectedPacket, column: Int, records: Range<Int>) -> Int? {
    keys.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    packet.values[column]?.appendKeys(packet.d, records: records, to: &keys, ends: &ends)
    return ends.first
  }

  /// What decides a TCP segment's stream: its flags and raw numbers.
  private struct TCPSegment {
    var flags: UInt16
    var seq: UInt32
    var ack: UInt32
  }

  /// The first of the column's values among `records`, as an unsigned 32-bit number.
  private mutating func number(_ packet: DissectedPacket, column: Int, records: Range<Int>) -> UInt32? {
    keys(packet, column: column, records: records).map { _ in
      UInt32(truncatingIfNeeded: StatsValue.integer(ofKey: keys[..<ends[0]]))
    }
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
