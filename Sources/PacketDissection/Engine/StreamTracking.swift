import PacketCapture
/// What TCP analysis tells the TCP dissector about one segment.
struct TCPSegmentFacts {
  var stream: Int
  /// The segment goes from the conversation key's first endpoint.
  var forward: Bool
  var relativeSeq: UInt32
  var relativeAck: UInt32
  /// The other direction's base sequence number (0 while unknown).
  var peerBase: UInt32
  /// Shift to apply to this segment's window; -1 unknown, -2 no scaling.
  var windowShift: Int
  var sinceFirst: Int64
  var sincePrevious: Int64
  /// The same times subtracted as Wireshark subtracts unnormalised times,
  /// when the segment's or an earlier one's time is unnormalised.
  var unnormalised: (sinceFirst: NSTime, sincePrevious: NSTime)?
  /// The three AccECN bits of this (non-SYN) segment are the ACE counter.
  var carriesACE: Bool
  /// Sequence analysis, when the dissector runs it (`analyzesSequences`).
  var analysis: TCPSegmentAnalysis?
  /// The conversation's `tcp.completeness` and handshake RTT (0: none yet),
  /// when the dissector runs the analysis.
  var completeness: UInt64
  var initialRTT: Int64
}

extension DissectionState {
  /// Finds or opens the TCP conversation of a segment and updates it, as
  /// Wireshark's first pass does: streams are numbered in order of first
  /// appearance; a direction's relative sequence numbers count from its
  /// SYN, or from one before its first segment when no SYN was seen.
  func trackTCP(
    source: UInt16, destination: UInt16, flags: UInt16, seq: UInt32, ack: UInt32,
    windowScaleOption: Int?, length: Int, time: Int64, unnormalisedTime: NSTime?, window: UInt32, sackBytes: UInt32,
    frame: Int, analyses: Bool
  ) -> TCPSegmentFacts {
    let (key, forward) = ConversationKey.make(networkSource, source, networkDestination, destination)
    let syn = flags & TCP.flagSYN != 0
    let isACK = flags & TCP.flagACK != 0
    let entry: TCPStream
    // Most segments follow one of the same conversation: no hashing for
    // those, and the remembered entry is left as it is.
    let existing: TCPStream?
    var remembered = false
    if let last = lastTCPStream, last.key == key {
      existing = last.stream
      remembered = true
    } else {
      existing = tcpStreams[key]
    }
    if let existing, !startsAnew(existing, forward: forward, flags: flags, seq: seq) {
      entry = existing
    } else {
      entry = TCPStream(index: nextTCPStream, firstTime: time, lastTime: time, firstFrame: frame)
      nextTCPStream += 1
      tcpStreams[key] = entry
      remembered = false
    }
    if !remembered { lastTCPStream = (key, entry) }
    if analyses && entry.analysis == nil { entry.analysis = TCPConversationAnalysis() }
    var mine = forward ? entry.flows.0 : entry.flows.1
    var theirs = forward ? entry.flows.1 : entry.flows.0
    // Run with the analysis or without: a SYN-ACK's new base changes the
    // relative numbers every question sees.
    let reusedPorts = portsReused(existing, entry, forward: forward, flags: flags, seq: seq)
    TCPStreamStart.advanceBases(flags: flags, seq: seq, ack: ack, mine: &mine.baseSeq, theirs: &theirs.baseSeq)
    if syn {
      mine.sawSyn = true
      // A repeated SYN without the option keeps the shift an earlier one offered, as in tshark.
      mine.windowScale = windowScaleOption ?? (mine.windowScale == -1 ? -2 : mine.windowScale)
      if isACK && (mine.windowScale == -2 || theirs.windowScale == -2) && theirs.sawSyn {
        mine.windowScale = -2
        theirs.windowScale = -2
      }
    }
    if syn && !isACK { entry.accurateECN = flags & TCP.accurateECNBits == TCP.accurateECNBits }
    var facts = TCPSegmentFacts(
      stream: entry.index, forward: forward, relativeSeq: seq &- mine.baseSeq!,
      relativeAck: isACK ? ack &- (theirs.baseSeq ?? ack) : ack, peerBase: theirs.baseSeq ?? 0,
      windowShift: tsharkWindowScale(mine, other: theirs),
      sinceFirst: time &- entry.firstTime, sincePrevious: time &- entry.lastTime,
      carriesACE: entry.accurateECN && !syn, completeness: 0, initialRTT: 0)
    if let analysis = entry.analysis, analyses {
      let segment = TCPAnalyzedSegment(
        seq: seq, ack: ack, length: UInt32(truncatingIfNeeded: length), flags: flags, window: window, frame: frame,
        time: time, base: mine.baseSeq!, reverseScale: tsharkWindowScale(theirs, other: mine), sackBytes: sackBytes)
      facts.completeness = analysis.advanceCompleteness(
        flags: flags, length: segment.length, reopened: !reusedPorts.isEmpty && entry.index != existing?.index)
      facts.analysis = analysis.analyze(segment, forward: forward, preset: reusedPorts, measuresFlight: measuresFlight)
      facts.initialRTT = analysis.initialRTT
    }
    if unnormalisedTime != nil || entry.unnormalisedTimes != nil {
      let now = unnormalisedTime ?? NSTime(nanosecondsSinceEpoch: time)
      let first = entry.unnormalisedTimes?.first ?? (entry.firstFrame == frame ? now : NSTime(nanosecondsSinceEpoch: entry.firstTime))
      let last = entry.unnormalisedTimes?.last ?? (entry.firstFrame == frame ? now : NSTime(nanosecondsSinceEpoch: entry.lastTime))
      facts.unnormalised = (now.since(first), now.since(last))
      entry.unnormalisedTimes = (first, now)
    }
    entry.lastTime = time
    if forward { entry.flows = (mine, theirs) } else { entry.flows = (theirs, mine) }
    return facts
  }

