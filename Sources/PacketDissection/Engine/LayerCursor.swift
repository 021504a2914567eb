import PacketCapture
import PacketWire

/// What a protocol's dissect function works with: the packet, where its
/// layer starts and ends, and the means to record fields.
///
/// Offsets passed to the methods are relative to the layer's start. Every
/// read is checked against two ends, as Wireshark's tvbuffs are: past the
/// captured bytes the layer is `truncated`; past the length the enclosing
/// layer declared, it is `malformed`.
public struct LayerCursor {
  public let packet: ByteView
  /// Absolute offset of the layer's first byte.
  public internal(set) var start: Int
  /// Absolute end of the layer as the packet declares it.
  public internal(set) var end: Int
  public let dissection: Dissection
  public let state: DissectionState
  /// Tree depth of this layer's protocol item.
  public internal(set) var depth: UInt8
  /// The dissector running this layer, for layers nested inside it.
  unowned(unsafe) var dissector: Dissector?
  /// Set by a dissector that found nothing to show: Wireshark then drops
  /// the protocol from the tree and from `frame.protocols`, while the
  /// layers it handed on still appear.
  public var withdrawn = false
  /// Set by a layer that hands on bytes put together from several frames
  /// (a defragmented datagram): where its own header ends in the frame.
  var headerEnd: Int?

  init(
    packet: ByteView, start: Int, end: Int, dissection: Dissection, state: DissectionState,
    depth: UInt8
  ) {
    self.packet = packet
    self.start = start
    self.end = end
    self.dissection = dissection
    self.state = state
    self.depth = depth
  }

  /// Bytes the layer declares (may exceed what was captured).
  public var length: Int { end - start }
  /// Bytes of the layer actually captured.
  public var capturedLength: Int { max(0, min(end, packet.count) - start) }
  /// The captured bytes of the layer.
  public var bytes: ByteView { packet.slice(start, capturedLength) }

  /// Narrows the layer to its first `length` bytes (an IP total length,
  /// a UDP length), when that is shorter than what it had.
  public mutating func limit(to length: Int) {
    if length >= 0 && start + length < end { end = start + length }
  }

  /// Throws unless `count` bytes at `offset` are inside the layer and captured.
  @inline(__always) public func check(_ offset: Int, _ count: Int) throws(DissectionStop) {
    let from = start + offset
    guard offset >= 0, count >= 0, from + count <= end else { throw .malformed }
    guard from + count <= packet.count else { throw .truncated }
  }

  @inline(__always) public func uint8(_ offset: Int) throws(DissectionStop) -> UInt8 {
    try check(offset, 1)
    return packet.byte(start + offset)
  }

  @inline(__always) public func uint16(_ offset: Int) throws(DissectionStop) -> UInt16 {
    try check(offset, 2)
    return packet.uint16(at: start + offset)!
  }

  @inline(__always) public func uint32(_ offset: Int) throws(DissectionStop) -> UInt32 {
    try check(offset, 4)
    return packet.uint32(at: start + offset)!
  }

  @inline(__always) public func uint(_ offset: Int, _ count: Int) throws(DissectionStop) -> UInt64 {
    try check(offset, count)
    return packet.uint(at: start + offset, length: count)!
  }

  /// Records an occurrence of `field` over `count` bytes at `offset` with
  /// the given value, after checking the bytes are there.
  @inline(__always) public func add(
    _ field: FieldID, at offset: Int, _ count: Int, value: UInt64 = 0, depth extra: UInt8 = 1,
    flags: FieldRecord.Flags = FieldRecord.Flags()
  ) throws(DissectionStop) {
    try check(offset, count)
    dissection.append(
      FieldRecord(
        field: field, depth: depth + extra, flags: flags, offset: Int32(start + offset),
        length: Int32(count), value: value))
  }

