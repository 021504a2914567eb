/// One stream's payload in the order tshark 4.0's `-z follow` shows it,
/// built packet by packet.
///
/// Node 0 (the client) is the source of the first packet seen, node 1 the
/// other side. A UDP datagram's payload is one chunk. TCP payload is put in
/// sequence order per direction: bytes already seen (a retransmission, the
/// overlapping part of a segment) are dropped, a segment that arrives ahead
/// of a gap waits until the gap is filled, or until the other side
/// acknowledges past it, when the gap becomes a chunk saying how many bytes
/// the capture misses (`[N bytes missing in capture file]`, with tshark's
/// trailing NUL). Sequence numbers are the relative ones `tcp.seq` shows.
struct FollowedStream {
  /// A run of payload from one side, as one packet (or a gap) gave it.
  struct Chunk {
    var fromServer: Bool
    var bytes: [UInt8]
    /// The placeholder for bytes the capture misses, not payload.
    var isGap = false
    /// Where the chunk starts in its direction's sequence space.
    var seq: UInt32 = 0
  }

  /// The two sides as text (`10.0.0.1`, `fe80::1`) and ports; empty before any packet.
  private(set) var client: (address: String, port: Int, isIPv6: Bool) = ("", 0, false)
  private(set) var server: (address: String, port: Int, isIPv6: Bool) = ("", 0, false)
  private var clientKey: [UInt8]?

  /// The chunks in the order they were put in place.
  private(set) var chunks: [Chunk] = []

  // TCP state, per direction (0 client, 1 server).
  /// The next sequence number expected.
  private var nextSeq: [UInt32] = [0, 0]
  /// Bytes put in place in order (not counting those from waiting segments, as tshark counts).
  private var bytesInOrder: [Int] = [0, 0]
  /// Segments that arrived ahead of a gap, in arrival order.
  private var waiting: [[Chunk]] = [[], []]

  /// What a packet of the stream says about its sender.
  struct Side {
    /// The address's bytes and port, to compare sides.
    var key: [UInt8]
    var address: String
    var port: Int
    var isIPv6: Bool
  }

  /// Which side sent a packet from `source` to `destination`; the first packet names the client.
  private mutating func isServer(_ source: Side, _ destination: Side) -> Bool {
    if clientKey == nil {
      clientKey = source.key
      client = (source.address, source.port, source.isIPv6)
      server = (destination.address, destination.port, destination.isIPv6)
    }
    return source.key != clientKey
  }

  /// A UDP datagram: its payload is a chunk, empty or not.
  mutating func addDatagram(from source: Side, to destination: Side, payload: ArraySlice<UInt8>) {
    let server = isServer(source, destination)
    chunks.append(Chunk(fromServer: server, bytes: Array(payload)))
  }

  /// A TCP segment: `seq` and `ack` relative, `length` the segment's
  /// length on the wire (`tcp.len`), `payload` its captured bytes.
  mutating func addSegment(
    from source: Side, to destination: Side, seq relativeSeq: UInt32, ack: UInt32, syn: Bool, length: Int,
    payload: ArraySlice<UInt8>
  ) {
    let s = isServer(source, destination) ? 1 : 0
    // This segment may acknowledge data the capture missed in the other direction.
    while placeWaiting(1 - s, acknowledged: ack, useAck: true) {}
    var seq = syn ? relativeSeq &+ 1 : relativeSeq
    var length = UInt32(truncatingIfNeeded: length)
    var data = payload
    if bytesInOrder[s] == 0 && nextSeq[s] == 0 { nextSeq[s] = seq }
    if before(seq, nextSeq[s]) {
      // A retransmission that may carry more than was seen: keep the new part.
      let end = seq &+ length
      if before(nextSeq[s], end) {
        let seen = Int(nextSeq[s] &- seq)
        data = data.count <= seen ? [] : data.dropFirst(seen)
        seq = nextSeq[s]
        length = end &- nextSeq[s]
      }
    }
    if data.isEmpty || before(seq, nextSeq[s]) { return }
    let chunk = Chunk(fromServer: s == 1, bytes: Array(data), seq: seq)
    guard seq == nextSeq[s] else {
      waiting[s].append(chunk)
      return
    }
    nextSeq[s] &+= length
    bytesInOrder[s] += chunk.bytes.count
    chunks.append(chunk)
    while placeWaiting(s, acknowledged: 0, useAck: false) {}
  }

  /// Puts the first waiting segment of direction `s` that now fits in
  /// place (or, when `useAck` and the other side acknowledged past the
  /// lowest waiting one, a gap chunk); false when none can be.
  private mutating func placeWaiting(_ s: Int, acknowledged: UInt32, useAck: Bool) -> Bool {
    guard var lowest = waiting[s].first?.seq else { return false }
    for (i, segment) in waiting[s].enumerated() {
      if before(segment.seq, lowest) { lowest = segment.seq }
      if before(segment.seq, nextSeq[s]) {
        let end = segment.seq &+ UInt32(truncatingIfNeeded: segment.bytes.count)
        if before(nextSeq[s], end) {
          let seen = Int(nextSeq[s] &- segment.seq)
          let fresh = Array(segment.bytes[seen...])
          chunks.append(Chunk(fromServer: s == 1, bytes: fresh, seq: nextSeq[s]))
          nextSeq[s] &+= UInt32(fresh.count)
        }
        waiting[s].remove(at: i)
        return true
      }
      if segment.seq == nextSeq[s] {
        chunks.append(segment)
        nextSeq[s] &+= UInt32(truncatingIfNeeded: segment.bytes.count)
        waiting[s].remove(at: i)
        return true
      }
    }
    guard useAck && before(lowest, acknowledged) else { return false }
    let missing = Int32(bitPattern: lowest &- nextSeq[s])
    chunks.append(Chunk(fromServer: s == 1, bytes: Array("[\(missing) bytes missing in capture file]\0".utf8), isGap: true, seq: lowest))
    nextSeq[s] = lowest
    return true
  }

  /// `a` comes before `b` in sequence space (modulo 2^32).
  private func before(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) < 0 }
}
