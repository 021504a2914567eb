/// One SCTP chunk's own fields, after its type, flags and length.
struct SCTPChunk {
  let c: LayerCursor
  let start: Int
  let length: Int
  let flags: UInt8
  let conversation: ConversationKey
  let forward: Bool

  /// Records the chunk's fields; answers where a DATA chunk's payload goes.
  func fields(_ type: UInt8) throws(DissectionStop) -> Next? {
    switch type {
    case SCTP.chunkData where length >= 16:
      for (field, mask) in [(SCTP.dataIBit, 0x08), (.dataUBit, 0x04), (.dataBBit, 0x02), (.dataEBit, 0x01)] as [(SCTP, UInt8)] {
        try c.add(field, at: start + 1, 1, value: UInt64(flags & mask), depth: 3)
      }
      let tsn = try c.uint32(start + 4)
      let base = c.state.sctpTSNBases.base(conversation, forward: forward, first: tsn)
      try c.add(SCTP.dataTSN, at: start + 4, 4, value: UInt64(tsn &- base), depth: 2)
      try c.add(SCTP.dataTSNRaw, at: start + 4, 4, value: UInt64(tsn), depth: 2)
      try uint(.dataStreamID, at: 8, 2)
      try uint(.dataStreamSequence, at: 10, 2)
      try uint(.dataPayloadProtocolID, at: 12, 4)
      guard length > 16 else { return nil }
      return .data(at: c.start + start + 16, end: c.start + start + length)
    case SCTP.chunkInit where length >= 20, SCTP.chunkInitAck where length >= 20:
      try uint(.initInitiateTag, at: 4, 4)
      try uint(.initCredit, at: 8, 4)
      try uint(.initOutboundStreams, at: 12, 2)
      try uint(.initInboundStreams, at: 14, 2)
      let initial = try c.uint32(start + 16)
      c.state.sctpTSNBases.set(conversation, forward: forward, initial)
      try uint(.initInitialTSN, at: 16, 4)
    case SCTP.chunkSack where length >= 16:
      let ack = try c.uint32(start + 4)
      let base = c.state.sctpTSNBases.base(conversation, forward: !forward, first: ack)
      try c.add(SCTP.sackCumulativeTSNAck, at: start + 4, 4, value: UInt64(ack &- base), depth: 2)
      try c.add(SCTP.sackCumulativeTSNAckRaw, at: start + 4, 4, value: UInt64(ack), depth: 2)
      try uint(.sackReceiverWindow, at: 8, 4)
      try uint(.sackGapBlocks, at: 12, 2)
      try uint(.sackDuplicateTSNs, at: 14, 2)
    case SCTP.chunkAbort:
      try c.add(SCTP.abortTBit, at: start + 1, 1, value: UInt64(flags & 1), depth: 3)
    case SCTP.chunkShutdown where length >= 8:
      try uint(.shutdownCumulativeTSNAck, at: 4, 4)
    case SCTP.chunkCookieEcho where length > 4:
      try c.add(SCTP.cookie, at: start + 4, length - 4, depth: 2)
    default:
      break
    }
    return nil
  }

  private func uint(_ field: SCTP, at offset: Int, _ count: Int) throws(DissectionStop) {
    try c.add(field, at: start + offset, count, value: try c.uint(start + offset, count), depth: 2)
  }
}

/// The TSN each side of an association started from, which relative TSNs
/// count from: the INIT's initial TSN, else the first TSN seen. Forgets
/// everything past `limit` sides.
struct SCTPTSNBases {
  struct Side: Hashable {
    var conversation: ConversationKey
    var forward: Bool
  }

  static let limit = 4096
  private var bases: [Side: UInt32] = [:]

  mutating func set(_ conversation: ConversationKey, forward: Bool, _ base: UInt32) {
    if bases.count >= Self.limit { bases.removeAll() }
    bases[Side(conversation: conversation, forward: forward)] = base
  }

  mutating func base(_ conversation: ConversationKey, forward: Bool, first: UInt32) -> UInt32 {
    let side = Side(conversation: conversation, forward: forward)
    if let base = bases[side] { return base }
    set(conversation, forward: forward, first)
    return first
  }
}
