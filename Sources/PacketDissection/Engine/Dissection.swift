import PacketCapture
import PacketWire

/// A layer found in a packet: which protocol, its bytes, and where its
/// records start.
public struct LayerSpan: Sendable {
  public var protocolID: ProtocolID
  public var start: Int
  public var end: Int
  /// Where the data the layer was handed ends, its payload included (an
  /// IP layer's: its datagram's end): what tshark's `ip contains …` searches.
  public var dataEnd: Int
  public var firstRecord: Int
  /// Nesting: 0 for the packet's own layers, 1 inside an ICMP error, ...
  public var depth: UInt8
  /// Whether `frame.protocols` names the layer: not when it is a further
  /// PDU of the layer before it of its protocol (`Next.furtherPDU`).
  public var listed = true
}

/// Which layer's padding and trailer fields take the bytes after a datagram.
struct TrailerOwner {
  var layer: Int
  var payloadStart: Int
  var padding: FieldID?
  var trailer: FieldID
  /// Whether the last four bytes of a long enough frame are taken for the
  /// FCS; Wireshark's 802.1Q, 802.1ad, 802.1ah and VN-Tag dissectors say
  /// there is none (their trailers are all trailer).
  var guessesFCS = true
}

/// More bytes a layer above TCP needs before it can dissect what starts
/// at `start` (absolute, in the packet): `count` more, or (nil) those of
/// one more segment, whatever its length; or, `untilFIN`, every byte up to
/// the end of the direction (Wireshark's `DESEGMENT_UNTIL_FIN`).
struct DesegmentRequest {
  var start: Int
  var count: Int?
  var untilFIN = false
}

/// A frame's time, and its times since the first and the previous frame,
/// as Wireshark holds and subtracts them (`NSTime`).
public struct UnnormalisedTimes: Sendable {
  public var time: NSTime
  public var sinceFirst: NSTime
  public var sincePrevious: NSTime
}

/// Records a layer read for its Info alone (`Dissection.setAside`).
struct InfoOnlyRecords {
  var layer: Int
  var records: [FieldRecord]
  /// Whether tshark's walk without a tree raised no exception where the
  /// tree's did: Info then ends with no complaint.
  var quiet: Bool
}

/// The facts about one frame that do not come from its bytes.
public struct FrameInfo: Sendable {
  public var number: Int = 0
  /// False for packets stored without a timestamp (pcapng Simple Packet Blocks).
  public var hasTime = true
  /// Nanoseconds since the epoch.
  public var time: Int64 = 0
  public var sinceFirst: Int64 = 0
  public var sincePrevious: Int64 = 0
  /// The three times as Wireshark holds them, when this frame's, the first
  /// frame's or the previous frame's time is not normalised (`NSTime`).
  public var unnormalised: UnnormalisedTimes?
  public var originalLength: Int = 0
  public var interfaceIndex: Int?
  /// The interface's number within its pcapng section.
  public var interfaceID: Int?
  public var interfaceName: String?
  public var linkType: LinkType = .ethernet
  public var comments: [String] = []
}