  /// The stream of a TCP header quoted in an ICMP or ICMPv6 error, as
  /// tshark 4.0 finds it: its conversation, opened when none is known and
  /// renewed by a SYN whose number differs from the direction's base, as
  /// for any segment; its times move the stream's clock, while its
  /// numbers set no base and it runs no analysis; a SYN's window-scale
  /// option counts as any SYN's. Answers the window's shift as `trackTCP`.
  func trackQuotedTCP(
    source: UInt16, destination: UInt16, flags: UInt16, seq: UInt32, windowScaleOption: Int?, time: Int64, frame: Int
  ) -> (stream: Int, sinceFirst: Int64, sincePrevious: Int64, windowShift: Int) {
    let (key, forward) = ConversationKey.make(networkSource, source, networkDestination, destination)
    var entry: TCPStream
    if let existing = tcpStreams[key], !startsAnew(existing, forward: forward, flags: flags, seq: seq) {
      entry = existing
    } else {
      entry = TCPStream(index: nextTCPStream, firstTime: time, lastTime: time, firstFrame: frame)
      nextTCPStream += 1
      tcpStreams[key] = entry
      if lastTCPStream?.key == key { lastTCPStream = (key, entry) }
    }
    if flags & TCP.flagSYN != 0 {
      let scale = windowScaleOption ?? ((forward ? entry.flows.0 : entry.flows.1).windowScale == -1 ? -2 : nil)
      if let scale, forward { entry.flows.0.windowScale = scale } else if let scale { entry.flows.1.windowScale = scale }
    }
    let (mine, theirs) = forward ? entry.flows : (entry.flows.1, entry.flows.0)
    defer {
      entry.lastTime = time
      if entry.unnormalisedTimes != nil { entry.unnormalisedTimes?.last = NSTime(nanosecondsSinceEpoch: time) }
    }
    return (entry.index, time &- entry.firstTime, time &- entry.lastTime, tsharkWindowScale(mine, other: theirs))
  }

