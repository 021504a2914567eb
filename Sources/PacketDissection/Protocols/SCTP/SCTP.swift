/// Stream Control Transmission Protocol (RFC 9260), IP protocol 132, as
/// Wireshark 4.0 shows it: the 12-byte common header, then each chunk's
/// type, flags and length, and the fields of DATA, INIT, INIT ACK, SACK,
/// ABORT and SHUTDOWN chunks. Transmission sequence numbers are also
/// shown relative to the first one each side used. The first DATA chunk's
/// payload is handed on as data (no payload protocol is dissected).
enum SCTP: UInt8, ProtocolModule {
  case item, srcport, dstport, port, verificationTag, checksum, chunkType, chunkFlags, chunkLength, dataIBit,
    dataUBit, dataBBit, dataEBit, dataTSN, dataTSNRaw, dataStreamID, dataStreamSequence, dataPayloadProtocolID,
    initInitiateTag, initCredit, initOutboundStreams, initInboundStreams, initInitialTSN, sackCumulativeTSNAck,
    sackCumulativeTSNAckRaw, sackReceiverWindow, sackGapBlocks, sackDuplicateTSNs, abortTBit,
    shutdownCumulativeTSNAck, cookie

  static var protocolID: ProtocolID { .sctp }
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.ipProto, 132)]
  static let headerBits = 12 * 8
  static let variablePart: String? = "Chunks"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("sctp", "Stream Control Transmission Protocol")
    case .srcport: .uint("sctp.srcport", "Source port", at: 0, bytes: 2)
    case .dstport: .uint("sctp.dstport", "Destination port", at: 2, bytes: 2)
    case .port: .loose("sctp.port", "Port", .uint(bytes: 2))
    case .verificationTag: .uint("sctp.verification_tag", "Verification tag", at: 4, bytes: 4, base: .hex)
    case .checksum: .uint("sctp.checksum", "Checksum", at: 8, bytes: 4, base: .hex)
    case .chunkType: .loose("sctp.chunk_type", "Chunk type", .uint(bytes: 1), values: .sctpChunkTypes)
    case .chunkFlags: .loose("sctp.chunk_flags", "Chunk flags", .uint(bytes: 1), base: .hex)
    case .chunkLength: .loose("sctp.chunk_length", "Chunk length", .uint(bytes: 2))
    case .dataIBit: .loose("sctp.data_i_bit", "I-Bit", .boolean(bytes: 1), mask: 0x08)
    case .dataUBit: .loose("sctp.data_u_bit", "U-Bit", .boolean(bytes: 1), mask: 0x04)
    case .dataBBit: .loose("sctp.data_b_bit", "B-Bit", .boolean(bytes: 1), mask: 0x02)
    case .dataEBit: .loose("sctp.data_e_bit", "E-Bit", .boolean(bytes: 1), mask: 0x01)
    case .dataTSN: .loose("sctp.data_tsn", "Transmission sequence number (relative)", .uint(bytes: 4))
    case .dataTSNRaw: .loose("sctp.data_tsn_raw", "Transmission sequence number (absolute)", .uint(bytes: 4))
    case .dataStreamID: .loose("sctp.data_sid", "Stream identifier", .uint(bytes: 2), base: .hex)
    case .dataStreamSequence: .loose("sctp.data_ssn", "Stream sequence number", .uint(bytes: 2))
    case .dataPayloadProtocolID: .loose("sctp.data_payload_proto_id", "Payload protocol identifier", .uint(bytes: 4))
    case .initInitiateTag: .loose("sctp.init_initiate_tag", "Initiate tag", .uint(bytes: 4), base: .hex)
    case .initCredit: .loose("sctp.init_credit", "Advertised receiver window credit (a_rwnd)", .uint(bytes: 4))
    case .initOutboundStreams: .loose("sctp.init_nr_out_streams", "Number of outbound streams", .uint(bytes: 2))
    case .initInboundStreams: .loose("sctp.init_nr_in_streams", "Number of inbound streams", .uint(bytes: 2))
    case .initInitialTSN: .loose("sctp.init_initial_tsn", "Initial TSN", .uint(bytes: 4))
    case .sackCumulativeTSNAck: .loose("sctp.sack_cumulative_tsn_ack", "Cumulative TSN ACK (relative)", .uint(bytes: 4))
    case .sackCumulativeTSNAckRaw:
      .loose("sctp.sack_cumulative_tsn_ack_raw", "Cumulative TSN ACK (absolute)", .uint(bytes: 4))
    case .sackReceiverWindow: .loose("sctp.sack_a_rwnd", "Advertised receiver window credit (a_rwnd)", .uint(bytes: 4))
    case .sackGapBlocks: .loose("sctp.sack_number_of_gap_blocks", "Number of gap acknowledgement blocks", .uint(bytes: 2))
    case .sackDuplicateTSNs: .loose("sctp.sack_number_of_duplicated_tsns", "Number of duplicated TSNs", .uint(bytes: 2))
    case .abortTBit: .loose("sctp.abort_t_bit", "T-Bit", .boolean(bytes: 1), mask: 0x01)
    case .shutdownCumulativeTSNAck: .loose("sctp.shutdown_cumulative_tsn_ack", "Cumulative TSN Ack", .uint(bytes: 4))
    case .cookie: .loose("sctp.cookie", "Cookie", .bytes)
    }
  }

  static let chunkData: UInt8 = 0
  static let chunkInit: UInt8 = 1
  static let chunkInitAck: UInt8 = 2
  static let chunkSack: UInt8 = 3
  static let chunkAbort: UInt8 = 6
  static let chunkShutdown: UInt8 = 7
  static let chunkCookieEcho: UInt8 = 10

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let source = try c.fixed(srcport)
    let destination = try c.fixed(dstport)
    try c.add(port, at: 0, 2, value: source, flags: .hidden)
    try c.add(port, at: 2, 2, value: destination, flags: .hidden)
    try c.fixed(verificationTag)
    try c.fixed(checksum)
    let conversation = ConversationKey.make(
      c.state.networkSource, UInt16(source), c.state.networkDestination, UInt16(destination))
    var next = Next.stop
    var offset = 12
    while c.length - offset >= 4 {
      let type = try c.uint8(offset)
      let flags = try c.uint8(offset + 1)
      let length = Int(try c.uint16(offset + 2))
      try c.add(chunkType, at: offset, 1, value: UInt64(type), depth: 2)
      try c.add(chunkFlags, at: offset + 1, 1, value: UInt64(flags), depth: 2)
      try c.add(chunkLength, at: offset + 2, 2, value: UInt64(length), depth: 2)
      guard length >= 4 else { throw .malformed }
      try c.check(offset, length)
      let chunk = SCTPChunk(c: c, start: offset, length: length, flags: flags, conversation: conversation.0, forward: conversation.forward)
      if let payload = try chunk.fields(type), case .stop = next { next = payload }
      // Chunks are padded to four bytes; the last one's padding may be missing.
      offset += (length + 3) & ~3
    }
    return next
  }
}