/// The result of dissecting one packet: a flat list of field records in
/// packet order, the layers, and whether the packet was cut short or
/// malformed. A `Dissector` reuses one of these for every packet, so after
/// the first few packets no memory is allocated.
///
/// Its stored properties are `@exclusivity(unchecked)`: the dissector that
/// owns it is their only writer, one packet at a time, and the run-time
/// access checks on them nearly doubled the instructions `print` takes.
public final class Dissection {
  /// The frame's bytes, and after them any bytes put together from
  /// several frames (a defragmented datagram) that layers were dissected
  /// over: records' offsets past `capturedCount` point there.
  @exclusivity(unchecked) public internal(set) var packet: ByteView = .empty
  /// How many of `packet`'s bytes the frame itself captured.
  @exclusivity(unchecked) public internal(set) var capturedCount = 0
  @exclusivity(unchecked) public internal(set) var frame = FrameInfo()
  @exclusivity(unchecked) public internal(set) var records: [FieldRecord] = []
  @exclusivity(unchecked) public internal(set) var layers: [LayerSpan] = []
  /// Set when a layer ran past the captured bytes.
  @exclusivity(unchecked) public internal(set) var truncated = false
  /// Set when a layer ran past the length the packet declares, or broke a rule.
  @exclusivity(unchecked) public internal(set) var malformed = false
  /// The media type by which HTTP/2 handed a message body to its reader,
  /// for Info (`DATA[1] (text/plain)`): the header block that named it may
  /// be in an earlier packet.
  @exclusivity(unchecked) var handedMediaType: String?
  /// Bytes of values computed during dissection (decompressed names).
  @exclusivity(unchecked) var arena: [UInt8] = []
  /// Records of a layer read for its Info alone (`setAside`).
  @exclusivity(unchecked) private(set) var infoOnly: InfoOnlyRecords?
  /// When set, only these fields are recorded (protocol items always are).
  var only: FieldIDSet? {
    didSet {
      guard let only else {
        wanted.update(repeating: ~0, count: FieldIDSet.wordCount)
        return
      }
      for (i, word) in only.words.enumerated() { wanted[i] = word }
      for proto in ProtocolID.allCases { Self.set(FieldID(proto, 0), in: wanted) }
    }
  }
  /// Fields of `only` that are recorded for their presence alone: a
  /// layer may leave such a field's value empty rather than work it out
  /// (`wantsValue`).
  var presenceOnly = FieldIDSet()
  /// `only` as the hot path reads it: a bitmap by `FieldID.raw`, every bit
  /// set when everything is recorded, and always the protocol items; one
  /// load and a bit test per field, with no optional or array to retain.
  private let wanted = UnsafeMutablePointer<UInt64>.allocate(capacity: FieldIDSet.wordCount)
  /// Fixed-field layouts by `FieldID.raw`, for `LayerCursor.fixed`.
  let layouts = FastTables.shared.layouts
  /// The innermost layer that handed its payload on by EtherType, which
  /// owns any bytes the payload does not claim (padding, trailer).
  @exclusivity(unchecked) var trailerOwner: TrailerOwner?
  /// Set when a network layer gave its fragment to the defragmenter and
  /// the datagram is not yet whole: its Info then describes the fragment.
  @exclusivity(unchecked) var heldFragment = false
  /// Set while TCP hands a segment's payload, or a PDU it put together,
  /// to the layers above with reassembly on (Wireshark's
  /// `pinfo->can_desegment`): they may then ask for more bytes.
  @exclusivity(unchecked) var canDesegment = false
  /// What a layer above TCP asked for (Wireshark's `desegment_offset` and
  /// `desegment_len`).
  @exclusivity(unchecked) var desegmentRequest: DesegmentRequest?
  /// TCP kept the start of the segment's payload for a PDU that goes on
  /// in later segments: Info ends `[TCP segment of a reassembled PDU]`.
  @exclusivity(unchecked) public internal(set) var segmentOfReassembledPDU = false
  /// Info a layer wrote before it asked TCP for the rest of the PDU it
  /// starts with (NBSS's message type): tshark keeps it for such a segment.
  @exclusivity(unchecked) public internal(set) var infoBeforeRequest: String?
  /// How many of `layers` nest nothing: further PDUs of the layer before
  /// them (`Next.furtherPDU`) and protocols only listed in the chain
  /// (`LayerCursor.listInChain`, `listAgain`). The layer limit leaves
  /// them out, as Wireshark's has no bound on the PDUs of one segment.
  @exclusivity(unchecked) var flatLayers = 0

  /// Whether another layer may be dissected: fewer than
  /// `Dissector.maximumLayers` that nest, and fewer than
  /// `Dissector.maximumLayerSpans` in all.
  var hasRoomForLayer: Bool {
    layers.count - flatLayers < Dissector.maximumLayers && layers.count < Dissector.maximumLayerSpans
  }

  /// Where the outermost network layer says its datagram ends (absolute).
  @exclusivity(unchecked) var claimedEnd: Int?

  /// An empty dissection: no packet, no fields. A `Dissector` fills its
  /// own; alone, it is what values that read no field (`echo`) are
  /// evaluated on.
  public init() {
    wanted.initialize(repeating: ~0, count: FieldIDSet.wordCount)
    records.reserveCapacity(256)
    layers.reserveCapacity(16)
    arena.reserveCapacity(1024)
  }

  /// Storage of `packet` once reassembled bytes follow the frame's, and
  /// earlier storage of this packet that cursors may still read, freed
  /// when the next packet starts. Unchecked, as the other hot properties:
  /// `reset` reads it for every packet.
  @exclusivity(unchecked) private var extended: [UnsafeMutableRawBufferPointer] = []
  /// Storage of PDUs whose room `packet` was put in (TCP's reassembled
  /// PDUs), kept alive until the next packet starts.
  @exclusivity(unchecked) private var lent: [ReassemblyBuffer.Storage] = []