  /// Reads and records a fixed-position field as its declaration places it,
  /// and answers its value (masked and shifted). Also used for addresses:
  /// then the value is the first eight bytes, big-endian.
  @discardableResult @inline(__always)
  public func fixed(
    _ field: FieldID, depth extra: UInt8 = 1, flags: FieldRecord.Flags = FieldRecord.Flags()
  ) throws(DissectionStop) -> UInt64 {
    let layout = dissection.layouts[Int(field.raw)]
    let byteOffset = Int(layout.byteOffset)
    let count = Int(layout.count)
    try check(byteOffset, count)
    let value = count <= 8 ? packet.uncheckedUInt(at: start + byteOffset, length: count) : 0
    let shown = (value & layout.mask) &>> UInt64(layout.shift)
    dissection.append(
      FieldRecord(
        field: field, depth: depth + extra, flags: flags, offset: Int32(start + byteOffset),
        length: Int32(count), value: shown))
    return shown
  }

  /// Records a field whose value was computed, not read (Wireshark's
  /// generated items): no bytes behind it.
  @inline(__always) public func generated(_ field: FieldID, value: UInt64, depth extra: UInt8 = 1) {
    dissection.append(
      FieldRecord(
        field: field, depth: depth + extra, flags: .generated, offset: Int32(start), length: 0,
        value: value))
  }

  /// Records a generated time as Wireshark holds it, unnormalised
  /// (`FieldRecord.Flags.unnormalisedTime`: the nanosecond part in the
  /// offset, the whole in the value).
  func generatedTime(_ field: FieldID, _ time: NSTime) {
    dissection.append(
      FieldRecord(
        field: field, depth: depth + 1, flags: [.generated, .unnormalisedTime],
        offset: time.nanoseconds, length: 0, value: UInt64(bitPattern: time.totalNanoseconds)))
  }

  /// Records a computed string or byte value, kept in the dissection's arena,
  /// over the packet bytes it came from.
  public func computed(
    _ field: FieldID, at offset: Int, _ count: Int, bytes: some Collection<UInt8>,
    depth extra: UInt8 = 1, flags: FieldRecord.Flags = FieldRecord.Flags()
  ) {
    guard dissection.wants(field) else { return }
    let packed = dissection.store(bytes)
    dissection.records.append(
      FieldRecord(
        field: field, depth: depth + extra, flags: flags.union(.inArena),
        offset: Int32(start + offset), length: Int32(max(0, count)), value: packed))
  }

  /// Adds `proto` to the protocol chain right after this layer, over
  /// `count` bytes at `offset`, for protocols Wireshark shows inside
  /// another's header (MPTCP, whose options sit in TCP's).
  public func addInnerProtocol(_ proto: ProtocolID, at offset: Int, _ count: Int) {
    let start = self.start + offset
    dissection.layers.append(
      LayerSpan(
        protocolID: proto, start: start, end: start + count, dataEnd: start + count, firstRecord: dissection.records.count, depth: depth / 2))
    dissection.records.append(
      FieldRecord(field: FieldID(proto, 0), depth: depth + 1, flags: FieldRecord.Flags(), offset: Int32(start), length: Int32(count), value: 0))
  }

  /// Keeps this layer in the protocol chain but hides its item from the
  /// tree, for a dissector Wireshark lists that hands its bytes on before
  /// it adds anything (GTP with a version 2 message, which GTPv2 reads).
  public func hideItem() {
    guard let this = dissection.layers.last, this.firstRecord < dissection.records.count else { return }
    dissection.records[this.firstRecord].flags.insert(.hidden)
  }

  /// Drops this layer from the protocol chain and hides its item, but
  /// keeps it for the summary: Wireshark removes a dissector that added
  /// nothing to the tree from `frame.protocols`, while the columns it set
  /// stay (IMAP's line without its line end).
  public func dropFromChain() {
    guard let index = dissection.layers.indices.last else { return }
    dissection.layers[index].listed = false
    hideItem()
  }

  /// Lists this layer's protocol once more in the protocol chain, with no
  /// item of its own in the tree. Call it after recording the layer's
  /// last field: records after it would belong to the second listing.
  public func listAgain() {
    guard let this = dissection.layers.last, dissection.layers.count < Dissector.maximumLayerSpans else { return }
    dissection.flatLayers += 1
    dissection.layers.append(
      LayerSpan(
        protocolID: this.protocolID, start: start, end: start, dataEnd: start, firstRecord: dissection.records.count,
        depth: this.depth))
  }

