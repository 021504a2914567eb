/// What tshark 4.0's TCP sequence analysis concludes about one segment
/// (its `tcp.analysis.flags` subtree).
struct TCPAnalysisFlags: OptionSet {
  let rawValue: UInt32
  static let retransmission = TCPAnalysisFlags(rawValue: 1 << 0)
  static let lostSegment = TCPAnalysisFlags(rawValue: 1 << 1)
  static let ackLostSegment = TCPAnalysisFlags(rawValue: 1 << 2)
  static let keepAlive = TCPAnalysisFlags(rawValue: 1 << 3)
  static let duplicateACK = TCPAnalysisFlags(rawValue: 1 << 4)
  static let zeroWindow = TCPAnalysisFlags(rawValue: 1 << 5)
  static let zeroWindowProbe = TCPAnalysisFlags(rawValue: 1 << 6)
  static let zeroWindowProbeACK = TCPAnalysisFlags(rawValue: 1 << 7)
  static let keepAliveACK = TCPAnalysisFlags(rawValue: 1 << 8)
  static let outOfOrder = TCPAnalysisFlags(rawValue: 1 << 9)
  static let fastRetransmission = TCPAnalysisFlags(rawValue: 1 << 10)
  static let windowUpdate = TCPAnalysisFlags(rawValue: 1 << 11)
  static let windowFull = TCPAnalysisFlags(rawValue: 1 << 12)
  static let reusedPorts = TCPAnalysisFlags(rawValue: 1 << 13)
  static let spuriousRetransmission = TCPAnalysisFlags(rawValue: 1 << 14)

  /// Segments tshark hands to no dissector above TCP (its
  /// `tcp.no_subdissector_on_error` preference, on by default).
  static let undissectedPayload: TCPAnalysisFlags = [.retransmission, .outOfOrder]
}

/// The analysis of one segment (tshark's `tcp_acked`); absent when tshark
/// would show no `tcp.analysis` subtree.
struct TCPSegmentAnalysis {
  var flags = TCPAnalysisFlags()
  /// The frame whose data this segment acknowledges exactly, and how long after it.
  var acksFrame = 0
  var ackRTT: Int64 = 0
  var duplicateACKNumber = 0
  var duplicateACKFrame = 0
  var bytesInFlight: UInt32 = 0
  var pushBytesSent: UInt32 = 0
  /// For a retransmission: time since, and frame of, the oldest unacknowledged segment.
  var rto: Int64 = 0
  var rtoFrame = 0
}

/// One unacknowledged segment (raw sequence numbers).
struct TCPUnackedSegment {
  var seq: UInt32
  var nextSeq: UInt32
  var frame: Int32
  var time: Int64
}

/// One direction's sequence-analysis state, as tshark keeps it. Sequence
/// and acknowledgment numbers are raw; 0 stands for "not seen yet", as in
/// tshark (so a flow whose numbers really are 0 is read as tshark reads it).
struct TCPFlowAnalysis {
  /// One past the highest sequence number sent, and when and in which frame it was reached.
  var nextSeq: UInt32 = 0
  var nextSeqFrame = 0
  var nextSeqTime: Int64 = 0
  /// The highest sequence number sent without a gap before it.
  var maxSeqToBeAcked: UInt32 = 0
  var lastACK: UInt32 = 0
  var lastACKTime: Int64 = 0
  /// The raw window of this direction's last segment; tshark starts it at 2³²-1.
  var window: UInt32 = .max
  /// -1 once an ACK beyond unseen data was reported, so that it is reported once.
  var duplicateACKs = 0
  var lastNonDuplicateACK = 0
  var lastSegmentFlags = TCPAnalysisFlags()
  /// Bytes in flight are shown only after an ACK from the other side.
  var bytesInFlightValid = true
  var pushBytesSent: UInt32 = 0
  var pushSetLast = false
  /// Set by a SYN, cleared by the first pure ACK: the window is not yet scaled.
  var isFirstACK = false
  /// SACK blocks of this direction's last segment (tshark keeps at most three).
  var sackBytes: UInt32 = 0
  /// Newest last; at most `maximumUnacked`, as in tshark.
  var unacked: [TCPUnackedSegment] = []

  static let maximumUnacked = 10_000
}

