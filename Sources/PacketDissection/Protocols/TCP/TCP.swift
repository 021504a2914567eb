import PacketCapture

/// Transmission Control Protocol (RFC 9293 section 3.1).
enum TCP: UInt8, ProtocolModule {
  case item, srcport, dstport, port, stream, completeness, len, seq, seqRaw, nxtseq, ack, ackRaw, hdrLen, flags, flagsRes, flagsAe,
    flagsCwr, flagsEce, flagsUrg, flagsAck, flagsPush, flagsReset, flagsSyn, flagsFin, ace, flagsStr, windowValue,
    window, windowScale, checksum, checksumStatus, urgent, options, optionKind, optionLen, mss, wscaleShift,
    wscaleMultiplier, sackPerm, sackLE, sackRE, sackCount, tsval, tsecr, timeRelative, timeDelta, analysis,
    acksFrame, ackRTT, initialRTT, bytesInFlight, pushBytesSent, analysisFlags, reusedPorts, retransmission, rto,
    rtoFrame, fastRetransmission, spuriousRetransmission, outOfOrder, lostSegment, ackLostSegment, windowUpdate,
    windowFull, keepAlive, keepAliveACK, duplicateACK, duplicateACKNumber, duplicateACKFrame, zeroWindowProbe,
    zeroWindow, zeroWindowProbeACK, payload, segmentData, reassembledIn, segments, segment, segmentOverlap,
    segmentOverlapConflict, segmentMultipleTails, segmentTooLong, segmentError, segmentCount, reassembledLength,
    reassembledData, pduSize, resetCause, continuationTo

