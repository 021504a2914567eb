import PacketWire

/// QUIC (RFC 9000; version 2, RFC 9369; the IETF drafts): every packet of
/// a datagram (coalesced packets each show their header), long and short
/// headers, connection IDs, and the Initial packets opened with the keys
/// their connection's first Destination Connection ID gives (RFC 9001
/// section 5), as Wireshark does: then the packet number and the frames.
/// CRYPTO frames' data is handed on, in order, as Wireshark hands it to
/// TLS (`handOn`). A short header's Destination Connection ID is as long
/// as the ID its connection chose, which only the connection remembers
/// (`QUICConnections`, in `DissectionState`).
///
/// Like Wireshark 4.0, QUIC binds to no port: it is found by its heuristic
/// (`heuristic`) on any UDP port no other protocol claims, 443 included.
///
/// Nothing is decrypted unless the question reads a field of the opened
/// payload (`decrypts`): `count quic` reads headers only.
enum QUIC: UInt8, ProtocolModule {
  case item, connectionNumber, packetLength, headerForm, fixedBit, spinBit, longPacketType, longPacketTypeV2,
    longReserved, packetNumberLength, version, dcil, dcid, scil, scid, supportedVersion, tokenLength, token,
    length, packetNumber, payload, remainingPayload, retryToken, retryIntegrityTag, frameType, paddingLength,
    ackLargest, ackDelay, ackRangeCount, ackFirstRange, ackGap, ackRange, ackECT0, ackECT1, ackECNCE,
    cryptoOffset, cryptoLength, newTokenLength, newToken, closeErrorCode, closeApplicationErrorCode,
    closeFrameType, closeReasonLength, closeReason

