import PacketCapture
import PacketWire

/// Dissects packets one after another, reusing one `Dissection`.
///
/// Feed packets in capture order: time deltas, TCP and UDP stream numbers
/// and relative sequence numbers depend on the packets before. To answer a
/// question cheaply, set `deepest` (stop below that layer) and `only`
/// (record only those fields).
///
/// Not for use from several threads at once; its hot stored properties,
/// and those of its `Dissection` and `DissectionState`, skip run-time
/// exclusivity checks for that reason (`@exclusivity(unchecked)`).
public final class Dissector {
  public let state = DissectionState()
  public let dissection = Dissection()
  private let tables = FastTables.shared
  /// Layers deeper than this are not dissected. Read once per packet
  /// without a run-time exclusivity check (see the type's comment).
  @exclusivity(unchecked) public var deepest: LayerLevel = .application {
    didSet { updateTracking() }
  }
  /// When set, only these fields are recorded.
  public var only: FieldIDSet? {
    get { dissection.only }
    set {
      dissection.only = newValue
      updateTracking()
    }
  }

  /// Whether IPv4 and IPv6 fragments are put back together and the
  /// layers above dissected over the whole datagram at its last fragment,
  /// as tshark does by default (`ip.defragment`, `ipv6.defragment`).
  /// Questions that read nothing above the network layer, nor the
  /// reassembly's own fields, skip it.
  public var defragments = true {
    didSet { updateTracking() }
  }

  /// Whether PDUs of the layers above TCP that span segments are put back
  /// together and dissected at the segment that completes them, as tshark
  /// does by default (`tcp.desegment_tcp_streams`). Questions that read no
  /// layer above TCP, nor the reassembly's own fields, skip it.
  public var reassemblesTCP = true {
    didSet { updateTracking() }
  }

  /// Set by a caller that reads nothing of a dissection but the records
  /// of the fields it restricted it to (`restrict(to:)`, filters
  /// included): no layer spans, no protocol item, nothing of the frame.
  /// When those fields are all TCP's and no layer above is dissected, a
  /// plain frame (`PlainFrame`: Ethernet II, then unfragmented IPv4 or
  /// IPv6, then TCP or UDP) is dissected from its TCP layer, the layers
  /// below recording nothing wanted, and a UDP datagram that can hold no
  /// TCP layer not at all; nor is an IPv4 fragment of one, whose place
  /// the defragmenter keeps without its bytes (`IPDefragmenter.addUnread`).
  public var readsOwnRecordsOnly = false {
    didSet { updateTracking() }
  }
  /// Whether plain frames go straight to TCP (see `readsOwnRecordsOnly`).
  @exclusivity(unchecked) private var skipsToTCP = false

  /// Records only `fields` (and protocol items) and dissects no deeper
  /// than they need: the cheapest dissection that still answers them.
  /// Those of `fields` also in `presenceOnly` are read only for whether
  /// they are there: their values may be left empty.
  public func restrict(to fields: [FieldID], presenceOnly: [FieldID] = []) {
    dissection.presenceOnly = FieldIDSet(presenceOnly)
    only = FieldIDSet(fields)
    deepest = deepestLevel(for: fields)
  }