  deinit {
    wanted.deallocate()
    for buffer in extended { buffer.deallocate() }
  }

  /// The frame's own captured bytes.
  public var frameBytes: ByteView { packet.slice(0, capturedCount) }

  /// Puts `bytes` after the packet's (and after bytes added before), so
  /// that layers can be dissected over them, and answers where they start.
  func appendReassembled(_ bytes: [UInt8]) -> Int {
    let start = packet.count
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, start + bytes.count), alignment: 8)
    if let base = packet.base { buffer.baseAddress!.copyMemory(from: base, byteCount: start) }
    bytes.withUnsafeBytes { source in
      if let from = source.baseAddress { (buffer.baseAddress! + start).copyMemory(from: from, byteCount: source.count) }
    }
    extended.append(buffer)
    packet = ByteView(base: UnsafeRawPointer(buffer.baseAddress), count: start + bytes.count)
    return start
  }

  /// Puts `pdu`'s bytes after the packet's, as `appendReassembled` does,
  /// by copying the packet's bytes into the room before the PDU's rather
  /// than the PDU's after a copy of the packet's. A PDU whose room already
  /// holds this packet (whose earlier view cursors may still read) is
  /// copied instead.
  func appendReassembled(_ pdu: inout ReassemblyBuffer) -> Int {
    if lent.contains(where: { $0 === pdu.storage }) { return appendReassembled(pdu.view.copyBytes()) }
    let start = packet.count
    packet = pdu.view(after: packet)
    lent.append(pdu.storage)
    return start
  }

  /// Starts the next packet, over `packet`; its dissector then sets `frame`.
  func reset(packet: ByteView) {
    if !extended.isEmpty {
      for buffer in extended { buffer.deallocate() }
      extended.removeAll(keepingCapacity: true)
    }
    if !lent.isEmpty { lent.removeAll(keepingCapacity: true) }
    self.packet = packet
    capturedCount = packet.count
    records.removeAll(keepingCapacity: true)
    layers.removeAll(keepingCapacity: true)
    flatLayers = 0
    // Most packets compute no values: skip the call.
    if !arena.isEmpty { arena.removeAll(keepingCapacity: true) }
    truncated = false
    malformed = false
    handedMediaType = nil
    trailerOwner = nil
    claimedEnd = nil
    heldFragment = false
    canDesegment = false
    desegmentRequest = nil
    segmentOfReassembledPDU = false
    infoBeforeRequest = nil
    if infoOnly != nil { infoOnly = nil }
  }

  /// Moves the records from index `start` on out of the tree, the fields
  /// and the filters, keeping them for the Info of layer `layer` alone.
  /// tshark writes Info without building a tree (`tshark -r`), so a part
  /// on which its tree throws (a DNS record that runs past the message,
  /// whose subtree does not fit) still shows in Info, read as if whole.
  func setAside(recordsFrom start: Int, layer: Int, quiet: Bool) {
    guard start < records.count else { return }
    infoOnly = InfoOnlyRecords(layer: layer, records: Array(records[start...]), quiet: quiet)
    records.removeSubrange(start...)
  }

  /// Makes `owner` the layer that owns the bytes the payload does not
  /// claim, unless a network layer outside it already claimed where its
  /// datagram ends: an Ethernet frame inside a tunnel owns none of the
  /// outer frame's padding or trailer.
  func own(trailer owner: TrailerOwner) {
    guard claimedEnd == nil else { return }
    var owner = owner
    // A tag that says there is no FCS says so for the tags inside it too.
    if let outer = trailerOwner, !outer.guessesFCS { owner.guessesFCS = false }
    trailerOwner = owner
  }

  /// A network layer's declaration of where its datagram ends; the first
  /// (outermost) claim counts.
  public func claim(end: Int) {
    if claimedEnd == nil { claimedEnd = end }
  }

  /// Whether layer `index` lies in a packet an ICMP or ICMPv6 error quotes
  /// (Wireshark's `in_error_pkt`): some layer it nests under is ICMP's or
  /// ICMPv6's. A layer nested otherwise (the datagram a PIM Register
  /// carries) is the packet's own, for conversations and stream times.
  public func isQuoted(_ index: Int) -> Bool {
    var depth = layers[index].depth
    var i = index
    while depth > 0 && i > 0 {
      i -= 1
      guard layers[i].depth < depth else { continue }
      if layers[i].protocolID == .icmp || layers[i].protocolID == .icmpv6 { return true }
      depth = layers[i].depth
    }
    return false
  }

  /// Inserts `record` after the last record of layer `layer`, keeping the
  /// tree in order.
  func insert(_ record: FieldRecord, inLayer layer: Int) {
    guard wants(record.field) else { return }
    let at = layer + 1 < layers.count ? layers[layer + 1].firstRecord : records.count
    records.insert(record, at: at)
    for i in (layer + 1)..<layers.count { layers[i].firstRecord += 1 }
  }

  /// Inserts `block` after the last record of layer `layer`, in order.
  func insert(_ block: [FieldRecord], inLayer layer: Int) {
    let kept = block.filter { wants($0.field) }
    guard !kept.isEmpty else { return }
    let at = layer + 1 < layers.count ? layers[layer + 1].firstRecord : records.count
    records.insert(contentsOf: kept, at: at)
    for i in (layer + 1)..<layers.count { layers[i].firstRecord += kept.count }
  }

  /// Sets the value of the last layer's protocol item, for a protocol
  /// that keeps there what its fields do not say (TLS: its Protocol
  /// column's version and how its walk ended).
  func setLayerItemValue(_ value: UInt64) {
    guard let layer = layers.last, records.indices.contains(layer.firstRecord) else { return }
    records[layer.firstRecord].value = value
  }

  @inline(__always) func wants(_ id: FieldID) -> Bool {
    wanted[Int(id.raw >> 6)] & (1 << UInt64(id.raw & 63)) != 0
  }

  /// Whether the dissection keeps `id` with its value (not for its presence alone).
  func wantsValue(_ id: FieldID) -> Bool { wants(id) && !presenceOnly.contains(id) }

  private static func set(_ id: FieldID, in bitmap: UnsafeMutablePointer<UInt64>) {
    bitmap[Int(id.raw >> 6)] |= 1 << UInt64(id.raw & 63)
  }

  @inline(__always) func append(_ record: FieldRecord) {
    if wants(record.field) { records.append(record) }
  }

  /// Stores computed bytes and returns the packed arena reference.
  func store(_ bytes: some Collection<UInt8>) -> UInt64 {
    let start = arena.count
    arena.append(contentsOf: bytes)
    return UInt64(start) << 32 | UInt64(arena.count - start)
  }

  /// The bytes of a record's value: from the arena or from the packet.
  public func valueBytes(_ record: FieldRecord) -> ByteView {
    if record.flags.contains(.inArena) {
      let start = Int(record.value >> 32)
      let count = Int(record.value & 0xffff_ffff)
      return arena.withUnsafeBytes { ByteView($0).slice(start, count) }
    }
    return packet.slice(Int(record.offset), Int(record.length))
  }

  /// The protocols in the packet, colon-separated, as `frame.protocols` shows them.
  public var protocolChain: String {
    var bytes: [UInt8] = []
    appendProtocolChain(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Stores `protocolChain` in the arena, written there name by name, and
  /// returns the packed arena reference.
  func storeProtocolChain() -> UInt64 {
    let start = arena.count
    appendProtocolChain(to: &arena)
    return UInt64(start) << 32 | UInt64(arena.count - start)
  }

  private func appendProtocolChain(to bytes: inout [UInt8]) {
    let names = Self.protocolNames
    var first = true
    for layer in layers where layer.protocolID != .frame && layer.listed {
      if !first { bytes.append(UInt8(ascii: ":")) }
      first = false
      bytes.append(contentsOf: names[Int(layer.protocolID.rawValue)])
    }
  }

  /// Every protocol's filter name as UTF-8, by raw value: reading one
  /// from its `ProtocolDecl` copied the declaration, for every layer of
  /// every packet.
  private static let protocolNames = Registry.protocols.map { Array($0.name.utf8) }

  /// Every occurrence of `field`, in packet order.
  public func occurrences(of field: FieldID) -> some Sequence<FieldRecord> {
    records.lazy.filter { $0.field == field }
  }

  /// Whether `field` occurs. (Here, not in the caller's module, the
  /// records are read without a run-time exclusivity check.)
  public func contains(_ field: FieldID) -> Bool {
    records.contains { $0.field == field }
  }

  /// The first occurrence of `field`, if any.
  public func first(_ field: FieldID) -> FieldRecord? {
    records.first { $0.field == field }
  }
}