  static var protocolID: ProtocolID { .tcp }
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.ipProto, 6)]
  static let headerBits = 160
  static let variablePart: String? = "Options"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("tcp", "Transmission Control Protocol")
    case .srcport: .uint("tcp.srcport", "Source Port", at: 0, bytes: 2, aliases: ["tcp.sport"], kernel: .fixed(after: 2))
    case .dstport: .uint("tcp.dstport", "Destination Port", at: 2, bytes: 2, aliases: ["tcp.dport"], kernel: .fixed(after: 4))
    case .port: .loose("tcp.port", "Source or Destination Port", .uint(bytes: 2), kernel: .copies(of: [(TCP.srcport, after: 4), (TCP.dstport, after: 4)]))
    case .stream: .loose("tcp.stream", "Stream index", .uint(bytes: 4))
    case .completeness: .loose("tcp.completeness", "Conversation completeness", .uint(bytes: 1), blurb: "Seen so far: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST")
    case .len: .loose("tcp.len", "TCP Segment Len", .uint(bytes: 4))
    case .seq: .uint("tcp.seq", "Sequence Number", at: 4, bytes: 4, blurb: "Relative to the first sequence number seen in this direction")
    case .seqRaw: .uint("tcp.seq_raw", "Sequence Number (raw)", at: 4, bytes: 4, kernel: .fixed(after: 14))
    case .nxtseq: .loose("tcp.nxtseq", "Next Sequence Number", .uint(bytes: 4))
    case .ack: .uint("tcp.ack", "Acknowledgment Number", at: 8, bytes: 4, blurb: "Relative to the first sequence number seen in the other direction")
    case .ackRaw: .uint("tcp.ack_raw", "Acknowledgment number (raw)", at: 8, bytes: 4, kernel: .fixed(after: 14))
    case .hdrLen: .uint("tcp.hdr_len", "Header Length", at: 12, bytes: 1, mask: 0xf0, blurb: "Data offset in 32-bit words (shown in bytes)", values: .byteCount, kernel: .fixed(after: 14, wordsAsBytes: true))
    case .flags: .uint("tcp.flags", "Flags", at: 12, bytes: 2, mask: 0x0fff, base: .hex, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsRes: .flag("tcp.flags.res", "Reserved", at: 12, bytes: 2, mask: 0x0e00, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsAe: .flag("tcp.flags.ae", "Accurate ECN", at: 12, bytes: 2, mask: 0x0100, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsCwr: .flag("tcp.flags.cwr", "Congestion Window Reduced", at: 12, bytes: 2, mask: 0x0080, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsEce: .flag("tcp.flags.ece", "ECN-Echo", at: 12, bytes: 2, mask: 0x0040, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsUrg: .flag("tcp.flags.urg", "Urgent", at: 12, bytes: 2, mask: 0x0020, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsAck: .flag("tcp.flags.ack", "Acknowledgment", at: 12, bytes: 2, mask: 0x0010, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsPush: .flag("tcp.flags.push", "Push", at: 12, bytes: 2, mask: 0x0008, abbreviation: "PSH", kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsReset: .flag("tcp.flags.reset", "Reset", at: 12, bytes: 2, mask: 0x0004, abbreviation: "RST", kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsSyn: .flag("tcp.flags.syn", "Syn", at: 12, bytes: 2, mask: 0x0002, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .flagsFin: .flag("tcp.flags.fin", "Fin", at: 12, bytes: 2, mask: 0x0001, kernel: .fixed(after: 14, condition: .tcpHeaderComplete))
    case .ace: .loose("tcp.flags.ace", "ACE", .uint(bytes: 1), blurb: "Accurate ECN counter: the AE, CWR and ECE bits after an AccECN handshake")
    case .flagsStr: .loose("tcp.flags.str", "TCP Flags", .string)
    case .windowValue: .uint("tcp.window_size_value", "Window", at: 14, bytes: 2, kernel: .fixed(after: 16, condition: .tcpHeaderComplete))
    case .window: .loose("tcp.window_size", "Calculated window size", .uint(bytes: 4))
    case .windowScale: .loose("tcp.window_size_scalefactor", "Window size scaling factor", .int(bytes: 4), blurb: "-1: unknown, -2: no window scaling used")
    case .checksum: .uint("tcp.checksum", "Checksum", at: 16, bytes: 2, base: .hex, kernel: .fixed(after: 18, condition: .tcpHeaderComplete))
    case .checksumStatus: .loose("tcp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "2: not verified", values: .checksumStatus)
    case .urgent: .uint("tcp.urgent_pointer", "Urgent Pointer", at: 18, bytes: 2, kernel: .fixed(after: 20, condition: .tcpHeaderComplete))
    case .options: .loose("tcp.options", "TCP Options", .bytes)
    case .optionKind: .loose("tcp.option_kind", "Kind", .uint(bytes: 1), values: .tcpOptionKinds)
    case .optionLen: .loose("tcp.option_len", "Length", .uint(bytes: 1))
    case .mss: .loose("tcp.options.mss_val", "MSS Value", .uint(bytes: 2))
    case .wscaleShift: .loose("tcp.options.wscale.shift", "Shift count", .uint(bytes: 1))
    case .wscaleMultiplier: .loose("tcp.options.wscale.multiplier", "Multiplier", .uint(bytes: 2))
    case .sackPerm: .loose("tcp.options.sack_perm", "TCP SACK Permitted Option", .label)
    case .sackLE: .loose("tcp.options.sack_le", "TCP SACK Left Edge", .uint(bytes: 4))
    case .sackRE: .loose("tcp.options.sack_re", "TCP SACK Right Edge", .uint(bytes: 4))
    case .sackCount: .loose("tcp.options.sack.count", "TCP SACK Count", .uint(bytes: 1))
    case .tsval: .loose("tcp.options.timestamp.tsval", "Timestamp value", .uint(bytes: 4))
    case .tsecr: .loose("tcp.options.timestamp.tsecr", "Timestamp echo reply", .uint(bytes: 4))
    case .timeRelative: .loose("tcp.time_relative", "Time since first frame in this TCP stream", .relativeTime)
    case .timeDelta: .loose("tcp.time_delta", "Time since previous frame in this TCP stream", .relativeTime)
    case .analysis: .loose("tcp.analysis", "SEQ/ACK analysis", .label)
    case .acksFrame: .loose("tcp.analysis.acks_frame", "This is an ACK to the segment in frame", .frameNumber)
    case .ackRTT: .loose("tcp.analysis.ack_rtt", "The RTT to ACK the segment was", .relativeTime)
    case .initialRTT: .loose("tcp.analysis.initial_rtt", "iRTT", .relativeTime, blurb: "From the SYN to the ACK of the handshake")
    case .bytesInFlight: .loose("tcp.analysis.bytes_in_flight", "Bytes in flight", .uint(bytes: 4))
    case .pushBytesSent: .loose("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", .uint(bytes: 4))
    case .analysisFlags: .loose("tcp.analysis.flags", "TCP Analysis Flags", .label)
    case .reusedPorts: .loose("tcp.analysis.reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace", .label)
    case .retransmission: .loose("tcp.analysis.retransmission", "This frame is a (suspected) retransmission", .label)
    case .rto: .loose("tcp.analysis.rto", "The RTO for this segment was", .relativeTime)
    case .rtoFrame: .loose("tcp.analysis.rto_frame", "RTO based on delta from frame", .frameNumber)
    case .fastRetransmission: .loose("tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission", .label)
    case .spuriousRetransmission: .loose("tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission", .label)
    case .outOfOrder: .loose("tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment", .label)
    case .lostSegment: .loose("tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)", .label)
    case .ackLostSegment: .loose("tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", .label)
    case .windowUpdate: .loose("tcp.analysis.window_update", "TCP window update", .label)
    case .windowFull: .loose("tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", .label)
    case .keepAlive: .loose("tcp.analysis.keep_alive", "TCP keep-alive segment", .label)
    case .keepAliveACK: .loose("tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", .label)
    case .duplicateACK: .loose("tcp.analysis.duplicate_ack", "Duplicate ACK", .label)
    case .duplicateACKNumber: .loose("tcp.analysis.duplicate_ack_num", "Duplicate ACK #", .uint(bytes: 4))
    case .duplicateACKFrame: .loose("tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", .frameNumber)
    case .zeroWindowProbe: .loose("tcp.analysis.zero_window_probe", "TCP Zero Window Probe", .label)
    case .zeroWindow: .loose("tcp.analysis.zero_window", "TCP Zero Window segment", .label)
    case .zeroWindowProbeACK: .loose("tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", .label)
    case .payload: .loose("tcp.payload", "TCP payload", .bytes)
    case .segmentData:
      .loose("tcp.segment_data", "TCP segment data", .bytes, blurb: "The bytes of the segment that go to a PDU put together from several")
    case .reassembledIn: .loose("tcp.reassembled_in", "Reassembled PDU in frame", .frameNumber, blurb: "Known only to a second pass: never set in one")
    case .segments: .loose("tcp.segments", "Reassembled TCP Segments", .bytes)
    case .segment: .loose("tcp.segment", "TCP Segment", .frameNumber)
    case .segmentOverlap: .loose("tcp.segment.overlap", "Segment overlap", .boolean(bytes: 1))
    case .segmentOverlapConflict: .loose("tcp.segment.overlap.conflict", "Conflicting data in segment overlap", .boolean(bytes: 1))
    case .segmentMultipleTails: .loose("tcp.segment.multipletails", "Multiple tail segments found", .boolean(bytes: 1))
    case .segmentTooLong: .loose("tcp.segment.toolongfragment", "Segment too long", .boolean(bytes: 1))
    case .segmentError: .loose("tcp.segment.error", "Reassembling error", .frameNumber)
    case .segmentCount: .loose("tcp.segment.count", "Segment count", .uint(bytes: 4))
    case .reassembledLength: .loose("tcp.reassembled.length", "Reassembled TCP length", .uint(bytes: 4))
    case .reassembledData: .loose("tcp.reassembled.data", "Reassembled TCP Data", .bytes)
    case .pduSize:
      .loose("tcp.pdu.size", "PDU Size", .uint(bytes: 4), blurb: "The size of a PDU of the layer above read as tshark's tcp_dissect_pdus reads them")
    case .resetCause: .loose("tcp.reset_cause", "Reset cause", .string, blurb: "Text a reset carries as data")
    case .continuationTo: .loose("tcp.continuation_to", "This is a continuation to the PDU in frame", .frameNumber)
    }
  }

  /// The flag bits under `tcp.flags`, most significant first.
  static let flagBits: [TCP] = [
    .flagsRes, .flagsAe, .flagsCwr, .flagsEce, .flagsUrg, .flagsAck, .flagsPush, .flagsReset, .flagsSyn, .flagsFin,
  ]
  /// AE, CWR and ECE: together the ACE counter once AccECN is agreed (RFC 9768).
  static let accurateECNBits: UInt16 = 0x01c0

  /// Fields whose values come from following the conversation (the
  /// AccECN bits read differently once the handshake agreed on it).
  static let stateful =
    ([stream, seq, nxtseq, ack, window, windowScale, sackLE, sackRE, timeRelative, timeDelta, ace, flagsStr]
    + flagBits[1...3] + analysed).map(\.fieldID)

  /// Fields only the sequence analysis gives.
  static let analysed: [TCP] = [
    completeness, analysis, acksFrame, ackRTT, initialRTT, bytesInFlight, pushBytesSent, analysisFlags, reusedPorts,
    retransmission, rto, rtoFrame, fastRetransmission, spuriousRetransmission, outOfOrder, lostSegment,
    ackLostSegment, windowUpdate, windowFull, keepAlive, keepAliveACK, duplicateACK, duplicateACKNumber,
    duplicateACKFrame, zeroWindowProbe, zeroWindow, zeroWindowProbeACK, continuationTo,
  ]

  /// The fields that need bytes in flight worked out: the two, and the
  /// analysis item that a segment may show for them alone.
  static let inFlight: [TCP] = [analysis, bytesInFlight, pushBytesSent]

  /// Every field but the protocol item and the analysis's own: what
  /// `tcp.analysis.*` questions (`DissectionState.recordsTCPHeader`) skip.
  static let headerFields = allCases.filter { $0 != .item && !analysed.contains($0) }.map(\.fieldID)

  static let flagSYN: UInt16 = 0x002
  static let flagFIN: UInt16 = 0x001
  static let flagRST: UInt16 = 0x004
  static let flagACK: UInt16 = 0x010
  static let flagPSH: UInt16 = 0x008

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let recordsHeader = c.state.recordsTCPHeader
    let source: UInt64
    let destination: UInt64
    let rawSeq: UInt32
    let rawAck: UInt32
    let offsetByte: UInt8
    let flagValue: UInt16
    if !recordsHeader, c.start >= 0, c.start + 20 <= c.end, c.start + 20 <= c.packet.count, let base = c.packet.base {
      // The fixed header inside the layer and captured: none of the reads
      // below could fail, so they are made at once, unchecked.
      let at = c.start
      func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
        T(bigEndian: base.loadUnaligned(fromByteOffset: at + offset, as: T.self))
      }
      source = UInt64(load(0, as: UInt16.self))
      destination = UInt64(load(2, as: UInt16.self))
      rawSeq = load(4, as: UInt32.self)
      rawAck = load(8, as: UInt32.self)
      offsetByte = load(12, as: UInt8.self)
      flagValue = load(12, as: UInt16.self) & 0x0fff
    } else {
      source = recordsHeader ? try c.fixed(srcport) : UInt64(try c.uint16(0))
      destination = recordsHeader ? try c.fixed(dstport) : UInt64(try c.uint16(2))
      if recordsHeader {
        try c.add(port, at: 0, 2, value: source, flags: .hidden)
        try c.add(port, at: 2, 2, value: destination, flags: .hidden)
      }
      rawSeq = try c.uint32(4)
      rawAck = try c.uint32(8)
      offsetByte = try c.uint8(12)
      flagValue = try c.uint16(12) & 0x0fff
    }
    let headerLength = Int(offsetByte >> 4) * 4
    let segmentLength = max(0, c.length - headerLength)
    let tracked = c.depth == 0 && headerLength >= 20 && c.state.tracksConversations
    var relative = (seq: rawSeq, ack: rawAck)
    var peerBase: UInt32 = 0
    var windowShift = -1
    var streamTimes: (Int64, Int64)?
    var unnormalisedStreamTimes: (sinceFirst: NSTime, sincePrevious: NSTime)?
    var carriesACE = false
    // What the analysis found, kept apart rather than as a copy of the
    // whole facts: they are read below for every segment.
    var found: TCPSegmentAnalysis?
    var initialRTT: Int64 = 0
    // The direction of the segment's stream (stream * 2, + 1 for the second side), when analysed.
    var flow: Int?
    c.state.segmentStream = nil
    if tracked {
      let now = c.dissection.frame.time
      let analyses = c.state.analyzesSequences && c.length >= headerLength
      let facts = c.state.trackTCP(
        source: UInt16(source), destination: UInt16(destination), flags: flagValue, seq: rawSeq,
        ack: rawAck, windowScaleOption: flagValue & flagSYN != 0 ? scaleOption(c, headerLength: headerLength) : nil,
        length: segmentLength, time: now, unnormalisedTime: c.dissection.frame.unnormalised?.time, window: analyses ? UInt32((try? c.uint16(14)) ?? 0) : 0,
        sackBytes: analyses ? sackBytes(c, headerLength: headerLength) : 0, frame: c.dissection.frame.number,
        analyses: analyses)
      if recordsHeader { c.generated(stream, value: UInt64(facts.stream)) }
      c.state.segmentStream = facts.stream
      if analyses { c.generated(completeness, value: facts.completeness) }
      relative = (facts.relativeSeq, facts.relativeAck)
      peerBase = facts.peerBase
      windowShift = facts.windowShift
      streamTimes = (facts.sinceFirst, facts.sincePrevious)
      unnormalisedStreamTimes = facts.unnormalised
      carriesACE = facts.carriesACE
      if analyses {
        found = facts.analysis
        initialRTT = facts.initialRTT
        flow = facts.stream << 1 | (facts.forward ? 0 : 1)
      }
    } else if c.depth > 0 && headerLength >= 20 && c.state.tracksConversations {
      // A header an ICMP error quotes: its stream and times, its numbers raw.
      let facts = c.state.trackQuotedTCP(
        source: UInt16(source), destination: UInt16(destination), flags: flagValue, seq: rawSeq,
        windowScaleOption: flagValue & flagSYN != 0 ? scaleOption(c, headerLength: headerLength) : nil,
        time: c.dissection.frame.time, frame: c.dissection.frame.number)
      if recordsHeader { c.generated(stream, value: UInt64(facts.stream)) }
      streamTimes = (facts.sinceFirst, facts.sincePrevious)
      windowShift = facts.windowShift
    }
    if recordsHeader {
      try header(
        &c, flagValue: flagValue, raw: (rawSeq, rawAck), relative: relative, headerLength: headerLength,
        segmentLength: segmentLength, tracked: tracked, peerBase: peerBase, windowShift: windowShift,
        streamTimes: streamTimes, unnormalisedStreamTimes: unnormalisedStreamTimes, carriesACE: carriesACE)
    } else {
      // The same checks, in the same order, with nothing recorded: the
      // bytes up to the window were read above.
      guard headerLength >= 20 else { throw .malformed }
      try c.check(14, 2)
      try c.check(16, 2)
      try c.check(18, 2)
      try c.check(0, headerLength)
      // Its options record nothing wanted, but MPTCP's joins the protocols.
      if headerLength > 20 { try optionList(c, end: headerLength, peerBase: peerBase) }
    }
    if let found, c.state.recordsAnalysis {
      record(found, initialRTT: initialRTT, c)
    }
    let findings = found?.flags ?? []
    let payloadStart = c.start + headerLength
    guard segmentLength > 0 else {
      // A FIN completes a PDU that runs to the end of its direction.
      if flagValue & flagFIN != 0, c.state.reassemblesTCP, let flow, c.state.reassembler.pdu(flow)?.untilFIN == true {
        desegment(
          &c, flow: flow, seq: rawSeq, payloadStart: payloadStart,
          ports: (UInt32(source), UInt32(destination)), fin: true)
        c.headerEnd = payloadStart
      }
      return .stop
    }
    // Data on a reset is the sender's reason (RFC 9293 3.5.3), shown as
    // text and handed to no dissector.
    if flagValue & flagRST != 0 {
      let shown = max(0, min(segmentLength, c.capturedLength - headerLength))
      let text = c.bytes.slice(headerLength, shown).copyBytes().prefix { $0 != 0 }
      c.computed(resetCause, at: headerLength, shown, bytes: text)
      return .stop
    }
    if c.wants(payload) {
      try c.add(payload, at: headerLength, min(segmentLength, c.capturedLength - headerLength))
    }
    // As tshark: a keep-alive's byte is plain data; a retransmitted or
    // out-of-order segment goes to no dissector.
    if findings.contains(.keepAlive) { return .data(at: payloadStart, end: c.end) }
    if !findings.isDisjoint(with: .undissectedPayload) {
      // With reassembly, tshark shows a retransmission's payload as segment
      // data, and an out-of-order segment's while a PDU is being put together.
      // (Asked of the reassembler only when it runs.)
      if c.state.reassemblesTCP, c.end <= c.packet.count,
        findings.contains(.retransmission) || flow.map({ c.state.reassembler.pdu($0) != nil }) == true
      {
        try c.add(segmentData, at: headerLength, segmentLength)
      }
      return .stop
    }
    if c.state.reassemblesTCP, let flow, c.end <= c.packet.count {
      // With reassembly, tshark hands a spurious retransmission to no dissector either.
      if findings.contains(.spuriousRetransmission) { return .stop }
      // A SYN's data (TCP Fast Open) starts after the SYN's own number.
      desegment(
        &c, flow: flow, seq: flagValue & flagSYN != 0 ? rawSeq &+ 1 : rawSeq,
        payloadStart: payloadStart, ports: (UInt32(source), UInt32(destination)), fin: flagValue & flagFIN != 0)
      c.headerEnd = payloadStart
      return .stop
    }
    var dissectedStart = payloadStart
    if let flow, !c.state.tcpPDUs.isEmpty {
      let placement = c.state.tcpPDUs[flow]?.placement(
        seq: rawSeq, nextSeq: rawSeq &+ UInt32(truncatingIfNeeded: segmentLength)) ?? .whole
      switch placement {
      case .whole:
        break
      case .continuation(let frame):
        c.generated(continuationTo, value: UInt64(frame))
        return .stop
      case .nextPDU(let frame, let skip):
        c.generated(continuationTo, value: UInt64(frame))
        dissectedStart += skip
      }
    }
    return .ports(
      .tcpPort, UInt32(source), UInt32(destination), at: dissectedStart, end: c.end)
  }

  /// The header's fields from the segment length to the stream times, in
  /// tshark's order (the ports, stream and completeness come before).
  private static func header(
    _ c: inout LayerCursor, flagValue: UInt16, raw: (seq: UInt32, ack: UInt32), relative: (seq: UInt32, ack: UInt32),
    headerLength: Int, segmentLength: Int, tracked: Bool, peerBase: UInt32, windowShift: Int,
    streamTimes: (Int64, Int64)?, unnormalisedStreamTimes: (sinceFirst: NSTime, sincePrevious: NSTime)?, carriesACE: Bool
  ) throws(DissectionStop) {
    let (rawSeq, rawAck) = raw
    c.generated(len, value: UInt64(segmentLength))
    try c.add(seq, at: 4, 4, value: UInt64(relative.seq))
    try c.add(seqRaw, at: 4, 4, value: UInt64(rawSeq))
    if tracked {
      var next = relative.seq &+ UInt32(segmentLength)
      // One for a SYN or a FIN, and one only for both, as tshark counts.
      if flagValue & (flagSYN | flagFIN) != 0 { next &+= 1 }
      c.generated(nxtseq, value: UInt64(next))
    }
    try c.add(ack, at: 8, 4, value: UInt64(relative.ack))
    try c.add(ackRaw, at: 8, 4, value: UInt64(rawAck))
    try c.add(hdrLen, at: 12, 1, value: UInt64(headerLength))
    guard headerLength >= 20 else { throw .malformed }
    try c.fixed(flags)
    // The bits were read above (no check can fail): skip them unless wanted.
    if flagBits.contains(where: { c.wants($0) }) || c.wants(ace) {
      if carriesACE {
        // After an AccECN handshake, AE, CWR and ECE (bits 1-3) read as one counter.
        try c.fixed(flagBits[0], depth: 2)
        try c.add(ace, at: 12, 2, value: UInt64(flagValue >> 6 & 7), depth: 2)
        for bit in flagBits[4...] { try c.fixed(bit, depth: 2) }
      } else {
        for bit in flagBits { try c.fixed(bit, depth: 2) }
      }
    }
    if c.wants(flagsStr) {
      c.computed(flagsStr, at: 12, 2, bytes: flagString(flagValue, ace: carriesACE), depth: 2)
    }
    let rawWindow = try c.fixed(windowValue)
    if flagValue & flagSYN != 0 {
      c.generated(window, value: rawWindow)
    } else {
      c.generated(window, value: windowShift >= 0 ? rawWindow << UInt64(windowShift) : rawWindow)
      if streamTimes != nil {
        let factor: Int64 = windowShift >= 0 ? 1 << Int64(windowShift) : Int64(windowShift)
        c.generated(windowScale, value: UInt64(bitPattern: factor))
      }
    }
    try c.fixed(checksum)
    c.generated(checksumStatus, value: 2)
    try c.fixed(urgent)
    try c.check(0, headerLength)
    if headerLength > 20 {
      try c.add(options, at: 20, headerLength - 20)
      try optionList(c, end: headerLength, peerBase: peerBase)
    }
    if let times = unnormalisedStreamTimes {
      c.generatedTime(timeRelative.fieldID, times.sinceFirst)
      c.generatedTime(timeDelta.fieldID, times.sincePrevious)
    } else if let streamTimes {
      c.generated(timeRelative, value: UInt64(bitPattern: streamTimes.0))
      c.generated(timeDelta, value: UInt64(bitPattern: streamTimes.1))
    }
  }

  /// The bytes the first three blocks of a SACK option cover, which tshark
  /// keeps for the other side's bytes in flight.
  private static func sackBytes(_ c: LayerCursor, headerLength: Int) -> UInt32 {
    var offset = 20
    while offset < headerLength, let kind = try? c.uint8(offset) {
      // Past an end-of-list option only zero bytes are read (see `optionList`).
      if kind == 0 { return 0 }
      if kind == 1 {
        offset += 1
        continue
      }
      guard let length = try? c.uint8(offset + 1), length >= 2, offset + Int(length) <= headerLength else { return 0 }
      if kind == 5 {
        var total: UInt32 = 0
        var edge = offset + 2
        var blocks = 0
        while edge + 8 <= offset + Int(length), blocks < 3,
          let left = try? c.uint32(edge), let right = try? c.uint32(edge + 4)
        {
          total &+= right &- left
          edge += 8
          blocks += 1
        }
        return total
      }
      offset += Int(length)
    }
    return 0
  }

  /// The `tcp.analysis` subtree, in tshark's order: what the segment
  /// acknowledges, the handshake's RTT, bytes in flight, then the flags
  /// (each with the expert items tshark adds for it).
  private static func record(_ found: TCPSegmentAnalysis, initialRTT rtt: Int64, _ c: LayerCursor) {
    c.generated(analysis, value: 0)
    if found.acksFrame != 0 {
      c.generated(acksFrame, value: UInt64(found.acksFrame), depth: 2)
      if found.ackRTT != 0 { c.generated(ackRTT, value: UInt64(bitPattern: found.ackRTT), depth: 2) }
    }
    if rtt != 0 { c.generated(initialRTT, value: UInt64(bitPattern: rtt), depth: 2) }
    if found.bytesInFlight != 0 {
      c.generated(bytesInFlight, value: UInt64(found.bytesInFlight), depth: 2)
      c.generated(pushBytesSent, value: UInt64(found.pushBytesSent), depth: 2)
    }
    let flags = found.flags
    guard !flags.isEmpty else { return }
    c.generated(analysisFlags, value: UInt64(flags.rawValue), depth: 2)
    // One field, or two: no array per call.
    func expert(_ flag: TCPAnalysisFlags, _ field: TCP, _ second: TCP? = nil) {
      guard flags.contains(flag) else { return }
      c.generated(field, value: 0, depth: 3)
      if let second { c.generated(second, value: 0, depth: 3) }
    }
    expert(.reusedPorts, reusedPorts)
    if flags.contains(.retransmission) {
      c.generated(retransmission, value: 0, depth: 3)
      if found.rto != 0 {
        c.generated(rto, value: UInt64(bitPattern: found.rto), depth: 3)
        c.generated(rtoFrame, value: UInt64(found.rtoFrame), depth: 3)
      }
    }
    expert(.fastRetransmission, fastRetransmission, retransmission)
    expert(.spuriousRetransmission, spuriousRetransmission, retransmission)
    expert(.outOfOrder, outOfOrder)
    expert(.lostSegment, lostSegment)
    expert(.ackLostSegment, ackLostSegment)
    expert(.windowUpdate, windowUpdate)
    expert(.windowFull, windowFull)
    expert(.keepAlive, keepAlive)
    expert(.keepAliveACK, keepAliveACK)
    if flags.contains(.duplicateACK) {
      // The flag's item, then the number and frame, then the expert item (also tcp.analysis.duplicate_ack).
      c.generated(duplicateACK, value: 0, depth: 3)
      c.generated(duplicateACKNumber, value: UInt64(found.duplicateACKNumber), depth: 2)
      c.generated(duplicateACKFrame, value: UInt64(found.duplicateACKFrame), depth: 2)
      c.generated(duplicateACK, value: 0, depth: 3)
    }
    expert(.zeroWindowProbe, zeroWindowProbe)
    expert(.zeroWindow, zeroWindow)
    expert(.zeroWindowProbeACK, zeroWindowProbeACK)
  }

  /// The window-scale shift a SYN offers, if it has the option.
  private static func scaleOption(_ c: LayerCursor, headerLength: Int) -> Int? {
    var offset = 20
    while offset < headerLength, let kind = try? c.uint8(offset) {
      if kind == 0 { return nil }
      if kind == 1 {
        offset += 1
        continue
      }
      guard let length = try? c.uint8(offset + 1), length >= 2, offset + Int(length) <= headerLength else { return nil }
      if kind == 3, length == 3, let shift = try? c.uint8(offset + 2) { return Int(min(shift, 14)) }
      offset += Int(length)
    }
    return nil
  }

  /// Options (RFC 9293 section 3.2): EOL and NOP are one byte; the rest
  /// carry kind, length, value.
  /// SACK edges are shown relative to `peerBase`, the other direction's
  /// base sequence number.
  /// As tshark 4.0 reads them: past an end-of-list option, each zero byte
  /// is one more and the first other byte ends the list (header padding);
  /// an option without room for its length, with a length under 2 or one
  /// past the header's end ends the list without its kind or length.
  private static func optionList(_ c: LayerCursor, end: Int, peerBase: UInt32) throws(DissectionStop) {
    var offset = 20
    var ended = false
    while offset < end {
      let kind = try c.uint8(offset)
      if ended && kind != 0 { return }
      if kind == 0 || kind == 1 {
        try c.add(optionKind, at: offset, 1, value: UInt64(kind), depth: 3)
        ended = ended || kind == 0
        offset += 1
        continue
      }
      guard offset + 1 < end else { return }
      let length = Int(try c.uint8(offset + 1))
      guard length >= 2, offset + length <= end else { return }
      try c.add(optionKind, at: offset, 1, value: UInt64(kind), depth: 3)
      try c.add(optionLen, at: offset + 1, 1, value: UInt64(length), depth: 3)
      switch (kind, length) {
      case (2, 4):
        try c.add(mss, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)), depth: 3)
      case (3, 3):
        let shift = try c.uint8(offset + 2)
        try c.add(wscaleShift, at: offset + 2, 1, value: UInt64(shift), depth: 3)
        try c.add(wscaleMultiplier, at: offset + 2, 1, value: 1 << UInt64(min(shift, 14)), depth: 3)
      case (4, 2):
        try c.add(sackPerm, at: offset, 2, depth: 3)
      case (5, _):
        var edge = offset + 2
        var count = 0
        while edge + 8 <= offset + length {
          try c.add(sackLE, at: edge, 4, value: UInt64(try c.uint32(edge) &- peerBase), depth: 3)
          try c.add(sackRE, at: edge + 4, 4, value: UInt64(try c.uint32(edge + 4) &- peerBase), depth: 3)
          edge += 8
          count += 1
        }
        c.generated(sackCount, value: UInt64(count), depth: 3)
      case (30, _):
        // Multipath TCP: Wireshark lists `mptcp` as a protocol of the frame.
        if !c.dissection.layers.contains(where: { $0.protocolID == .mptcp }) {
          c.addInnerProtocol(.mptcp, at: offset, length)
        }
      case (8, 10):
        try c.add(tsval, at: offset + 2, 4, value: UInt64(try c.uint32(offset + 2)), depth: 3)
        try c.add(tsecr, at: offset + 6, 4, value: UInt64(try c.uint32(offset + 6)), depth: 3)
      default:
        break
      }
      offset += length
    }
  }

  /// Wireshark's twelve-character flag summary: a letter per set flag,
  /// `·` for each clear one (`·······AP···`).
  /// With `ace`, the AE, CWR and ECE places show the ACE counter as `-N-`.
  /// As UTF-8, for the dissection's arena.
  static func flagString(_ flags: UInt16, ace: Bool = false) -> [UInt8] {
    let letters: StaticString = "RRRACEUAPRSF"
    var out: [UInt8] = []
    out.reserveCapacity(24)
    for i in 0..<12 {
      let letter = letters.utf8Start[i]
      if ace && (3...5).contains(i) {
        out.append(i == 4 ? UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: flags >> 6 & 7) : UInt8(ascii: "-"))
        continue
      }
      if flags & (0x800 >> UInt16(i)) != 0 {
        out.append(letter)
      } else {
        // ·, U+00B7
        out.append(0xc2)
        out.append(0xb7)
      }
    }
    return out
  }
}