  /// TCP and UDP conversations cost a table lookup per packet; keep them
  /// only when a recorded field depends on them (stream numbers, relative
  /// sequence numbers, scaled windows, stream times) or an application
  /// layer does (HTTP remembers each connection). TCP's sequence analysis
  /// costs more: run it only for its own fields, or when layers above TCP
  /// are dissected (as in tshark, a retransmitted segment's payload goes
  /// to no dissector, and a keep-alive's byte is data).
  private func updateTracking() {
    state.defragments = defragments && (deepest > .network || dissection.only.map { only in
      IPv4.reassembly.all.contains(where: only.contains) || IPv6.reassembly.all.contains(where: only.contains)
    } ?? true)
    state.recordsAnalysis = dissection.only.map { only in TCP.analysed.contains { only.contains($0.fieldID) } } ?? true
    state.measuresFlight = dissection.only.map { only in TCP.inFlight.contains { only.contains($0.fieldID) } } ?? true
    state.recordsTCPHeader = dissection.only.map { only in TCP.headerFields.contains(where: only.contains) } ?? true
    state.reassemblesTCP = reassemblesTCP && deepest >= .application
    let tcpWords = Int(ProtocolID.tcp.rawValue) * 4..<Int(ProtocolID.tcp.rawValue) * 4 + 4
    skipsToTCP =
      readsOwnRecordsOnly && deepest == .transport
      && dissection.only.map { only in only.words.indices.allSatisfy { tcpWords.contains($0) || only.words[$0] == 0 } } == true
    guard let only = dissection.only, deepest < .application else {
      state.tracksConversations = true
      state.analyzesSequences = true
      return
    }
    state.analyzesSequences = TCP.analysed.contains { only.contains($0.fieldID) }
    state.tracksConversations =
      state.analyzesSequences || TCP.stateful.contains(where: only.contains) || UDP.stateful.contains(where: only.contains)
  }

  /// At most this many layers are dissected in one packet; past it the rest
  /// is left undissected and the packet marked malformed, as Wireshark
  /// marks a packet past its layer limit. Layers nest only inside others
  /// (each ICMP error quoting an IP header adds two), so the limit also
  /// bounds nesting, the tree depth of every record, and recursion.
  public static let maximumLayers = 64
  /// At most this many layers of any kind, further PDUs of a segment and
  /// protocols only listed in the chain included (`Dissection.flatLayers`):
  /// a bound on the work and memory of one packet.
  public static let maximumLayerSpans = 4096

  /// The `decode … as` rules, asked before the dispatch tables.
  @exclusivity(unchecked) public var decodeAs = DecodeAsRules()

  /// The capture's interfaces, for `frame.interface_name`.
  @exclusivity(unchecked) public var interfaces: [CaptureInterface] = []

  public init() {}

  /// What Wireshark calls interface `index`: its `if_name`, else its
  /// `if_description`, else `unknown` (as tshark names it for a pcapng
  /// interface without either).
  private func interfaceName(_ index: Int) -> String {
    guard interfaces.indices.contains(index) else { return "unknown" }
    return interfaces[index].name ?? interfaces[index].description ?? "unknown"
  }