/// The analysis state of one TCP conversation: both directions, the
/// handshake's timing and tshark's conversation completeness. A class, so
/// that the conversation table's entry is updated in place. Its stored
/// properties skip run-time exclusivity checks: only the dissector that
/// owns the conversation table touches them.
final class TCPConversationAnalysis {
  /// The two directions, in the order of the conversation's key: each is
  /// changed in place (two properties, so both can be `inout` at once).
  @exclusivity(unchecked) var forwardFlow = TCPFlowAnalysis()
  @exclusivity(unchecked) var reverseFlow = TCPFlowAnalysis()
  /// When the latest SYN (without ACK) was sent, and the handshake's RTT once its ACK came.
  var lastSYNTime: Int64 = 0
  var initialRTT: Int64 = 0
  /// tshark's `tcp.completeness` bits: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST.
  var completeness: UInt64 = 0
  /// Whether the conversation has had a packet (completeness starts on the first).
  var started = false
}

/// One segment as the analysis reads it: raw numbers and the raw window.
struct TCPAnalyzedSegment {
  var seq: UInt32
  var ack: UInt32
  var length: UInt32
  var flags: UInt16
  var window: UInt32
  var frame: Int
  var time: Int64
  /// This direction's base sequence number (relative numbers count from it).
  var base: UInt32
  /// The other direction's window-scale shift as tshark holds it (-1 unknown, -2 none).
  var reverseScale: Int
  /// The bytes this segment's SACK blocks cover (its first three, as tshark keeps).
  var sackBytes: UInt32
}