  /// Lists `proto` in the protocol chain after this layer, with no item
  /// in the tree: a protocol Wireshark enters to read part of this
  /// layer's bytes (X.509's inside a TLS certificate). Call it after
  /// recording the layer's last field, as `listAgain`.
  public func listInChain(_ proto: ProtocolID) {
    guard let this = dissection.layers.last, dissection.layers.count < Dissector.maximumLayerSpans else { return }
    dissection.flatLayers += 1
    dissection.layers.append(
      LayerSpan(
        protocolID: proto, start: start, end: start, dataEnd: start, firstRecord: dissection.records.count,
        depth: this.depth))
  }

  /// Dissects a layer quoted inside this one (the IP header inside an ICMP
  /// error): its records nest under this layer's, and its protocols join
  /// the chain, as Wireshark shows them.
  public func nested(_ next: Next) {
    dissector?.run(next, depth: depth / 2 + 1)
  }

  /// The protocol bound to `key` in `table`, `decode … as` rules included.
  func bound(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    guard let dissector else { return Registry.lookup(table, key) }
    return dissector.lookup(table, key)
  }

  /// Whether TCP puts this layer's PDUs back together: the layer may then
  /// ask for more bytes (`needMore`) rather than dissect a PDU cut short.
  public var canDesegment: Bool { dissection.canDesegment }

  /// Asks TCP for `count` more bytes (nil: one more segment) before the
  /// PDU at `offset` (from the layer's start) can be dissected; the walk
  /// of the layer should stop there.
  public func needMore(at offset: Int, _ count: Int?) {
    guard dissection.canDesegment else { return }
    dissection.desegmentRequest = DesegmentRequest(start: start + offset, count: count)
  }

  /// Asks TCP for every byte of the direction up to its FIN before the PDU
  /// at `offset` can be dissected (an HTTP response without a length).
  public func needMoreUntilFIN(at offset: Int) {
    guard dissection.canDesegment else { return }
    dissection.desegmentRequest = DesegmentRequest(start: start + offset, count: nil, untilFIN: true)
  }

  /// Runs the layers from `next` at this layer's level, as TCP hands a
  /// PDU to the layers above it.
  func runAbove(_ next: Next) {
    dissector?.run(next, depth: depth / 2)
  }

  /// Whether the dissection keeps `field` (lets a dissector skip work).
  @inline(__always) public func wants(_ field: FieldID) -> Bool { dissection.wants(field) }

  /// Whether the dissection keeps `field` with its value (see `Dissector.restrict(to:presenceOnly:)`).
  public func wantsValue(_ field: FieldID) -> Bool { dissection.wantsValue(field) }
}

/// The same, for a field named by its case (`c.fixed(TCP.srcport)`, or
/// `c.fixed(srcport)` inside `TCP`): inlined, the case becomes its
/// `FieldID` constant.
extension LayerCursor {
  @inline(__always) func add(
    _ field: some FieldIdentity, at offset: Int, _ count: Int, value: UInt64 = 0, depth extra: UInt8 = 1,
    flags: FieldRecord.Flags = FieldRecord.Flags()
  ) throws(DissectionStop) {
    try add(field.fieldID, at: offset, count, value: value, depth: extra, flags: flags)
  }

  @discardableResult @inline(__always)
  func fixed(
    _ field: some FieldIdentity, depth extra: UInt8 = 1, flags: FieldRecord.Flags = FieldRecord.Flags()
  ) throws(DissectionStop) -> UInt64 {
    try fixed(field.fieldID, depth: extra, flags: flags)
  }

  @inline(__always) func generated(_ field: some FieldIdentity, value: UInt64, depth extra: UInt8 = 1) {
    generated(field.fieldID, value: value, depth: extra)
  }

  @inline(__always) func computed(
    _ field: some FieldIdentity, at offset: Int, _ count: Int, bytes: some Collection<UInt8>,
    depth extra: UInt8 = 1, flags: FieldRecord.Flags = FieldRecord.Flags()
  ) {
    computed(field.fieldID, at: offset, count, bytes: bytes, depth: extra, flags: flags)
  }

  @inline(__always) func wants(_ field: some FieldIdentity) -> Bool { wants(field.fieldID) }

  @inline(__always) func wantsValue(_ field: some FieldIdentity) -> Bool { wantsValue(field.fieldID) }
}
