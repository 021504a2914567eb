/// What SIP remembers across UDP datagrams, as Wireshark's `sip_hash`:
/// for each call and direction (Call-ID, addresses and ports), the last
/// transaction's CSeq, method, state and first frame. A request seen again
/// with the same CSeq is a resend; a final response seen again with the
/// same code is one too; a response is matched with the request of its
/// transaction sent the other way.
final class SIPTransactions {
  struct Key: Hashable {
    var callID: [UInt8]
    var source: NetworkAddress
    var destination: NetworkAddress
    var sourcePort: UInt16
    var destinationPort: UInt16
  }

  enum State { case nothingSeen, requestSeen, provisionalResponseSeen, finalResponseSeen }

  struct Transaction {
    var cseq: UInt32
    var method: [UInt8]
    var state = State.nothingSeen
    var frame = 0
    var requestTime: Int64 = 0
    var responseCode = 0
  }

  /// Calls tracked at most; past it, the oldest half is forgotten.
  static let limit = 65_536
  private var calls: [Key: Transaction] = [:]
  /// What each frame found, so that a frame dissected again finds the same.
  private var results: [Int: Match] = [:]

  struct Match {
    /// The frame this message resends.
    var resendOf: Int?
    /// The request a response answers, and the time since it in milliseconds.
    var request: (frame: Int, milliseconds: Int64)?
  }

  /// The resend and request a message matches; nothing over TCP, or
  /// without a CSeq.
  static func match(
    _ c: LayerCursor, callID: [UInt8], cseq: UInt32?, method: [UInt8], isRequest: Bool, statusCode: Int
  ) -> Match {
    guard let cseq, let udp = c.dissection.layers.last(where: { $0.protocolID == .udp }), udp.start < c.start,
      let sourcePort = c.packet.uint16(at: udp.start), let destinationPort = c.packet.uint16(at: udp.start + 2)
    else { return Match() }
    let frame = c.dissection.frame
    let table = c.state.sipTransactions
    if let known = table.results[frame.number] { return known }
    // Wireshark keeps at most 127 bytes of the Call-ID.
    let key = Key(
      callID: Array(callID.prefix(127)), source: c.state.networkSource, destination: c.state.networkDestination,
      sourcePort: sourcePort, destinationPort: destinationPort)
    var result = Match()
    // An ACK finds the request its call's last transaction this way began with.
    if isRequest, method.elementsEqual("ACK".utf8), let t = table.calls[key], t.frame > 0 {
      result.request = (t.frame, milliseconds(from: t.requestTime, to: frame.time))
    }
    result.resendOf = table.resend(key, cseq: cseq, method: method, isRequest: isRequest, statusCode: statusCode, frame: frame)
    if !isRequest {
      let reverse = Key(
        callID: key.callID, source: key.destination, destination: key.source, sourcePort: key.destinationPort,
        destinationPort: key.sourcePort)
      if let t = table.calls[reverse], t.cseq == cseq, t.state == .requestSeen, t.method == method, t.frame > 0 {
        result.request = (t.frame, milliseconds(from: t.requestTime, to: frame.time))
      }
    }
    if table.results.count >= limit { table.results.removeAll() }
    table.results[frame.number] = result
    return result
  }

  /// The milliseconds between two times, from their seconds and
  /// nanoseconds apart, as Wireshark subtracts them.
  private static func milliseconds(from start: Int64, to end: Int64) -> Int64 {
    let seconds = end / 1_000_000_000 - start / 1_000_000_000
    let nanoseconds = end % 1_000_000_000 - start % 1_000_000_000
    return seconds * 1000 + nanoseconds / 1_000_000
  }

  private func resend(
    _ key: Key, cseq: UInt32, method: [UInt8], isRequest: Bool, statusCode: Int, frame: FrameInfo
  ) -> Int? {
    var compared: UInt32 = 0
    var t: Transaction
    if let known = calls[key] {
      t = known
      compared = t.cseq
      if cseq != t.cseq {
        t = Transaction(cseq: cseq, method: method)
        if isRequest { t.requestTime = frame.time }
      }
    } else {
      if calls.count >= SIPTransactions.limit { calls.removeAll() }
      t = Transaction(cseq: cseq, method: method)
      if isRequest { t.requestTime = frame.time }
    }
    var result = 0
    let isAckOrCancel = method.elementsEqual("ACK".utf8) || method.elementsEqual("CANCEL".utf8)
    if isRequest, cseq == compared, t.state == .requestSeen, method == t.method, !isAckOrCancel {
      result = t.frame
    }
    if !isRequest, cseq == compared, t.state == .finalResponseSeen, method == t.method, statusCode >= 200,
      statusCode == t.responseCode
    {
      result = t.frame
    }
    if isRequest {
      t.state = .requestSeen
      if result == 0 {
        t.frame = frame.number
        t.requestTime = frame.time
      }
    } else if statusCode >= 200 {
      t.responseCode = statusCode
      t.state = .finalResponseSeen
      if result == 0 { t.frame = frame.number }
    } else {
      t.state = .provisionalResponseSeen
    }
    calls[key] = t
    return result > 0 ? result : nil
  }
}
