import PacketWire

/// The PDUs of the protocols above TCP that span segments, held while
/// their segments come in, as Wireshark's first pass holds its
/// multi-segment PDUs (`tcp_multisegment_pdu`): a PDU starts at the byte
/// where a protocol asked for more, ends where it said (or one byte into
/// the next segment), and is whole once a segment reaches its end with no
/// byte missing before. A PDU that runs to the end of its direction (an
/// HTTP response without a length) takes every segment and is whole at the
/// one that carries the FIN. A segment that leaves a gap (one not captured)
/// means it never is: its later segments are still taken, as tshark takes
/// them, and the PDU is forgotten at its end.
///
/// Each direction of a stream holds at most one PDU (a new one replaces
/// the one before, which no later segment can reach). State is bounded:
/// at most `maximumOpen` PDUs and `maximumBytes` bytes; past either, the
/// PDU touched longest ago is dropped.
final class TCPReassembler {
  /// A PDU as it is being put together.
  struct PDU {
    /// Sequence number of its first byte.
    var seq: UInt32
    /// Sequence number of the byte after it (Wireshark's `nxtpdu`).
    var nextPDU: UInt32
    /// The protocol asked for one more segment, whatever its length: the
    /// next segment is taken whole.
    var wholeSegment: Bool
    /// The protocol asked for every byte up to the FIN (Wireshark's
    /// `DESEGMENT_UNTIL_FIN`): `nextPDU` stays one past the last segment.
    var untilFIN = false
    /// Its bytes from `seq` on, without a gap.
    var data: ReassemblyBuffer
    /// The segments' frames, offsets and lengths, in order.
    var segments: [IPDefragmenter.Fragment] = []
    /// A segment came past `data`'s end: it can never be whole.
    var gap = false
    var lastUse = 0

    /// Whether a segment starting at `seq` continues it (Wireshark's
    /// lookup of the PDU starting before `seq`).
    func continues(at seq: UInt32) -> Bool { sequenceBefore(self.seq, seq) && sequenceBefore(seq, nextPDU) }
  }

  static let maximumOpen = 4096
  static let maximumBytes = 32 << 20

  private var open: [Int: PDU] = [:]
  private var heldBytes = 0
  private var clock = 0

  /// Held PDUs, for tests.
  var openCount: Int { open.count }

  /// The PDU `flow` is putting together.
  func pdu(_ flow: Int) -> PDU? { open[flow] }

  /// Starts a PDU in `flow` at `seq` with the segment's bytes from there
  /// (replacing any PDU the flow held).
  func start(_ flow: Int, seq: UInt32, nextPDU: UInt32, wholeSegment: Bool, untilFIN: Bool, frame: Int, bytes: ByteView) {
    var pdu = PDU(seq: seq, nextPDU: nextPDU, wholeSegment: wholeSegment, untilFIN: untilFIN, data: ReassemblyBuffer(bytes))
    pdu.segments = [IPDefragmenter.Fragment(frame: frame, offset: 0, length: bytes.count)]
    store(flow, pdu)
  }

  /// Keeps a PDU that was whole but turned out to need more (Wireshark's
  /// partial reassembly): its bytes and segments stay, its end moves.
  func reopen(_ flow: Int, _ pdu: PDU, nextPDU: UInt32, wholeSegment: Bool, untilFIN: Bool) {
    var pdu = pdu
    pdu.nextPDU = nextPDU
    pdu.wholeSegment = wholeSegment
    pdu.untilFIN = untilFIN
    store(flow, pdu)
  }

  /// Adds a segment's `bytes`, which start at `seq`, to `flow`'s PDU;
  /// `last` when the segment reaches the PDU's end (for a PDU that runs to
  /// the FIN, when it carries the FIN). Answers the PDU when
  /// this segment makes it whole (it is then no longer held).
  func add(_ flow: Int, seq: UInt32, frame: Int, bytes: ByteView, last: Bool, segmentEnd: UInt32) -> PDU? {
    guard var pdu = take(flow) else { return nil }
    let offset = Int(seq &- pdu.seq)
    if pdu.wholeSegment {
      // The segment took the place of "one more byte": the PDU now ends with it.
      pdu.wholeSegment = false
      pdu.nextPDU = segmentEnd
    }
    if pdu.untilFIN { pdu.nextPDU = last ? segmentEnd : segmentEnd &+ 1 }
    pdu.segments.append(IPDefragmenter.Fragment(frame: frame, offset: offset, length: bytes.count))
    if offset > pdu.data.count { pdu.gap = true }
    if !pdu.gap, offset + bytes.count > pdu.data.count {
      pdu.data.append(bytes.slice(pdu.data.count - offset, offset + bytes.count - pdu.data.count))
    }
    if last {
      return pdu.gap ? nil : pdu
    }
    store(flow, pdu)
    return nil
  }

  private func take(_ flow: Int) -> PDU? {
    guard let pdu = open.removeValue(forKey: flow) else { return nil }
    heldBytes -= pdu.data.count
    return pdu
  }

  private func store(_ flow: Int, _ pdu: PDU) {
    var pdu = pdu
    clock += 1
    pdu.lastUse = clock
    _ = take(flow)
    heldBytes += pdu.data.count
    open[flow] = pdu
    while open.count > Self.maximumOpen || heldBytes > Self.maximumBytes,
      let oldest = open.min(by: { $0.value.lastUse < $1.value.lastUse })
    {
      heldBytes -= oldest.value.data.count
      open.removeValue(forKey: oldest.key)
    }
  }
}

/// Whether sequence number `a` comes before `b`, modulo 2^32 (Wireshark's `LT_SEQ`).
@inline(__always) func sequenceBefore(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) < 0 }