  /// tshark's reused-ports check, before the analysis: a SYN on ports whose
  /// conversation already has another initial sequence number in this
  /// direction (a new conversation), or a SYN-ACK whose sequence number
  /// differs from the one known (`TCPStreamStart.advanceBases` makes it the
  /// base). A repeated SYN is no reuse: its analysis resumes from the
  /// highest number sent without a gap.
  private func portsReused(
    _ existing: TCPStream?, _ entry: TCPStream, forward: Bool, flags: UInt16, seq: UInt32
  ) -> TCPAnalysisFlags {
    guard flags & TCP.flagSYN != 0, let existing else { return [] }
    let before = forward ? existing.flows.0 : existing.flows.1
    guard let base = before.baseSeq else { return [] }
    if flags & TCP.flagACK == 0 {
      // `startsAnew` opened a new stream for another number; the same number resumes.
      guard entry.index == existing.index else { return .reusedPorts }
      if let analysis = entry.analysis {
        if forward {
          analysis.forwardFlow.nextSeq = analysis.forwardFlow.maxSeqToBeAcked
        } else {
          analysis.reverseFlow.nextSeq = analysis.reverseFlow.maxSeqToBeAcked
        }
      }
      return []
    }
    return base != seq ? .reusedPorts : []
  }

  /// A direction's window-scale shift as tshark holds it: -2 (no scaling)
  /// once either side's SYN went without the option.
  private func tsharkWindowScale(_ flow: TCPFlow, other: TCPFlow) -> Int {
    flow.windowScale == -2 || other.windowScale == -2 ? -2 : flow.windowScale
  }

  /// Whether the segment starts a new stream on this conversation (port reuse).
  private func startsAnew(_ stream: TCPStream, forward: Bool, flags: UInt16, seq: UInt32) -> Bool {
    TCPStreamStart.startsAnew(flags: flags, base: (forward ? stream.flows.0 : stream.flows.1).baseSeq, seq: seq)
  }

  /// The UDP conversation index of a datagram and its stream times; a nil
  /// `time` looks the conversation up (or opens it) without moving its clock.
  /// A datagram with no conversation of its own joins one open to any peer
  /// on its source's side, else on its destination's (`udpToAnyPeer`), as
  /// tshark's conversation lookup falls back to one with both of the
  /// second side's address and port left open.
  func trackUDP(source: UInt16, destination: UInt16, time: Int64?) -> (stream: Int, sinceFirst: Int64, sincePrevious: Int64) {
    let (key, _) = ConversationKey.make(networkSource, source, networkDestination, destination)
    if !udpToAnyPeer.isEmpty, udpStreams[key] == nil {
      for side in [(networkSource, source), (networkDestination, destination)] {
        let open = ConversationKey(a: side.0, b: NetworkAddress(), ports: UInt32(side.1))
        guard var entry = udpToAnyPeer[open] else { continue }
        if entry.index < 0 {
          entry = UDPStream(index: nextUDPStream, firstTime: time ?? 0, lastTime: time ?? 0)
          nextUDPStream += 1
        }
        defer { udpToAnyPeer[open] = entry }
        return advance(&entry, to: time)
      }
    }
    var entry = udpStreams[key] ?? {
      defer { nextUDPStream += 1 }
      return UDPStream(index: nextUDPStream, firstTime: time ?? 0, lastTime: time ?? 0)
    }()
    let facts = advance(&entry, to: time)
    udpStreams[key] = entry
    guard time != nil else { return facts }
    // Wireshark's SNMP dissector opens a conversation of its own for the
    // first request from a port, for the replies; UDP's stream index is
    // kept per conversation, so the datagrams after it start a new stream.
    if destination == SNMP.agentPort, snmpRequestConversations.insert(key).inserted { udpStreams[key] = nil }
    return facts
  }

  /// A UDP conversation's stream times for a datagram, moving its clock;
  /// a nil `time` leaves the clock and answers zero times.
  private func advance(_ entry: inout UDPStream, to time: Int64?) -> (stream: Int, sinceFirst: Int64, sincePrevious: Int64) {
    guard let time else { return (entry.index, 0, 0) }
    defer { entry.lastTime = time }
    return (entry.index, time &- entry.firstTime, time &- entry.lastTime)
  }

  /// Opens a UDP conversation on `address` and `port` with any peer, when
  /// none is open there (Portmap's GETPORT reply; see `PortmapMappings`).
  func openUDPToAnyPeer(address: NetworkAddress, port: UInt16) {
    let key = ConversationKey(a: address, b: NetworkAddress(), ports: UInt32(port))
    if udpToAnyPeer[key] == nil { udpToAnyPeer[key] = UDPStream(index: -1, firstTime: 0, lastTime: 0) }
  }
}
