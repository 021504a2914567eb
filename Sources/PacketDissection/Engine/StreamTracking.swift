/// What TCP analysis tells the TCP dissector about one segment.
struct TCPSegmentFacts {
  var stream: Int
  var relativeSeq: UInt32
  var relativeAck: UInt32
  /// The other direction's base sequence number (0 while unknown).
  var peerBase: UInt32
  /// Shift to apply to this segment's window; -1 unknown, -2 no scaling.
  var windowShift: Int
  var sinceFirst: Int64
  var sincePrevious: Int64
  /// The three AccECN bits of this (non-SYN) segment are the ACE counter.
  var carriesACE: Bool
  /// A keep-alive probe (RFC 9293 3.8.4): no more than one byte, one before
  /// the next sequence number. Wireshark shows its byte as plain data.
  var isKeepAlive: Bool
}

extension DissectionState {
  /// Finds or opens the TCP conversation of a segment and updates it, as
  /// Wireshark's first pass does: streams are numbered in order of first
  /// appearance; a direction's relative sequence numbers count from its
  /// SYN, or from one before its first segment when no SYN was seen.
  func trackTCP(
    source: UInt16, destination: UInt16, flags: UInt16, seq: UInt32, ack: UInt32,
    windowScaleOption: Int?, length: Int, time: Int64
  ) -> TCPSegmentFacts {
    let (key, forward) = ConversationKey.make(networkSource, source, networkDestination, destination)
    let syn = flags & TCP.flagSYN != 0
    let isACK = flags & TCP.flagACK != 0
    var entry: TCPStream
    if let existing = tcpStreams[key], !startsAnew(existing, forward: forward, flags: flags, seq: seq) {
      entry = existing
    } else {
      entry = TCPStream(index: nextTCPStream, firstTime: time, lastTime: time)
      nextTCPStream += 1
    }
    var mine = forward ? entry.flows.0 : entry.flows.1
    var theirs = forward ? entry.flows.1 : entry.flows.0
    if mine.baseSeq == nil { mine.baseSeq = syn ? seq : seq &- 1 }
    if syn {
      mine.sawSyn = true
      mine.windowScale = windowScaleOption ?? -2
      if isACK && (mine.windowScale == -2 || theirs.windowScale == -2) && theirs.sawSyn {
        mine.windowScale = -2
        theirs.windowScale = -2
      }
    }
    if isACK && theirs.baseSeq == nil { theirs.baseSeq = ack &- 1 }
    if syn && !isACK { entry.accurateECN = flags & TCP.accurateECNBits == TCP.accurateECNBits }
    if TCPStreamStart.closes(flags: flags) { mine.sawFinOrReset = true }
    let controls = flags & (TCP.flagSYN | TCP.flagFIN | TCP.flagRST)
    let keepAlive = length <= 1 && controls == 0 && mine.nextSeq.map { seq == $0 &- 1 } == true
    // Sequence space used: the data, plus one each for SYN and FIN.
    let used = UInt32(truncatingIfNeeded: length) &+ (syn ? 1 : 0) &+ (flags & TCP.flagFIN != 0 ? 1 : 0)
    if used > 0 && !keepAlive {
      let end = seq &+ used
      if mine.nextSeq.map({ Int32(bitPattern: end &- $0) > 0 }) ?? true { mine.nextSeq = end }
    }
    let facts = TCPSegmentFacts(
      stream: entry.index, relativeSeq: seq &- mine.baseSeq!,
      relativeAck: isACK ? ack &- (theirs.baseSeq ?? ack) : ack, peerBase: theirs.baseSeq ?? 0,
      windowShift: mine.windowScale >= 0 && theirs.windowScale == -2 ? -2 : mine.windowScale,
      sinceFirst: time &- entry.firstTime, sincePrevious: time &- entry.lastTime,
      carriesACE: entry.accurateECN && !syn, isKeepAlive: keepAlive)
    entry.lastTime = time
    if forward { entry.flows = (mine, theirs) } else { entry.flows = (theirs, mine) }
    tcpStreams[key] = entry
    return facts
  }

  /// Whether the segment starts a new stream on this conversation (port reuse).
  private func startsAnew(_ stream: TCPStream, forward: Bool, flags: UInt16, seq: UInt32) -> Bool {
    let flow = forward ? stream.flows.0 : stream.flows.1
    return TCPStreamStart.startsAnew(
      flags: flags, closed: stream.flows.0.sawFinOrReset || stream.flows.1.sawFinOrReset,
      openedWithOtherSeq: flow.sawSyn && flow.baseSeq.map { $0 != seq } == true)
  }

  /// The UDP conversation index of a datagram and its stream times; a nil
  /// `time` looks the conversation up (or opens it) without moving its clock.
  func trackUDP(source: UInt16, destination: UInt16, time: Int64?) -> (stream: Int, sinceFirst: Int64, sincePrevious: Int64) {
    let (key, _) = ConversationKey.make(networkSource, source, networkDestination, destination)
    var entry = udpStreams[key] ?? {
      defer { nextUDPStream += 1 }
      return UDPStream(index: nextUDPStream, firstTime: time ?? 0, lastTime: time ?? 0)
    }()
    guard let time else {
      udpStreams[key] = entry
      return (entry.index, 0, 0)
    }
    let facts = (entry.index, time &- entry.firstTime, time &- entry.lastTime)
    entry.lastTime = time
    udpStreams[key] = entry
    return facts
  }
}