  /// Dissects `record` and returns the (reused) dissection.
  @discardableResult
  public func dissect(_ record: PacketRecord) -> Dissection {
    let time = record.timestamp.seconds &* 1_000_000_000 &+ Int64(record.timestamp.nanoseconds)
    let first = state.firstTime ?? time
    let previous = state.previousTime ?? time
    // A pcapng Simple Packet Block has no time: it shows none, and (as in
    // Wireshark) counts as time zero, for the next packet's delta and, when
    // it is the first, for every later packet's time since the first.
    var unnormalised: UnnormalisedTimes?
    if record.unnormalisedTime != nil || state.firstUnnormalised != nil || state.previousUnnormalised != nil {
      let now = record.unnormalisedTime ?? NSTime(nanosecondsSinceEpoch: time)
      unnormalised = UnnormalisedTimes(
        time: now, sinceFirst: now.since(state.firstUnnormalised ?? NSTime(nanosecondsSinceEpoch: first)),
        sincePrevious: now.since(state.previousUnnormalised ?? NSTime(nanosecondsSinceEpoch: previous)))
    }
    if state.firstTime == nil { state.firstUnnormalised = record.unnormalisedTime }
    state.firstTime = first
    state.previousTime = time
    state.previousUnnormalised = record.unnormalisedTime
    dissection.reset(packet: record.bytes)
    // Field by field, in place: a whole `FrameInfo` would be copied with
    // its strings for every packet.
    dissection.frame.number = record.number
    dissection.frame.hasTime = record.hasTimestamp
    dissection.frame.time = time
    dissection.frame.sinceFirst = time &- first
    dissection.frame.sincePrevious = time &- previous
    dissection.frame.unnormalised = unnormalised
    dissection.frame.originalLength = record.originalLength
    dissection.frame.linkType = record.linkType
    if record.interfaceIndex != nil || dissection.frame.interfaceIndex != nil {
      dissection.frame.interfaceIndex = record.interfaceIndex
      dissection.frame.interfaceID = record.interfaceIndex.map(sectionLocalID)
      dissection.frame.interfaceName = record.interfaceIndex.map(interfaceName)
    }
    if !record.comments.isEmpty || !dissection.frame.comments.isEmpty { dissection.frame.comments = record.comments }
    let end = max(record.originalLength, record.bytes.count)
    if skipsToTCP && record.linkType == .ethernet && decodeAs.isEmpty {
      switch PlainFrame.read(record.bytes, frameEnd: end, tables: tables) {
      case .tcp(let start, let tcpEnd, let source, let destination):
        state.networkSource = source
        state.networkDestination = destination
        run(.layer(.tcp, at: start, end: tcpEnd), depth: 0)
        markMalformed()
        return dissection
      case .noTCP:
        return dissection
      case .udpFragment(let key, let offset, let start, let end, let more, let startsNoTCP):
        guard state.defragments else { break }
        if state.defragmenter.addUnread(
          key, frame: record.number, offset: offset, length: end - start, more: more, startsUnread: startsNoTCP)
        {
          return dissection
        }
        // As IPv4 hands it on, without the layers below (they record nothing wanted).
        state.networkSource = key.source
        state.networkDestination = key.destination
        guard
          let whole = state.defragmenter.add(
            key, frame: record.number, offset: offset, bytes: record.bytes.slice(start, end - start), more: more)
        else { return dissection }
        let at = dissection.appendReassembled(whole.data)
        run(.dispatch(.ipProto, key: 17, at: at, end: at + whole.data.count), depth: 0)
        markMalformed()
        return dissection
      case .other:
        break
      }
    }
    run(.layer(.frame, at: 0, end: end), depth: 0)
    addTrailer(frameEnd: end)
    if dissection.wants(Frame.protocols.fieldID) {
      let packed = dissection.storeProtocolChain()
      dissection.insert(
        FieldRecord(
          field: Frame.protocols.fieldID, depth: 1, flags: [.generated, .inArena], offset: 0, length: 0,
          value: packed), inLayer: 0)
    }
    markMalformed()
    return dissection
  }

  /// Ends a malformed packet's dissection with the `_ws.malformed` layer.
  private func markMalformed() {
    guard dissection.malformed else { return }
    dissection.layers.append(
      LayerSpan(
        protocolID: .malformed, start: 0, end: 0, dataEnd: 0, firstRecord: dissection.records.count, depth: 0))
    dissection.append(
      FieldRecord(
        field: Malformed.item.fieldID, depth: 0, flags: .generated, offset: 0, length: 0, value: 0))
  }

  /// Bytes after the datagram that the link layer carried, as Wireshark
  /// splits them: zero bytes up to the 60-byte minimum frame are padding;
  /// in a frame of 64 bytes or more the last four are taken for the frame
  /// check sequence (not verified); the rest is trailer.
  private func addTrailer(frameEnd: Int) {
    guard let owner = dissection.trailerOwner, let claimed = dissection.claimedEnd,
      claimed >= owner.payloadStart, claimed < frameEnd
    else { return }
    let packet = dissection.packet
    let captured = dissection.capturedCount
    var paddingEnd =
      owner.padding == nil ? claimed : min(frameEnd, max(claimed, Ethernet.minimumFrame))
    var i = claimed
    while i < min(paddingEnd, captured) {
      if packet.byte(i) != 0 {
        paddingEnd = claimed
        break
      }
      i += 1
    }
    var trailerEnd = frameEnd
    var fcsAt: Int?
    // Wireshark measures "64 bytes or more" over the owner's own bytes.
    let ownerStart = dissection.layers[owner.layer].start
    if owner.guessesFCS && frameEnd - ownerStart >= Ethernet.minimumFrame + 4 && frameEnd - paddingEnd >= 4 {
      trailerEnd = frameEnd - 4
      if frameEnd <= captured { fcsAt = trailerEnd }
    }
    if let padding = owner.padding, paddingEnd > claimed, claimed < captured {
      insert(padding, from: claimed, to: min(paddingEnd, captured), layer: owner.layer)
    }
    if trailerEnd > paddingEnd, paddingEnd < captured {
      insert(owner.trailer, from: paddingEnd, to: min(trailerEnd, captured), layer: owner.layer)
    }
    if let at = fcsAt, let fcs = packet.uint32(at: at) {
      dissection.insert(
        FieldRecord(field: Ethernet.fcs.fieldID, depth: 1, flags: FieldRecord.Flags(), offset: Int32(at), length: 4, value: UInt64(fcs)),
        inLayer: owner.layer)
      dissection.insert(
        FieldRecord(field: Ethernet.fcsStatus.fieldID, depth: 1, flags: .generated, offset: Int32(at), length: 0, value: 2),
        inLayer: owner.layer)
    }
  }

