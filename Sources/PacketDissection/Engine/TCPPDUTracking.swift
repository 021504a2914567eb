/// Wireshark's TCP PDU tracking with reassembly off (`tcp.analyze_sequence_numbers`
/// on, the default): a protocol that reads length-prefixed PDUs and finds one
/// running past the segment says where it ends; a later segment of the same
/// direction that lies wholly inside that PDU is a continuation, handed to no
/// dissector (not even data); one that starts inside it and runs past its end
/// is dissected from where the next PDU starts.
struct TCPMultisegmentPDU {
  /// Raw sequence number of the segment the PDU starts in.
  var seq: UInt32
  /// How far past `seq` the PDU ends: up to 2^32 - 1 bytes, compared
  /// without wrapping as tshark compares sequence numbers here, so that a
  /// length read from garbage still covers the segments it reaches.
  var end: UInt64
  /// The frame the PDU starts in.
  var firstFrame: Int
}

/// What TCP does with a segment's payload given the tracked PDU.
enum TCPPDUPlacement: Equatable {
  /// No PDU covers the segment: dissect it from its start.
  case whole
  /// The segment lies inside a PDU begun in `frame`: no dissection.
  case continuation(frame: Int)
  /// The segment finishes a PDU begun in `frame` and a new PDU starts `skip` bytes in.
  case nextPDU(frame: Int, skip: Int)
}

extension TCPMultisegmentPDU {
  /// Where the segment `seq ..< nextSeq` (raw numbers) stands, as
  /// Wireshark's `scan_for_next_pdu` decides.
  func placement(seq segmentSeq: UInt32, nextSeq: UInt32) -> TCPPDUPlacement {
    func less(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) < 0 }
    guard less(seq, segmentSeq) else { return .whole }
    let into = UInt64(segmentSeq &- seq)
    if into + UInt64(nextSeq &- segmentSeq) <= end { return .continuation(frame: firstFrame) }
    if into < end { return .nextPDU(frame: firstFrame, skip: Int(end - into)) }
    return .whole
  }
}

extension TCPSegment {
  /// A length-prefixed protocol's report of one PDU, as Wireshark's
  /// `tcp_dissect_pdus` takes it from the protocol's `get_pdu_len`: the PDU
  /// starting `offset` bytes into the layer is `length` bytes long. When it
  /// runs past the segment, later segments inside it are continuations
  /// (`pduEnds`). Every protocol that frames its messages so over TCP
  /// reports each PDU it finds here, before reading the PDU's body.
  static func pdu(_ c: LayerCursor, at offset: Int, length: Int) {
    guard offset >= 0, length > 0, length <= Int(UInt32.max) else { return }
    pduEnds(c, at: c.start + offset + length)
  }

  /// A protocol that reads its PDUs as Wireshark's `tcp_dissect_pdus` does
  /// (DNS, Kerberos, LDAP, DCE/RPC, PostgreSQL, MySQL, HTTP/2, WebSocket,
  /// MQTT, Modbus/TCP, DNP3) is about to dissect the PDU of `length` bytes
  /// starting `offset` bytes into the layer: TCP shows its size
  /// (`tcp.pdu.size`), whether or not the segment holds all of it. Not for
  /// a PDU it asked TCP to complete.
  static func dissectsPDU(_ c: LayerCursor, at offset: Int, length: Int) {
    let d = c.dissection
    guard length > 0, d.wants(TCP.pduSize.fieldID), let tcp = d.layers.lastIndex(where: { $0.protocolID == .tcp }) else {
      return
    }
    let start = c.start + max(0, offset)
    d.insert(
      FieldRecord(
        field: TCP.pduSize.fieldID, depth: c.depth + 1, flags: .generated, offset: Int32(clamping: start),
        length: Int32(clamping: max(0, min(length, c.end - start))), value: UInt64(length)),
      inLayer: tcp)
  }

  /// Tells TCP that the PDU the layer is reading ends at absolute packet
  /// offset `end`, past the segment's end: later segments inside it are
  /// continuations (Wireshark's `want_pdu_tracking`). Does nothing when it
  /// ends inside the segment, or when sequence analysis is off.
  private static func pduEnds(_ c: LayerCursor, at end: Int) {
    guard c.state.analyzesSequences, let tcp = c.dissection.layers.last(where: { $0.protocolID == .tcp }),
      let source = c.packet.uint16(at: tcp.start), let destination = c.packet.uint16(at: tcp.start + 2),
      let seq = c.packet.uint32(at: tcp.start + 4), let offsetByte = c.packet.uint(at: tcp.start + 12, length: 1)
    else { return }
    let payloadStart = tcp.start + Int(offsetByte >> 4) * 4
    guard end > c.end, end > payloadStart, end - payloadStart <= Int(UInt32.max) else { return }
    let (key, forward) = ConversationKey.make(c.state.networkSource, source, c.state.networkDestination, destination)
    guard let stream = c.state.tcpStreams[key]?.index else { return }
    c.state.tcpPDUs[stream * 2 + (forward ? 0 : 1)] = TCPMultisegmentPDU(
      seq: seq, end: UInt64(end - payloadStart), firstFrame: c.dissection.frame.number)
  }
}