extension TCPConversationAnalysis {
  private static func greater(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: b &- a) < 0 }
  private static func less(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) < 0 }
  private static func lessOrEqual(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) <= 0 }

  /// Runs tshark's `tcp_analyze_sequence_number` on one segment sent in
  /// the `forward` direction and returns what it found (nil when tshark
  /// records nothing for it). `preset` carries flags already decided
  /// (reused ports). Without `measuresFlight`, bytes in flight and since
  /// the last PSH are left out, and with them the answer tshark gives a
  /// segment for those alone: for questions that read neither, nor
  /// whether a segment has an analysis (`TCP.inFlight`).
  func analyze(
    _ s: TCPAnalyzedSegment, forward: Bool, preset: TCPAnalysisFlags, measuresFlight: Bool
  ) -> TCPSegmentAnalysis? {
    forward
      ? analyze(s, fwd: &forwardFlow, rev: &reverseFlow, preset: preset, measuresFlight: measuresFlight)
      : analyze(s, fwd: &reverseFlow, rev: &forwardFlow, preset: preset, measuresFlight: measuresFlight)
  }

  private func analyze(
    _ s: TCPAnalyzedSegment, fwd: inout TCPFlowAnalysis, rev: inout TCPFlowAnalysis, preset: TCPAnalysisFlags,
    measuresFlight: Bool
  ) -> TCPSegmentAnalysis? {
    let syn = s.flags & TCP.flagSYN != 0
    let fin = s.flags & TCP.flagFIN != 0
    let rst = s.flags & TCP.flagRST != 0
    let isACK = s.flags & TCP.flagACK != 0
    let control = syn || fin || rst
    var result: TCPSegmentAnalysis? = preset.isEmpty ? nil : TCPSegmentAnalysis(flags: preset)
    func mark(_ flag: TCPAnalysisFlags) {
      if result == nil { result = TCPSegmentAnalysis() }
      result!.flags.insert(flag)
    }
    var flags: TCPAnalysisFlags { result?.flags ?? [] }

    if isACK { rev.bytesInFlightValid = true }

    checks: do {
      if s.length == 1 && s.seq == fwd.nextSeq && rev.window == 0 {
        mark(.zeroWindowProbe)
        break checks
      }
      if s.window == 0 && !control { mark(.zeroWindow) }
      if fwd.nextSeq != 0 && Self.greater(s.seq, fwd.nextSeq) && !rst {
        mark(.lostSegment)
        fwd.bytesInFlightValid = false
      }
      if s.length <= 1 && s.seq == fwd.nextSeq &- 1 && !control { mark(.keepAlive) }
      let repeatsACK = s.length == 0 && s.seq == fwd.nextSeq && s.ack == fwd.lastACK && !control
      if repeatsACK && s.window != 0 && s.window != fwd.window { mark(.windowUpdate) }
      if s.length > 0 && s.reverseScale != -1 && !control {
        let shift = rev.isFirstACK || s.reverseScale == -2 ? 0 : UInt32(s.reverseScale)
        if s.seq &+ s.length == rev.lastACK &+ (rev.window << shift) { mark(.windowFull) }
      }
      if repeatsACK && s.window != 0 && s.window == fwd.window && rev.lastSegmentFlags.contains(.keepAlive) {
        mark(.keepAliveACK)
        break checks
      }
      if repeatsACK && s.window == 0 && fwd.window == 0 && rev.lastSegmentFlags.contains(.zeroWindowProbe) {
        mark(.zeroWindowProbeACK)
        break checks
      }
      if repeatsACK && s.window != 0 && s.window == fwd.window {
        fwd.duplicateACKs = fwd.duplicateACKs == -1 ? 1 : fwd.duplicateACKs + 1
        mark(.duplicateACK)
        result!.duplicateACKNumber = fwd.duplicateACKs
        result!.duplicateACKFrame = fwd.lastNonDuplicateACK
      }
    }
    if s.ack != fwd.lastACK {
      fwd.lastNonDuplicateACK = s.frame
      fwd.duplicateACKs = 0
    }

    if rev.maxSeqToBeAcked != 0 && Self.greater(s.ack, rev.maxSeqToBeAcked) && isACK {
      if result == nil { result = TCPSegmentAnalysis() }
      if Self.less(rev.maxSeqToBeAcked, rev.nextSeq) {
        // The other side's data up to its highest now counts as seen.
        rev.maxSeqToBeAcked = rev.nextSeq
        mark(.ackLostSegment)
      } else {
        // Reported once for the same gap, until the other side acknowledges something new.
        if rev.duplicateACKs == 0 { mark(.ackLostSegment) }
        rev.duplicateACKs = -1
      }
    }

    if s.length > 0 || syn || fin, !flags.contains(.keepAlive), let resent = classifyResend(s, fwd: fwd, rev: rev) {
      mark(resent.kind)
      result!.rto = resent.rto
      result!.rtoFrame = resent.rtoFrame
    }

    var nextSeq = s.seq &+ s.length
    // As in tshark, a SYN or FIN counts only while the list has room.
    if (s.length > 0 || syn || fin) && fwd.unacked.count < TCPFlowAnalysis.maximumUnacked {
      if syn || fin { nextSeq &+= 1 }
      fwd.unacked.append(
        TCPUnackedSegment(seq: s.seq, nextSeq: nextSeq, frame: Int32(truncatingIfNeeded: s.frame), time: s.time))
    }
    let probe = flags.contains(.zeroWindowProbe)
    if (Self.greater(nextSeq, fwd.nextSeq) || fwd.nextSeq == 0) && !probe {
      fwd.nextSeq = nextSeq
      fwd.nextSeqFrame = s.frame
      fwd.nextSeqTime = s.time
    }
    if (s.seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe {
      fwd.maxSeqToBeAcked = fwd.nextSeq
    }
    fwd.window = s.window
    fwd.lastACK = s.ack
    fwd.lastACKTime = s.time
    fwd.lastSegmentFlags = flags

    acknowledge(s, in: &rev, result: &result)
    if measuresFlight { bytesInFlight(s, fwd: &fwd, rev: rev, result: &result) }

    // After the analysis, as tshark: the handshake's timing, and whether
    // the window is read unscaled, and the SACK blocks the other side's
    // bytes in flight will subtract.
    if syn {
      fwd.isFirstACK = true
      if !isACK { lastSYNTime = s.time }
    } else if isACK {
      if lastSYNTime != 0 && initialRTT == 0 { initialRTT = s.time &- lastSYNTime }
      fwd.isFirstACK = false
    }
    fwd.sackBytes = s.sackBytes
    return result
  }

  /// Retransmission, fast retransmission, spurious retransmission or out of
  /// order, for a segment that carries data, a SYN or a FIN; for a
  /// retransmission, also the time since the segment it likely repeats.
  private func classifyResend(
    _ s: TCPAnalyzedSegment, fwd: TCPFlowAnalysis, rev: TCPFlowAnalysis
  ) -> (kind: TCPAnalysisFlags, rto: Int64, rtoFrame: Int)? {
    var notAdvanced = fwd.nextSeq != 0 && Self.less(s.seq, fwd.nextSeq)
    // New data right after a possible zero-window probe's byte.
    if s.length > 1 && fwd.nextSeq &- 1 == s.seq { notAdvanced = false }
    if s.length > 0 && rev.lastACK != 0 && Self.lessOrEqual(s.seq &+ s.length, rev.lastACK) {
      return (.spuriousRetransmission, 0, 0)
    }
    // tshark's default (`tcp.fastrt_supersedes_ooo`): fast retransmission
    // first. tshark keeps the count unsigned, so the -1 left by an ACK of
    // an unseen segment counts as at least two.
    let sinceDuplicateACK = UInt64(bitPattern: s.time &- rev.lastACKTime)
    let duplicateACKs = UInt32(truncatingIfNeeded: rev.duplicateACKs)
    if notAdvanced && duplicateACKs >= 2 && rev.lastACK == s.seq && sinceDuplicateACK < 20_000_000 {
      return (.fastRetransmission, 0, 0)
    }
    let sinceHighest = UInt64(bitPattern: s.time &- fwd.nextSeqTime)
    let threshold = initialRTT == 0 ? 3_000_000 : UInt64(bitPattern: initialRTT)
    let controls: UInt32 = s.flags & (TCP.flagSYN | TCP.flagFIN) != 0 ? 1 : 0
    if notAdvanced && sinceHighest < threshold && fwd.nextSeq != s.seq &+ s.length &+ controls {
      return (.outOfOrder, 0, 0)
    }
    guard notAdvanced else { return nil }
    // The oldest unacknowledged segment is the likeliest original.
    if let oldest = fwd.unacked.first { return (.retransmission, s.time &- oldest.time, Int(oldest.frame)) }
    return (.retransmission, s.time &- fwd.nextSeqTime, fwd.nextSeqFrame)
  }

  /// Drops the other direction's segments this ACK covers, noting the
  /// one it acknowledges exactly (tshark walks newest first and keeps the
  /// last match: the oldest), and trims one it covers in part. The list
  /// is compacted in place, keeping its storage.
  private func acknowledge(_ s: TCPAnalyzedSegment, in rev: inout TCPFlowAnalysis, result: inout TCPSegmentAnalysis?) {
    guard !rev.unacked.isEmpty else { return }
    var matched: TCPUnackedSegment?
    var kept = 0
    for index in rev.unacked.indices {
      var segment = rev.unacked[index]
      if s.ack == segment.nextSeq {
        if matched == nil { matched = segment }
      } else if Self.greater(segment.nextSeq, s.ack) {
        if Self.greater(s.ack, segment.seq) { segment.seq = s.ack }
        rev.unacked[kept] = segment
        kept += 1
      }
    }
    if kept < rev.unacked.count { rev.unacked.removeLast(rev.unacked.count - kept) }
    if let matched {
      if result == nil { result = TCPSegmentAnalysis() }
      result!.acksFrame = Int(matched.frame)
      result!.ackRTT = s.time &- matched.time
    }
  }

  /// Bytes in flight and bytes since the last PSH, for a segment with
  /// data: the span of this direction's unacknowledged segments, less what
  /// the other side's last SACK blocks said it holds.
  private func bytesInFlight(
    _ s: TCPAnalyzedSegment, fwd: inout TCPFlowAnalysis, rev: TCPFlowAnalysis, result: inout TCPSegmentAnalysis?
  ) {
    guard s.length != 0, !fwd.unacked.isEmpty, fwd.bytesInFlightValid else { return }
    // Compared relative to the direction's base, as tshark compares them.
    var first = UInt32.max
    var last: UInt32 = 0
    for segment in fwd.unacked {
      first = min(first, segment.seq &- s.base)
      last = max(last, segment.nextSeq &- s.base)
    }
    let inFlight = last &- first &- rev.sackBytes
    if result == nil { result = TCPSegmentAnalysis() }
    if inFlight > 0 && inFlight < 2_000_000_000 {
      result!.bytesInFlight = inFlight &- (s.flags & (TCP.flagSYN | TCP.flagFIN) != 0 ? 1 : 0)
    }
    let push = s.flags & TCP.flagPSH != 0
    if push && !fwd.pushSetLast {
      fwd.pushBytesSent &+= s.length
    } else if push || fwd.pushSetLast {
      fwd.pushBytesSent = s.length
    } else {
      fwd.pushBytesSent &+= s.length
    }
    fwd.pushSetLast = push
    result!.pushBytesSent = fwd.pushBytesSent
  }

  /// The conversation's completeness before this segment (what tshark
  /// shows on it), then updated with it; `reopened` when the segment is a
  /// SYN that opened a new conversation on ports an earlier one used.
  func advanceCompleteness(flags: UInt16, length: UInt32, reopened: Bool) -> UInt64 {
    let syn = flags & TCP.flagSYN != 0
    let isACK = flags & TCP.flagACK != 0
    if reopened {
      completeness = 1
      started = true
    }
    guard started else {
      started = true
      if syn && !isACK { completeness = length > 0 ? 1 | 8 : 1 }
      return 0
    }
    let shown = completeness
    if syn && isACK { completeness |= 2 }
    if isACK && !syn { completeness |= length > 0 ? 8 : 4 }
    if flags & TCP.flagFIN != 0 && isACK { completeness |= 16 }
    if flags & TCP.flagRST != 0 { completeness |= 32 }
    return shown
  }
}