  private func insert(_ field: FieldID, from start: Int, to end: Int, layer: Int) {
    dissection.insert(
      FieldRecord(field: field, depth: 1, flags: FieldRecord.Flags(), offset: Int32(start), length: Int32(end - start), value: 0),
      inLayer: layer)
  }

  /// pcapng numbers interfaces within each section, and so does
  /// `frame.interface_id`; capture files number them across the file.
  private func sectionLocalID(_ index: Int) -> Int {
    guard interfaces.indices.contains(index) else { return index }
    let section = interfaces[index].section
    return index - (interfaces.firstIndex { $0.section == section } ?? 0)
  }

  /// Runs layers from `next` until one stops. Also used for layers nested
  /// inside another (the IP header quoted in an ICMP error).
  func run(_ start: Next, depth: UInt8) {
    var next = start
    // One cursor for the chain, moved from layer to layer (a new one per
    // layer would retain and release the dissection and state each time).
    var cursor = LayerCursor(
      packet: dissection.packet, start: 0, end: 0, dissection: dissection, state: state, depth: 0)
    cursor.dissector = self
    while true {
      guard dissection.hasRoomForLayer else {
        dissection.malformed = true
        return
      }
      let proto: ProtocolID
      let at: Int
      let end: Int
      var listed = true
      switch next {
      case .stop:
        return
      case .layer(let p, let a, let e):
        (proto, at, end) = (p, a, e)
      case .furtherPDU(let p, let a, let e):
        (proto, at, end, listed) = (p, a, e, false)
      case .dispatch(let table, let key, let a, let e):
        if table == .ethertype { addLayer(.ethertype, at: a, end: a, depth: depth) }
        guard let p = lookup(table, key) else {
          next = .data(at: a, end: e)
          continue
        }
        (proto, at, end) = (p, a, e)
      case .ports(let table, let x, let y, let a, let e):
        // As Wireshark's TCP asks the conversation's dissector before the
        // ports: a data connection an FTP control connection announced.
        if table == .tcpPort, depth == 0, FTPData.channel(state, sourcePort: x, destinationPort: y) != nil {
          (proto, at, end) = (.ftpData, a, e)
          break
        }
        let (low, high) = x <= y ? (x, y) : (y, x)
        guard let p = lookup(table, low) ?? lookup(table, high) ?? heuristic(table, at: a, end: e) else {
          next = .data(at: a, end: e)
          continue
        }
        (proto, at, end) = (p, a, e)
      case .data(let a, let e):
        guard a < e, a < dissection.packet.count else { return }
        (proto, at, end) = (.data, a, e)
      }
      if tables.levels[Int(proto.rawValue)] > deepest { return }
      next = runLayer(proto, at: at, end: end, depth: depth, listed: listed, cursor: &cursor)
      // A layer that put a datagram together moved the packet's bytes.
      if cursor.packet.count != dissection.packet.count {
        cursor = LayerCursor(
          packet: dissection.packet, start: 0, end: 0, dissection: dissection, state: state, depth: 0)
        cursor.dissector = self
      }
    }
  }

  /// The protocol bound to `key` in `table`: a `decode … as` rule's, else
  /// the table's.
  @inline(__always) func lookup(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    if !decodeAs.isEmpty, let chosen = decodeAs.protocolID(table, key) { return chosen }
    return tables.lookup(table, key)
  }