  static var protocolID: ProtocolID { .quic }
  static var level: LayerLevel { .application }
  static let heuristicTables: [DispatchTable] = [.udpPort]
  /// The long header's fixed part: first byte, version, DCID length.
  static let headerBits = 48
  static let variablePart: String? = "Connection IDs, Token, Length, Packet Number, Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("quic", "QUIC IETF")
    case .connectionNumber: .loose("quic.connection.number", "Connection Number", .uint(bytes: 4))
    case .packetLength: .loose("quic.packet_length", "Packet Length", .uint(bytes: 4))
    case .headerForm: .uint("quic.header_form", "Header Form", at: 0, bytes: 1, mask: 0x80, abbreviation: "H", values: .quicHeaderForms)
    case .fixedBit: .flag("quic.fixed_bit", "Fixed Bit", at: 0, bytes: 1, mask: 0x40, abbreviation: "F", values: .quicTrueFalse)
    case .spinBit: .loose("quic.spin_bit", "Spin Bit", .boolean(bytes: 1), mask: 0x20, values: .quicTrueFalse)
    case .longPacketType: .uint("quic.long.packet_type", "Packet Type", at: 0, bytes: 1, mask: 0x30, abbreviation: "T", values: .quicPacketTypes)
    case .longPacketTypeV2: .loose("quic.long.packet_type_v2", "Packet Type", .uint(bytes: 1), mask: 0x30, values: .quicPacketTypesV2)
    case .longReserved: .uint("quic.long.reserved", "Reserved", at: 0, bytes: 1, mask: 0x0c, abbreviation: "R")
    case .packetNumberLength: .uint("quic.packet_number_length", "Packet Number Length", at: 0, bytes: 1, mask: 0x03, abbreviation: "P", values: .quicPacketNumberLengths)
    case .version: .uint("quic.version", "Version", at: 1, bytes: 4, base: .hex, values: .quicVersions)
    case .dcil: .uint("quic.dcil", "Destination Connection ID Length", at: 5, bytes: 1, abbreviation: "DCID Len")
    case .dcid: .loose("quic.dcid", "Destination Connection ID", .bytes)
    case .scil: .loose("quic.scil", "Source Connection ID Length", .uint(bytes: 1))
    case .scid: .loose("quic.scid", "Source Connection ID", .bytes)
    case .supportedVersion: .loose("quic.supported_version", "Supported Version", .uint(bytes: 4), base: .hex, values: .quicVersions)
    case .tokenLength: .loose("quic.token_length", "Token Length", .uint(bytes: 8))
    case .token: .loose("quic.token", "Token", .bytes)
    case .length: .loose("quic.length", "Length", .uint(bytes: 8), blurb: "Length of Packet Number and Payload fields")
    case .packetNumber: .loose("quic.packet_number", "Packet Number", .uint(bytes: 8))
    case .payload: .loose("quic.payload", "Payload", .bytes, blurb: "The encrypted payload of a packet that was opened")
    case .remainingPayload: .loose("quic.remaining_payload", "Remaining Payload", .bytes, blurb: "Bytes of a packet that were not opened")
    case .retryToken: .loose("quic.retry_token", "Retry Token", .bytes)
    case .retryIntegrityTag: .loose("quic.retry_integrity_tag", "Retry Integrity Tag", .bytes)
    // tshark -T fields prints this BASE_HEX range-string field in decimal.
    case .frameType: .loose("quic.frame_type", "Frame Type", .uint(bytes: 8), values: .quicFrameTypes)
    case .paddingLength: .loose("quic.padding_length", "Padding Length", .uint(bytes: 4))
    case .ackLargest: .loose("quic.ack.largest_acknowledged", "Largest Acknowledged", .uint(bytes: 8))
    case .ackDelay: .loose("quic.ack.ack_delay", "ACK Delay", .uint(bytes: 8))
    case .ackRangeCount: .loose("quic.ack.ack_range_count", "ACK Range Count", .uint(bytes: 8))
    case .ackFirstRange: .loose("quic.ack.first_ack_range", "First ACK Range", .uint(bytes: 8))
    case .ackGap: .loose("quic.ack.gap", "Gap", .uint(bytes: 8))
    case .ackRange: .loose("quic.ack.ack_range", "ACK Range", .uint(bytes: 8))
    case .ackECT0: .loose("quic.ack.ect0_count", "ECT(0) Count", .uint(bytes: 8))
    case .ackECT1: .loose("quic.ack.ect1_count", "ECT(1) Count", .uint(bytes: 8))
    case .ackECNCE: .loose("quic.ack.ecn_ce_count", "ECN-CE Count", .uint(bytes: 8))
    case .cryptoOffset: .loose("quic.crypto.offset", "Offset", .uint(bytes: 8))
    case .cryptoLength: .loose("quic.crypto.length", "Length", .uint(bytes: 8))
    case .newTokenLength: .loose("quic.nt.length", "(Token) Length", .uint(bytes: 8))
    case .newToken: .loose("quic.nt.token", "Token", .bytes)
    case .closeErrorCode: .loose("quic.cc.error_code", "Error code", .uint(bytes: 8))
    case .closeApplicationErrorCode: .loose("quic.cc.error_code.app", "Application Error code", .uint(bytes: 8))
    case .closeFrameType: .loose("quic.cc.frame_type", "Frame Type", .uint(bytes: 8))
    case .closeReasonLength: .loose("quic.cc.reason_phrase.length", "Reason phrase Length", .uint(bytes: 8))
    case .closeReason: .loose("quic.cc.reason_phrase", "Reason phrase", .string)
    }
  }

  /// Fields read from opened payloads, and those that show what they hold
  /// (TLS's, which the CRYPTO data fills): asking for any of them makes the
  /// dissector open Initial packets.
  static let payloadFields: [FieldID] =
    ([longReserved, packetNumberLength, packetNumber, payload, remainingPayload] + QUIC.allCases.filter { $0.rawValue >= frameType.rawValue }).map(\.fieldID)
    + [Frame.protocols.fieldID, PayloadData.data.fieldID, PayloadData.len.fieldID] + TLS.allCases.map(\.fieldID)

  static func decrypts(_ c: LayerCursor) -> Bool { payloadFields.contains { c.wants($0) } }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var walk = QUICDatagram(c, decrypts: decrypts(c))
    var failure: DissectionStop?
    do {
      try walk.packets()
    } catch {
      failure = error
    }
    for piece in walk.handedOn { handOn(c, piece.bytes, at: piece.at, piece.count) }
    if let failure { throw failure }
    return .stop
  }

  /// CRYPTO data, in order and cut to whole handshake messages, for the
  /// layer above: the one place that hands it on, to TLS's handshake reader
  /// as tshark 4.0 does (the ClientHello's server name, JA3 and JA4 of a
  /// QUIC connection). `at` and `count` are the bytes of this packet it
  /// came from; a piece that completes no message still shows the layer.
  static func handOn(_ c: LayerCursor, _ bytes: [UInt8], at offset: Int, _ count: Int) {
    c.addInnerProtocol(.tls, at: offset, count)
    bytes.withUnsafeBytes { raw in
      // A message the data cuts off is skipped; what came before it stays.
      try? TLS.dissectHandshakeMessages(c, TLSBytes(detached: ByteView(raw)), depth: 2)
    }
  }

  /// Whether a UDP payload that no port claims is QUIC, as Wireshark's
  /// heuristic decides: a long header of a QUIC version, or a short header
  /// whose Destination Connection ID a known connection chose.
  static func heuristic(udp c: LayerCursor, at offset: Int) -> Bool {
    let connections = c.state.quicConnections
    if !connections.isEmpty {
      let place = QUICPlace(c.state, source: (try? c.uint16(0)) ?? 0, destination: (try? c.uint16(2)) ?? 0)
      // Wireshark hands the rest of a conversation it found QUIC in to QUIC.
      if connections.holds(place.conversation) { return true }
      if c.capturedLength - offset >= 1 + 4 + 1 + 16, c.packet.byte(c.start + offset) & 0x80 == 0 {
        var prefix: [UInt8] = []
        for i in 1...18 { prefix.append(c.packet.byte(c.start + offset + i)) }
        return connections.findShort(prefix, conversation: place.conversation, source: place.source) != nil
      }
    }
    // A long header of a known version, with connection ID lengths QUIC allows.
    guard c.capturedLength - offset >= 13, let first = try? c.uint8(offset), first & 0x80 != 0,
      let version = try? c.uint32(offset + 1), isQUICVersion(version),
      let dcidLength = try? c.uint8(offset + 5), dcidLength <= 20,
      let scidLength = try? c.uint8(offset + 6 + Int(dcidLength)), scidLength <= 20
    else { return false }
    return true
  }

  /// Versions Wireshark's heuristic takes for QUIC: 1, 2, drafts 11 and
  /// later, mvfst's, and those reserved to force version negotiation
  /// (0x?a?a?a?a, RFC 9000 section 15).
  static func isQUICVersion(_ version: UInt32) -> Bool {
    switch version {
    case QUICNames.version1, QUICNames.version2, 0xff00_000b...0xff00_00ff, 0xface_b001...0xface_b00f: true
    default: version & 0x0f0f_0f0f == 0x0a0a_0a0a
    }
  }
}
