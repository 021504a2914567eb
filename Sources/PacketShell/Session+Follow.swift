import PacketCapture
import PacketDissection
import PacketWire

extension Session {
  /// `follow`: finds the stream of the first packet in view that the
  /// query's filter matches (its TCP stream, else its UDP stream; its UDP
  /// stream first when the filter names UDP's fields and not TCP's), then
  /// walks the whole capture for that stream's packets, in view or not,
  /// as Wireshark's Follow Stream does. Prints it as tshark's `-z follow`
  /// does, or saves each side's payload.
  func follow(_ query: FollowQuery) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    guard let ids = FollowFields.shared else { return fail("follow: TCP and UDP fields are not declared") }
    let streamFields = [ids.tcpStream, ids.udpStream]
    var picked: (proto: ProtocolID, index: Int)?
    let named = Set(query.filter.fields.map(\.protocolID))
    let order: [ProtocolID] = named.contains(.udp) && !named.contains(.tcp) ? [.udp, .tcp] : [.tcp, .udp]
    guard scan(capture, fields: streamFields, filter: query.filter, prints: false, { _, d in
      picked = Self.stream(of: d, preferring: order, ids)
      return picked == nil
    }) else { return .runtimeFailure }
    guard var picked else { return fail("follow: no TCP or UDP packet in view matches the filter") }
    if let named = query.stream { picked = (named.udp ? .udp : .tcp, named.index) }
    let fields = [ids.tcpStream, ids.tcpSeq, ids.tcpAck, ids.tcpLen, ids.tcpTimeRelative, ids.udpStream, ids.ipv6HomeAddress]
    var stream = FollowedStream()
    guard scan(capture, fields: fields, filter: nil, prints: false, inView: false, { _, d in
      Self.add(d, to: &stream, ifIn: picked, ids)
      return true
    }) else { return .runtimeFailure }
    let proto = picked.proto == .tcp ? "tcp" : "udp"
    if let path = query.savePath { return save(stream, to: path) }
    out.write { FollowText.append(stream, proto: proto, index: picked.index, mode: query.mode, colour: out.colour, to: &$0) }
    return .ok
  }

  /// The packet's stream of the first protocol of `order` it has, outside
  /// any ICMP error; else that of a segment or datagram an error quotes (a
  /// stream only ever quoted is followed as tshark follows it: empty).
  private static func stream(
    of d: Dissection, preferring order: [ProtocolID], _ ids: FollowFields
  ) -> (proto: ProtocolID, index: Int)? {
    for quoted in [false, true] {
      for proto in order {
        guard let layer = d.layers.firstIndex(where: { $0.protocolID == proto && ($0.depth == 0 || quoted) }) else { continue }
        let id = proto == .tcp ? ids.tcpStream : ids.udpStream
        if let record = d.records[transportRecords(d, layer)].first(where: { $0.field == id }) { return (proto, Int(record.value)) }
      }
    }
    return nil
  }

  /// Adds the packet to `stream` when its TCP or UDP layer (outside any
  /// ICMP error) belongs to the followed one. The sides are named, as in
  /// tshark, by the packet's innermost addresses and ports: in a tunnel
  /// (GTP, VXLAN) those of the layers it carries, even when the tunnel's
  /// own UDP stream is followed. A packet of a followed UDP stream adds
  /// the payload of each of its UDP layers, as tshark's follow tap takes
  /// every UDP layer of a frame its filter matches.
  private static func add(
    _ d: Dissection, to stream: inout FollowedStream, ifIn picked: (proto: ProtocolID, index: Int), _ ids: FollowFields
  ) {
    guard let layer = d.layers.firstIndex(where: { $0.protocolID == picked.proto && $0.depth == 0 }),
      let innermost = d.layers.lastIndex(where: { ($0.protocolID == .tcp || $0.protocolID == .udp) && $0.depth == 0 }),
      let network = d.layers[..<innermost].lastIndex(where: { $0.protocolID == .ip || $0.protocolID == .ipv6 })
    else { return }
    let span = d.layers[layer]
    let fields = d.records[transportRecords(d, layer)]
    func value(_ id: FieldID) -> UInt64? { fields.first { $0.field == id }?.value }
    let streamID = picked.proto == .tcp ? ids.tcpStream : ids.udpStream
    let layers = picked.proto == .tcp ? [layer] : d.layers.indices.filter { d.layers[$0].protocolID == .udp && d.layers[$0].depth == 0 }
    let inStream = layers.contains { l in
      d.records[transportRecords(d, l)].contains { $0.field == streamID && $0.value == UInt64(picked.index) }
    }
    // A Mobile IPv6 Home Address option stands for the source, as in tshark.
    let homeAddress = (network..<innermost).lazy.flatMap { d.records[d.recordRange(ofLayer: $0)] }.last { $0.field == ids.ipv6HomeAddress }
    guard inStream, let ports = d.packet.uint32(at: d.layers[innermost].start),
      let (source, destination) = sides(
        of: d.layers[network], in: d.packet, ports: ports, source: homeAddress.map { Int($0.offset) })
    else { return }
    if picked.proto == .udp {
      for l in layers {
        let span = d.layers[l]
        // A datagram with payload of which nothing was captured ends UDP's
        // dissection in tshark before its follow tap, and its tap keeps
        // nothing of one without payload (a length of 8): they add nothing,
        // not even the sides' names.
        guard span.start + 8 < d.packet.count, d.packet.uint16(at: span.start + 4) != 8 else { continue }
        let payload = Self.bytes(d.packet, from: span.start + 8, to: span.dataEnd)
        stream.addDatagram(from: source, to: destination, payload: payload)
      }
      return
    }
    // `tcp.time_relative` is recorded once the whole header was read: a
    // header longer than the segment or cut short ends TCP's dissection
    // before it, and tshark's before its follow tap.
    guard let seq = value(ids.tcpSeq), let ack = value(ids.tcpAck), let length = value(ids.tcpLen),
      value(ids.tcpTimeRelative) != nil, let offsetAndFlags = d.packet.uint16(at: span.start + 12)
    else { return }
    let headerLength = Int(offsetAndFlags >> 12) * 4
    guard headerLength >= 20 else { return }
    stream.addSegment(
      from: source, to: destination, seq: UInt32(truncatingIfNeeded: seq), ack: UInt32(truncatingIfNeeded: ack),
      syn: offsetAndFlags & 0x002 != 0, length: Int(length),
      payload: Self.bytes(d.packet, from: span.start + headerLength, to: span.dataEnd))
  }

  /// The records of a TCP or UDP layer: a Multipath TCP option's layer,
  /// which TCP lists inside its own, does not end them (TCP records its
  /// sequence numbers and times after its options).
  private static func transportRecords(_ d: Dissection, _ layer: Int) -> Range<Int> {
    var next = layer + 1
    while next < d.layers.count && d.layers[next].protocolID == .mptcp { next += 1 }
    let start = d.layers[layer].firstRecord
    return start..<max(start, next < d.layers.count ? d.layers[next].firstRecord : d.records.count)
  }

  /// The source and destination sides of a packet: the network layer's
  /// addresses (the source's read at `source` instead when given) and the
  /// transport header's ports (`ports`: source, then destination).
  private static func sides(
    of network: LayerSpan, in packet: ByteView, ports: UInt32, source: Int? = nil
  ) -> (FollowedStream.Side, FollowedStream.Side)? {
    let isIPv6 = network.protocolID == .ipv6
    let (offset, size) = isIPv6 ? (8, 16) : (12, 4)
    let sourceAt = source ?? network.start + offset
    guard packet.contains(network.start + offset, 2 * size), packet.contains(sourceAt, size) else { return nil }
    func side(_ at: Int, port: UInt32) -> FollowedStream.Side {
      let bytes = packet.slice(at, size)
      let address =
        isIPv6 ? FieldText.ipv6(bytes) : FieldText.ipv4(UInt32(truncatingIfNeeded: bytes.uint(at: 0, length: 4) ?? 0))
      return FollowedStream.Side(
        key: bytes.copyBytes() + [UInt8(port >> 8), UInt8(port & 0xff)], address: address, port: Int(port),
        isIPv6: isIPv6)
    }
    return (side(sourceAt, port: ports >> 16), side(network.start + offset + size, port: ports & 0xffff))
  }

  /// The packet's bytes from `start` to `end`, as far as they were captured.
  private static func bytes(_ packet: ByteView, from start: Int, to end: Int) -> ArraySlice<UInt8> {
    let end = min(end, packet.count)
    guard start < end, start >= 0 else { return [] }
    return packet.slice(start, end - start).copyBytes()[...]
  }

  /// `follow … save PATH`: the client's payload to PATH.client, the
  /// server's to PATH.server, each written atomically; a gap the capture
  /// misses is left out.
  private func save(_ stream: FollowedStream, to path: String) -> Outcome {
    var outputs: [AtomicOutput] = []
    do throws(CaptureError) {
      for (side, suffix) in ["client", "server"].enumerated() {
        let output = try AtomicOutput(path: path + "." + suffix)
        outputs.append(output)
        for chunk in stream.chunks where chunk.fromServer == (side == 1) && !chunk.isGap {
          output.buffer.append(contentsOf: chunk.bytes)
          try output.flushIfFull()
        }
      }
      for output in outputs { try output.commit() }
    } catch {
      for output in outputs { output.abandon() }
      return fail(error.description)
    }
    let sizes = [false, true].map { server in
      stream.chunks.reduce(0) { $0 + ($1.fromServer == server && !$1.isGap ? $1.bytes.count : 0) }
    }
    err.line("pktsh: saved \(sizes[0]) bytes to \(path).client, \(sizes[1]) bytes to \(path).server")
    return .ok
  }
}

/// The fields `follow` reads (the protocols' enums are the dissection module's own).
struct FollowFields {
  let tcpStream, tcpSeq, tcpAck, tcpLen, tcpTimeRelative, udpStream, ipv6HomeAddress: FieldID

  static let shared = FollowFields()

  private init?() {
    guard let tcpStream = Registry.field(named: "tcp.stream"), let tcpSeq = Registry.field(named: "tcp.seq"),
      let tcpAck = Registry.field(named: "tcp.ack"), let tcpLen = Registry.field(named: "tcp.len"),
      let tcpTimeRelative = Registry.field(named: "tcp.time_relative"), let udpStream = Registry.field(named: "udp.stream"),
      let ipv6HomeAddress = Registry.field(named: "ipv6.opt.mipv6.home_address")
    else { return nil }
    (self.tcpStream, self.tcpSeq, self.tcpAck, self.tcpLen, self.tcpTimeRelative, self.udpStream) =
      (tcpStream, tcpSeq, tcpAck, tcpLen, tcpTimeRelative, udpStream)
    self.ipv6HomeAddress = ipv6HomeAddress
  }
}