  /// The protocol a heuristic finds in a payload whose ports are bound to
  /// none, as Wireshark's TCP tries its heuristic dissectors after the
  /// ports: TLS's and HTTP's. A connection either heuristic claimed stays
  /// with it. Tried only when the question reaches that deep.
  private func heuristic(_ table: DispatchTable, at start: Int, end: Int) -> ProtocolID? {
    guard table == .tcpPort else { return nil }
    if tables.levels[Int(ProtocolID.rpc.rawValue)] <= deepest, let tcp = dissection.layers.last, tcp.protocolID == .tcp {
      let cursor = LayerCursor(
        packet: dissection.packet, start: tcp.start, end: end, dissection: dissection, state: state, depth: 0)
      if RPC.claims(cursor, at: start - tcp.start, tcp: true) || RPC.ownsConnection(cursor) { return .rpc }
      if DCERPC.claims(cursor, at: start - tcp.start, tcp: true) || DCERPC.ownsConnection(cursor) { return .dcerpc }
    }
    guard tables.levels[Int(ProtocolID.http.rawValue)] <= deepest else { return nil }
    let packet = dissection.packet
    if HTTP.claimed(packet, at: start, end: end, dissection: dissection, state: state) { return .http }
    if TLS.claims(packet, at: start, end: end, dissection: dissection, state: state) { return .tls }
    return HTTP.claims(packet, at: start, end: end, dissection: dissection, state: state) ? .http : nil
  }

  private func addLayer(_ proto: ProtocolID, at: Int, end: Int, depth: UInt8, listed: Bool = true) {
    if !listed { dissection.flatLayers += 1 }
    dissection.layers.append(
      LayerSpan(
        protocolID: proto, start: at, end: end, dataEnd: end, firstRecord: dissection.records.count, depth: depth,
        listed: listed))
  }

  private func runLayer(
    _ proto: ProtocolID, at: Int, end: Int, depth: UInt8, listed: Bool, cursor: inout LayerCursor
  ) -> Next {
    let layerIndex = dissection.layers.count
    addLayer(proto, at: at, end: end, depth: depth, listed: listed)
    let itemIndex = dissection.records.count
    let itemDepth = depth * 2
    dissection.records.append(
      FieldRecord(
        field: FieldID(proto, 0), depth: itemDepth, flags: FieldRecord.Flags(), offset: Int32(at),
        // `end` may be a claimed original length of up to 4 GiB; the
        // length is set to the bytes really covered below.
        length: Int32(clamping: max(0, end - at)), value: 0))
    cursor.start = at
    cursor.end = end
    cursor.depth = itemDepth
    cursor.withdrawn = false
    cursor.headerEnd = nil
    let next: Next
    do {
      next = try Registry.dissect(proto, &cursor)
    } catch {
      switch error {
      case .truncated: dissection.truncated = true
      case .malformed: dissection.malformed = true
      }
      next = .stop
    }
    if cursor.withdrawn {
      dissection.records.removeSubrange(itemIndex...)
      dissection.layers.remove(at: layerIndex)
      return next
    }
    // The protocol item covers the header: up to where the payload starts.
    var headerEnd: Int
    var dataEnd: Int
    switch next {
    case .layer(_, let a, let e), .furtherPDU(_, let a, let e), .dispatch(_, _, let a, let e), .ports(_, _, _, let a, let e),
      .data(let a, let e):
      (headerEnd, dataEnd) = (a, e)
    case .stop:
      (headerEnd, dataEnd) = (cursor.end, cursor.end)
    }
    if let own = cursor.headerEnd { (headerEnd, dataEnd) = (own, cursor.end) }
    // The frame's item is the whole packet, so `frame[…]` and `frame contains` see every byte.
    let itemEnd = proto == .frame ? dissection.packet.count : min(max(at, headerEnd), dissection.packet.count)
    dissection.records[itemIndex].length = Int32(itemEnd - at)
    dissection.layers[layerIndex].end = itemEnd
    dissection.layers[layerIndex].dataEnd = min(max(itemEnd, dataEnd), dissection.packet.count)
    return next
  }
}
