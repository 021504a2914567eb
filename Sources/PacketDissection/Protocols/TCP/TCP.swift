/// Transmission Control Protocol (RFC 9293 section 3.1).
enum TCP {
  static let decl = ProtocolDecl(
    .tcp, name: "tcp", label: "Transmission Control Protocol", level: .transport,
    fields: [
      .uint("tcp.srcport", "Source Port", at: 0, bytes: 2, aliases: ["tcp.sport"]),
      .uint("tcp.dstport", "Destination Port", at: 2, bytes: 2, aliases: ["tcp.dport"]),
      .loose("tcp.port", "Source or Destination Port", .uint(bytes: 2)),
      .loose("tcp.stream", "Stream index", .uint(bytes: 4)),
      .loose("tcp.len", "TCP Segment Len", .uint(bytes: 4)),
      .uint("tcp.seq", "Sequence Number", at: 4, bytes: 4, blurb: "Relative to the first sequence number seen in this direction"),
      .loose("tcp.seq_raw", "Sequence Number (raw)", .uint(bytes: 4)),
      .loose("tcp.nxtseq", "Next Sequence Number", .uint(bytes: 4)),
      .uint("tcp.ack", "Acknowledgment Number", at: 8, bytes: 4, blurb: "Relative to the first sequence number seen in the other direction"),
      .loose("tcp.ack_raw", "Acknowledgment number (raw)", .uint(bytes: 4)),
      .uint("tcp.hdr_len", "Header Length", at: 12, bytes: 1, mask: 0xf0, blurb: "Data offset in 32-bit words (shown in bytes)"),
      .uint("tcp.flags", "Flags", at: 12, bytes: 2, mask: 0x0fff, base: .hex),
      .flag("tcp.flags.res", "Reserved", at: 12, bytes: 2, mask: 0x0e00),
      .flag("tcp.flags.ae", "Accurate ECN", at: 12, bytes: 2, mask: 0x0100),
      .flag("tcp.flags.cwr", "Congestion Window Reduced", at: 12, bytes: 2, mask: 0x0080),
      .flag("tcp.flags.ece", "ECN-Echo", at: 12, bytes: 2, mask: 0x0040),
      .flag("tcp.flags.urg", "Urgent", at: 12, bytes: 2, mask: 0x0020),
      .flag("tcp.flags.ack", "Acknowledgment", at: 12, bytes: 2, mask: 0x0010),
      .flag("tcp.flags.push", "Push", at: 12, bytes: 2, mask: 0x0008, abbreviation: "PSH"),
      .flag("tcp.flags.reset", "Reset", at: 12, bytes: 2, mask: 0x0004, abbreviation: "RST"),
      .flag("tcp.flags.syn", "Syn", at: 12, bytes: 2, mask: 0x0002),
      .flag("tcp.flags.fin", "Fin", at: 12, bytes: 2, mask: 0x0001),
      .loose("tcp.flags.ace", "ACE", .uint(bytes: 1), blurb: "Accurate ECN counter: the AE, CWR and ECE bits after an AccECN handshake"),
      .loose("tcp.flags.str", "TCP Flags", .string),
      .uint("tcp.window_size_value", "Window", at: 14, bytes: 2),
      .loose("tcp.window_size", "Calculated window size", .uint(bytes: 4)),
      .loose("tcp.window_size_scalefactor", "Window size scaling factor", .int(bytes: 4), blurb: "-1: unknown, -2: no window scaling used"),
      .uint("tcp.checksum", "Checksum", at: 16, bytes: 2, base: .hex),
      .loose("tcp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "2: not verified"),
      .uint("tcp.urgent_pointer", "Urgent Pointer", at: 18, bytes: 2),
      .loose("tcp.options", "TCP Options", .bytes),
      .loose("tcp.option_kind", "Kind", .uint(bytes: 1)),
      .loose("tcp.option_len", "Length", .uint(bytes: 1)),
      .loose("tcp.options.mss_val", "MSS Value", .uint(bytes: 2)),
      .loose("tcp.options.wscale.shift", "Shift count", .uint(bytes: 1)),
      .loose("tcp.options.wscale.multiplier", "Multiplier", .uint(bytes: 2)),
      .loose("tcp.options.sack_perm", "TCP SACK Permitted Option", .label),
      .loose("tcp.options.sack_le", "TCP SACK Left Edge", .uint(bytes: 4)),
      .loose("tcp.options.sack_re", "TCP SACK Right Edge", .uint(bytes: 4)),
      .loose("tcp.options.sack.count", "TCP SACK Count", .uint(bytes: 1)),
      .loose("tcp.options.timestamp.tsval", "Timestamp value", .uint(bytes: 4)),
      .loose("tcp.options.timestamp.tsecr", "Timestamp echo reply", .uint(bytes: 4)),
      .loose("tcp.time_relative", "Time since first frame in this TCP stream", .relativeTime),
      .loose("tcp.time_delta", "Time since previous frame in this TCP stream", .relativeTime),
      .loose("tcp.payload", "TCP payload", .bytes),
      .loose("tcp.reset_cause", "Reset cause", .string, blurb: "Text a reset carries as data"),
    ],
    bindings: [Binding(.ipProto, 6)], headerBits: 160, variablePart: "Options")

  /// Multipath TCP (RFC 8684) lives in TCP options; pktsh shows only that
  /// it is there, as a protocol of the frame.
  static let multipath = ProtocolDecl(
    .mptcp, name: "mptcp", label: "Multipath Transmission Control Protocol", level: .transport,
    fields: [])

  static let srcport = FieldID(.tcp, 1, "tcp.srcport")
  static let dstport = FieldID(.tcp, 2, "tcp.dstport")
  static let port = FieldID(.tcp, 3, "tcp.port")
  static let stream = FieldID(.tcp, 4, "tcp.stream")
  static let len = FieldID(.tcp, 5, "tcp.len")
  static let seq = FieldID(.tcp, 6, "tcp.seq")
  static let seqRaw = FieldID(.tcp, 7, "tcp.seq_raw")
  static let nxtseq = FieldID(.tcp, 8, "tcp.nxtseq")
  static let ack = FieldID(.tcp, 9, "tcp.ack")
  static let ackRaw = FieldID(.tcp, 10, "tcp.ack_raw")
  static let hdrLen = FieldID(.tcp, 11, "tcp.hdr_len")
  static let flags = FieldID(.tcp, 12, "tcp.flags")
  static let flagBits = [
    FieldID(.tcp, 13, "tcp.flags.res"),
    FieldID(.tcp, 14, "tcp.flags.ae"),
    FieldID(.tcp, 15, "tcp.flags.cwr"),
    FieldID(.tcp, 16, "tcp.flags.ece"),
    FieldID(.tcp, 17, "tcp.flags.urg"),
    FieldID(.tcp, 18, "tcp.flags.ack"),
    FieldID(.tcp, 19, "tcp.flags.push"),
    FieldID(.tcp, 20, "tcp.flags.reset"),
    FieldID(.tcp, 21, "tcp.flags.syn"),
    FieldID(.tcp, 22, "tcp.flags.fin"),
  ]
  static let flagsStr = FieldID(.tcp, 24, "tcp.flags.str")
  static let ace = FieldID(.tcp, 23, "tcp.flags.ace")
  /// AE, CWR and ECE: together the ACE counter once AccECN is agreed (RFC 9768).
  static let accurateECNBits: UInt16 = 0x01c0
  static let windowValue = FieldID(.tcp, 25, "tcp.window_size_value")
  static let window = FieldID(.tcp, 26, "tcp.window_size")
  static let windowScale = FieldID(.tcp, 27, "tcp.window_size_scalefactor")
  static let checksum = FieldID(.tcp, 28, "tcp.checksum")
  static let checksumStatus = FieldID(.tcp, 29, "tcp.checksum.status")
  static let urgent = FieldID(.tcp, 30, "tcp.urgent_pointer")
  static let options = FieldID(.tcp, 31, "tcp.options")
  static let optionKind = FieldID(.tcp, 32, "tcp.option_kind")
  static let optionLen = FieldID(.tcp, 33, "tcp.option_len")
  static let mss = FieldID(.tcp, 34, "tcp.options.mss_val")
  static let wscaleShift = FieldID(.tcp, 35, "tcp.options.wscale.shift")
  static let wscaleMultiplier = FieldID(.tcp, 36, "tcp.options.wscale.multiplier")
  static let sackPerm = FieldID(.tcp, 37, "tcp.options.sack_perm")
  static let sackLE = FieldID(.tcp, 38, "tcp.options.sack_le")
  static let sackRE = FieldID(.tcp, 39, "tcp.options.sack_re")
  static let sackCount = FieldID(.tcp, 40, "tcp.options.sack.count")
  static let tsval = FieldID(.tcp, 41, "tcp.options.timestamp.tsval")
  static let tsecr = FieldID(.tcp, 42, "tcp.options.timestamp.tsecr")
  static let timeRelative = FieldID(.tcp, 43, "tcp.time_relative")
  static let timeDelta = FieldID(.tcp, 44, "tcp.time_delta")
  static let payload = FieldID(.tcp, 45, "tcp.payload")
  static let resetCause = FieldID(.tcp, 46, "tcp.reset_cause")

  /// Fields whose values come from following the conversation (the
  /// AccECN bits read differently once the handshake agreed on it).
  static let stateful =
    [stream, seq, nxtseq, ack, window, windowScale, sackLE, sackRE, timeRelative, timeDelta, ace, flagsStr]
    + flagBits[1...3]

  static let flagSYN: UInt16 = 0x002
  static let flagFIN: UInt16 = 0x001
  static let flagRST: UInt16 = 0x004
  static let flagACK: UInt16 = 0x010

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let source = try c.fixed(srcport)
    let destination = try c.fixed(dstport)
    try c.add(port, at: 0, 2, value: source, flags: .hidden)
    try c.add(port, at: 2, 2, value: destination, flags: .hidden)
    let rawSeq = try c.uint32(4)
    let rawAck = try c.uint32(8)
    let offsetByte = try c.uint8(12)
    let headerLength = Int(offsetByte >> 4) * 4
    let flagValue = try c.uint16(12) & 0x0fff
    let segmentLength = max(0, c.length - headerLength)
    let tracked = c.depth == 0 && headerLength >= 20 && c.state.tracksConversations
    var relative = (seq: rawSeq, ack: rawAck)
    var peerBase: UInt32 = 0
    var windowShift = -1
    var streamTimes: (Int64, Int64) = (0, 0)
    var carriesACE = false
    var keepAlive = false
    if tracked {
      let now = c.dissection.frame.time
      let facts = c.state.trackTCP(
        source: UInt16(source), destination: UInt16(destination), flags: flagValue, seq: rawSeq,
        ack: rawAck, windowScaleOption: try scaleOption(c, headerLength: headerLength),
        length: segmentLength, time: now)
      c.generated(stream, value: UInt64(facts.stream))
      relative = (facts.relativeSeq, facts.relativeAck)
      peerBase = facts.peerBase
      windowShift = facts.windowShift
      streamTimes = (facts.sinceFirst, facts.sincePrevious)
      carriesACE = facts.carriesACE
      keepAlive = facts.isKeepAlive
    }
    c.generated(len, value: UInt64(segmentLength))
    try c.add(seq, at: 4, 4, value: UInt64(relative.seq))
    try c.add(seqRaw, at: 4, 4, value: UInt64(rawSeq))
    if tracked {
      var next = relative.seq &+ UInt32(segmentLength)
      if flagValue & flagSYN != 0 { next &+= 1 }
      if flagValue & flagFIN != 0 { next &+= 1 }
      c.generated(nxtseq, value: UInt64(next))
    }
    try c.add(ack, at: 8, 4, value: UInt64(relative.ack))
    try c.add(ackRaw, at: 8, 4, value: UInt64(rawAck))
    try c.add(hdrLen, at: 12, 1, value: UInt64(headerLength))
    guard headerLength >= 20 else { throw .malformed }
    try c.fixed(flags)
    // The bits were read above (no check can fail): skip them unless wanted.
    if flagBits.contains(where: c.wants) || c.wants(ace) {
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
      let text = flagString(flagValue, ace: carriesACE)
      c.computed(flagsStr, at: 12, 2, bytes: Array(text.utf8), depth: 2)
    }
    let rawWindow = try c.fixed(windowValue)
    if flagValue & flagSYN != 0 {
      c.generated(window, value: rawWindow)
    } else {
      c.generated(window, value: windowShift >= 0 ? rawWindow << UInt64(windowShift) : rawWindow)
      if tracked {
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
    if tracked {
      c.generated(timeRelative, value: UInt64(bitPattern: streamTimes.0))
      c.generated(timeDelta, value: UInt64(bitPattern: streamTimes.1))
    }
    let payloadStart = c.start + headerLength
    guard segmentLength > 0 else { return .stop }
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
    if keepAlive { return .data(at: payloadStart, end: c.end) }
    return .ports(
      .tcpPort, UInt32(source), UInt32(destination), at: payloadStart, end: c.end)
  }

  /// The window-scale shift a SYN offers, if it has the option.
  private static func scaleOption(_ c: LayerCursor, headerLength: Int) throws(DissectionStop) -> Int? {
    var offset = 20
    while offset < headerLength, let kind = try? c.uint8(offset) {
      if kind == 0 { return nil }
      if kind == 1 {
        offset += 1
        continue
      }
      guard let length = try? c.uint8(offset + 1), length >= 2 else { return nil }
      if kind == 3, length == 3, let shift = try? c.uint8(offset + 2) { return Int(min(shift, 14)) }
      offset += Int(length)
    }
    return nil
  }

  /// Options (RFC 9293 section 3.2): EOL and NOP are one byte; the rest
  /// carry kind, length, value.
  /// SACK edges are shown relative to `peerBase`, the other direction's
  /// base sequence number.
  private static func optionList(_ c: LayerCursor, end: Int, peerBase: UInt32) throws(DissectionStop) {
    var offset = 20
    while offset < end {
      let kind = try c.uint8(offset)
      try c.add(optionKind, at: offset, 1, value: UInt64(kind), depth: 3)
      // Wireshark reads on past an end-of-list option, one byte at a time.
      if kind == 0 || kind == 1 {
        offset += 1
        continue
      }
      guard offset + 1 < end else { return }
      let length = Int(try c.uint8(offset + 1))
      try c.add(optionLen, at: offset + 1, 1, value: UInt64(length), depth: 3)
      guard length >= 2, offset + length <= end else { return }
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
  static func flagString(_ flags: UInt16, ace: Bool = false) -> String {
    let letters: [Character] = ["R", "R", "R", "A", "C", "E", "U", "A", "P", "R", "S", "F"]
    var out = ""
    for (i, letter) in letters.enumerated() {
      if ace && (3...5).contains(i) {
        out += i == 4 ? String(flags >> 6 & 7) : "-"
        continue
      }
      out.append(flags & (0x800 >> UInt16(i)) != 0 ? letter : "·")
    }
    return out
  }
}
