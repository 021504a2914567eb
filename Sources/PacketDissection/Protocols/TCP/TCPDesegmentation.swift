import PacketWire

/// TCP reassembly as tshark 4.0 does it by default
/// (`tcp.desegment_tcp_streams`), in one pass: the payload goes to the
/// layers above; one that finds its PDU cut short asks for more
/// (`LayerCursor.needMore`), and TCP keeps the bytes from there in
/// `TCPReassembler`. The segments after it are only `tcp.segment_data`
/// (Info `[TCP segment of a reassembled PDU]`) until one completes the PDU:
/// there the layers above run over the PDU put back together, after
/// `tcp.segments`, and then over what follows it in the segment.
extension TCP {
  /// The fields of a PDU put back together, as `IPReassembly` records them.
  static let reassembly = IPReassembly(
    fragments: segments.fieldID, fragment: segment.fieldID, overlap: segmentOverlap.fieldID,
    conflict: segmentOverlapConflict.fieldID, multipleTails: segmentMultipleTails.fieldID,
    tooLong: segmentTooLong.fieldID, error: segmentError.fieldID, count: segmentCount.fieldID,
    length: reassembledLength.fieldID, data: reassembledData.fieldID)

  /// Every field reassembly gives TCP.
  static let reassemblyFields = [segmentData.fieldID, reassembledIn.fieldID] + reassembly.all

  /// PDUs longer than this at their first segment are not put together,
  /// as in tshark.
  static let maximumFirstPart = 1 << 20

  /// Hands the payload, from `payloadStart` to the layer's end, to the
  /// layers above, putting PDUs together across segments. `flow` names the
  /// stream and direction; `seq` is the payload's first sequence number;
  /// `fin` whether the segment ends the direction.
  static func desegment(
    _ c: inout LayerCursor, flow: Int, seq firstSeq: UInt32, payloadStart: Int, ports: (UInt32, UInt32), fin: Bool
  ) {
    let d = c.dissection
    let reassembler = c.state.reassembler
    let frame = d.frame.number
    let tcpLayer = d.layers.count - 1
    let total = c.end - payloadStart
    let segmentEnd = firstSeq &+ UInt32(truncatingIfNeeded: total)
    let depth = c.depth
    var treeRecords: [FieldRecord] = []
    var offset = 0
    var seq = firstSeq

    func addSegmentData(from start: Int, _ count: Int) {
      guard count > 0 else { return }
      treeRecords.append(
        FieldRecord(
          field: TCP.segmentData.fieldID, depth: depth + 1, flags: FieldRecord.Flags(), offset: Int32(payloadStart + start),
          length: Int32(count), value: 0))
    }
    /// Runs the layers above over `start..<end` (absolute); answers what
    /// they asked for. A PDU that ran to the FIN can get no more bytes:
    /// its layers may not ask.
    func handOn(_ cursor: inout LayerCursor, at start: Int, end: Int, final: Bool = false) -> DesegmentRequest? {
      d.canDesegment = !final
      d.desegmentRequest = nil
      cursor.runAbove(.ports(.tcpPort, ports.0, ports.1, at: start, end: end))
      d.canDesegment = false
      return d.desegmentRequest
    }

    while true {
      var request: DesegmentRequest?
      var calledDissector = false
      var anotherPDUFollows = 0
      var mustDesegment = false
      var desegmentOffset = offset
      // Where the bytes handed on start: a request there means the layers
      // above showed nothing.
      var handedStart = -1
      if let pdu = reassembler.pdu(flow), pdu.continues(at: seq) {
        let takesAll = pdu.wholeSegment || pdu.untilFIN
        let length = takesAll ? total - offset : Int(min(segmentEnd &- seq, pdu.nextPDU &- seq))
        let last = pdu.untilFIN ? fin : !sequenceBefore(segmentEnd, pdu.nextPDU)
        let nextPDU = takesAll ? segmentEnd : pdu.nextPDU
        let whole = reassembler.add(
          flow, seq: seq, frame: frame, bytes: c.packet.slice(payloadStart + offset, length), last: last,
          segmentEnd: segmentEnd)
        if sequenceBefore(nextPDU, segmentEnd), length > 0 { anotherPDUFollows = Int(nextPDU &- seq) }
        if var whole {
          let at = d.appendReassembled(&whole.data)
          handedStart = at
          request = handOn(&c, at: at, end: at + whole.data.count, final: whole.untilFIN)
          calledDissector = true
          let earlier = whole.data.count - length
          if let asked = request, asked.start - at <= earlier {
            // The PDU needs more than was thought: keep it, with a new end.
            let end =
              asked.untilFIN ? segmentEnd &+ 1 : asked.count.map { seq &+ UInt32(truncatingIfNeeded: length + $0) } ?? segmentEnd &+ 1
            reassembler.reopen(
              flow, whole, nextPDU: end, wholeSegment: asked.count == nil && !asked.untilFIN, untilFIN: asked.untilFIN)
            offset += length
            seq &+= UInt32(length)
            if offset < total { continue }
            desegmentOffset = offset - length
          } else {
            addSegmentData(from: offset, anotherPDUFollows > 0 ? anotherPDUFollows : total - offset)
            treeRecords += reassembly.records(whole.segments, length: whole.data.count, at: at, depth: depth)
            if let asked = request {
              mustDesegment = true
              desegmentOffset = total - (at + whole.data.count - asked.start)
            }
          }
        }
      } else {
        handedStart = payloadStart + offset
        request = handOn(&c, at: handedStart, end: c.end)
        calledDissector = true
        if let asked = request {
          mustDesegment = true
          desegmentOffset = asked.start - payloadStart
        }
      }
      // A request outside the bytes handed on (none of the layers above
      // makes one) is ignored.
      if mustDesegment, let asked = request, (offset...total).contains(desegmentOffset) {
        let startSeq = seq &+ UInt32(desegmentOffset - offset)
        if Int(segmentEnd &- startSeq) <= maximumFirstPart {
          reassembler.start(
            flow, seq: startSeq,
            nextPDU: asked.untilFIN ? segmentEnd &+ 1 : asked.count.map { segmentEnd &+ UInt32(truncatingIfNeeded: $0) } ?? segmentEnd &+ 1,
            wholeSegment: asked.count == nil && !asked.untilFIN, untilFIN: asked.untilFIN, frame: frame,
            bytes: c.packet.slice(payloadStart + desegmentOffset, total - desegmentOffset))
        }
      }
      if !calledDissector || request != nil, (0...total).contains(desegmentOffset) {
        if !calledDissector || request?.start == handedStart {
          d.segmentOfReassembledPDU = true
        }
        addSegmentData(from: desegmentOffset, anotherPDUFollows > 0 ? anotherPDUFollows : total - desegmentOffset)
      }
      guard anotherPDUFollows > 0, offset + anotherPDUFollows < total else { break }
      offset += anotherPDUFollows
      seq &+= UInt32(anotherPDUFollows)
    }
    d.insert(treeRecords, inLayer: tcpLayer)
  }
}
