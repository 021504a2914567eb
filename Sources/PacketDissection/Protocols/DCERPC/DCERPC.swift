/// DCE/RPC (C706, with Microsoft's extensions in MS-RPCE): the
/// connection-oriented PDUs on TCP (port 135, and wherever Wireshark's
/// heuristic finds version 5.0 or 5.1 headers) and the connectionless ones
/// on UDP (version 4). Integers follow the sender's data representation:
/// little-endian when the first byte of `drep` says so.
///
/// Bind, Alter_context and their acks are read through their
/// presentation context items; a request's or response's stub data is not
/// taken apart. An authentication verifier's NTLMSSP token is read, and
/// with TCP reassembly an SPNEGO one is handed on (`spnegoToken`). Every
/// PDU of the segment is dissected, each after the one before.
enum DCERPC: UInt8, ProtocolModule {
  case item, version, versionMinor, packetType
  case flags, flagObject, flagMaybe, flagDidNotExecute, flagMultiplex, flagReserved, flagCancelPending, flagLastFragment,
    flagFirstFragment
  case dataRepresentation, byteOrder, character, floatingPoint
  case fragmentLength, authLength, callID
  case maxTransmit, maxReceive, associationGroup, contextItemCount, contextID, transferItemCount
  case interfaceVersion, interfaceVersionMinor, transferVersion
  case secondaryAddressLength, secondaryAddress, resultCount, ackResult, ackReason, ackTransferVersion
  case allocationHint, opnum, cancelCount, status
  case authType, authLevel, authPadLength, authReserved, authContextID
  case datagramFlags1, datagramFlags2, serialHigh, datagramInterfaceVersion, sequenceNumber, interfaceHint,
    activityHint, datagramFragmentLength, fragmentNumber, authProtocol, serialLow
  case unknownInterface, interfaceUUID, interfaceMajorVersion

  static var protocolID: ProtocolID { .dcerpc }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, 135), Binding(.udpPort, 135)]
  static var heuristicTables: [DispatchTable] { [.udpPort, .tcpPort] }
  /// The connection-oriented common header (C706 section 12.6.3.1).
  static let headerBits = 16 * 8
  static var variablePart: String? { "PDU body and authentication verifier" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC)")
    case .version: .uint("dcerpc.ver", "Version", at: 0, bytes: 1)
    case .versionMinor: .uint("dcerpc.ver_minor", "Version (minor)", at: 1, bytes: 1)
    case .packetType: .uint("dcerpc.pkt_type", "Packet type", at: 2, bytes: 1, values: .dcerpcPacketTypes)
    case .flags: .uint("dcerpc.cn_flags", "Packet Flags", at: 3, bytes: 1, base: .hex)
    case .flagObject: .flag("dcerpc.cn_flags.object", "Object", at: 3, bytes: 1, mask: 0x80)
    case .flagMaybe: .flag("dcerpc.cn_flags.maybe", "Maybe", at: 3, bytes: 1, mask: 0x40)
    case .flagDidNotExecute:
      .flag("dcerpc.cn_flags.dne", "Did Not Execute", at: 3, bytes: 1, mask: 0x20, abbreviation: "DNE")
    case .flagMultiplex:
      .flag("dcerpc.cn_flags.mpx", "Multiplex", at: 3, bytes: 1, mask: 0x10, abbreviation: "MPX")
    case .flagReserved: .flag("dcerpc.cn_flags.reserved", "Reserved", at: 3, bytes: 1, mask: 0x08, abbreviation: "R")
    case .flagCancelPending:
      .flag("dcerpc.cn_flags.cancel_pending", "Cancel Pending", at: 3, bytes: 1, mask: 0x04, abbreviation: "CP")
    case .flagLastFragment:
      .flag("dcerpc.cn_flags.last_frag", "Last Frag", at: 3, bytes: 1, mask: 0x02, abbreviation: "LF")
    case .flagFirstFragment:
      .flag("dcerpc.cn_flags.first_frag", "First Frag", at: 3, bytes: 1, mask: 0x01, abbreviation: "FF")
    case .dataRepresentation: .fixed("dcerpc.drep", "Data Representation", .bytes, at: 4, bytes: 4)
    case .byteOrder: .loose("dcerpc.drep.byteorder", "Byte order", .uint(bytes: 1), values: .dcerpcByteOrders)
    case .character: .loose("dcerpc.drep.character", "Character", .uint(bytes: 1), values: .dcerpcCharacters)
    case .floatingPoint: .loose("dcerpc.drep.fp", "Floating-point", .uint(bytes: 1), values: .dcerpcFloats)
    case .fragmentLength: .uint("dcerpc.cn_frag_len", "Frag Length", at: 8, bytes: 2)
    case .authLength: .uint("dcerpc.cn_auth_len", "Auth Length", at: 10, bytes: 2)
    case .callID: .uint("dcerpc.cn_call_id", "Call ID", at: 12, bytes: 4)
    case .maxTransmit: .loose("dcerpc.cn_max_xmit", "Max Xmit Frag", .uint(bytes: 2))
    case .maxReceive: .loose("dcerpc.cn_max_recv", "Max Recv Frag", .uint(bytes: 2))
    case .associationGroup: .loose("dcerpc.cn_assoc_group", "Assoc Group", .uint(bytes: 4), base: .hex)
    case .contextItemCount: .loose("dcerpc.cn_num_ctx_items", "Num Ctx Items", .uint(bytes: 1))
    case .contextID: .loose("dcerpc.cn_ctx_id", "Context ID", .uint(bytes: 2))
    case .transferItemCount: .loose("dcerpc.cn_num_trans_items", "Num Trans Items", .uint(bytes: 1))
    case .interfaceVersion: .loose("dcerpc.cn_bind_if_ver", "Interface Ver", .uint(bytes: 2))
    case .interfaceVersionMinor: .loose("dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor", .uint(bytes: 2))
    case .transferVersion: .loose("dcerpc.cn_bind_trans_ver", "ver", .uint(bytes: 4))
    case .secondaryAddressLength: .loose("dcerpc.cn_sec_addr_len", "Scndry Addr len", .uint(bytes: 2))
    case .secondaryAddress: .loose("dcerpc.cn_sec_addr", "Scndry Addr", .string)
    case .resultCount: .loose("dcerpc.cn_num_results", "Num results", .uint(bytes: 1))
    case .ackResult: .loose("dcerpc.cn_ack_result", "Ack result", .uint(bytes: 2), values: .dcerpcAckResults)
    case .ackReason: .loose("dcerpc.cn_ack_reason", "Ack reason", .uint(bytes: 2), values: .dcerpcAckReasons)
    case .ackTransferVersion: .loose("dcerpc.cn_ack_trans_ver", "Syntax ver", .uint(bytes: 4))
    case .allocationHint: .loose("dcerpc.cn_alloc_hint", "Alloc hint", .uint(bytes: 4))
    case .opnum: .loose("dcerpc.opnum", "Opnum", .uint(bytes: 2))
    case .cancelCount: .loose("dcerpc.cn_cancel_count", "Cancel count", .uint(bytes: 1))
    case .status: .loose("dcerpc.cn_status", "Status", .uint(bytes: 4), base: .hex, values: .dcerpcStatuses)
    case .authType: .loose("dcerpc.auth_type", "Auth type", .uint(bytes: 1), values: .dcerpcAuthTypes)
    case .authLevel: .loose("dcerpc.auth_level", "Auth level", .uint(bytes: 1), values: .dcerpcAuthLevels)
    case .authPadLength: .loose("dcerpc.auth_pad_len", "Auth pad len", .uint(bytes: 1))
    case .authReserved: .loose("dcerpc.auth_rsrvd", "Auth Rsrvd", .uint(bytes: 1))
    case .authContextID: .loose("dcerpc.auth_ctx_id", "Auth Context ID", .uint(bytes: 4))
    case .datagramFlags1: .loose("dcerpc.dg_flags1", "Flags1", .uint(bytes: 1), base: .hex)
    case .datagramFlags2: .loose("dcerpc.dg_flags2", "Flags2", .uint(bytes: 1), base: .hex)
    case .serialHigh: .loose("dcerpc.dg_serial_hi", "Serial High", .uint(bytes: 1), base: .hex)
    case .datagramInterfaceVersion: .loose("dcerpc.dg_if_ver", "Interface Ver", .uint(bytes: 4))
    case .sequenceNumber: .loose("dcerpc.dg_seqnum", "Sequence num", .uint(bytes: 4))
    case .interfaceHint: .loose("dcerpc.dg_ihint", "Interface Hint", .uint(bytes: 2), base: .hex)
    case .activityHint: .loose("dcerpc.dg_ahint", "Activity Hint", .uint(bytes: 2), base: .hex)
    case .datagramFragmentLength: .loose("dcerpc.dg_frag_len", "Fragment len", .uint(bytes: 2))
    case .fragmentNumber: .loose("dcerpc.dg_frag_num", "Fragment num", .uint(bytes: 2))
    case .authProtocol: .loose("dcerpc.dg_auth_proto", "Auth proto", .uint(bytes: 1), values: .dcerpcAuthTypes)
    case .serialLow: .loose("dcerpc.dg_serial_lo", "Serial Low", .uint(bytes: 1), base: .hex)
    case .unknownInterface:
      .loose("dcerpc.unknown_if_id", "Unknown DCERPC interface id", .boolean(bytes: 1))
    case .interfaceUUID: .loose("dcerpc.interface_uuid", "Interface UUID", .string)
    case .interfaceMajorVersion: .loose("dcerpc.interface_ver", "Interface Ver", .uint(bytes: 2))
    }
  }

  static let request: UInt8 = 0
  static let response: UInt8 = 2
  static let fault: UInt8 = 3
  static let bind: UInt8 = 11
  static let bindAck: UInt8 = 12
  static let alterContext: UInt8 = 14
  static let alterContextResponse: UInt8 = 15
  static let auth3: UInt8 = 16
  static let lastConnectionType: UInt8 = 20
  /// The authentication type of NTLMSSP (MS-RPCE section 2.2.1.1.7).
  static let ntlmssp: UInt64 = 10
  /// The authentication type of SPNEGO.
  static let spnego: UInt8 = 9
  /// The authentication level that encrypts the stub (packet privacy).
  static let privacy: UInt8 = 6
  static let lastDatagramType: UInt8 = 10
  static let datagramHeaderLength = 80
  /// Connections remembered past this many are forgotten, all at once.
  static let largestConnectionCount = 65_536

  /// Whether the payload at `offset` of the transport layer `c` starts a
  /// PDU Wireshark's heuristic takes: a connection-oriented header of
  /// version 5.0 or 5.1 on TCP, a connectionless one of version 4 on UDP,
  /// with a data representation it knows.
  static func claims(_ c: LayerCursor, at offset: Int, tcp: Bool) -> Bool {
    let start = c.start + offset
    let packet = c.packet
    guard let version = packet.uint8(at: start), let kind = packet.uint8(at: start + 2 - (tcp ? 0 : 1)) else {
      return false
    }
    if tcp {
      guard packet.count >= start + 16, version == 5, let minor = packet.uint8(at: start + 1), minor <= 1,
        kind <= lastConnectionType, let drep = packet.uint8(at: start + 4), drep & 0xee == 0,
        let floating = packet.uint8(at: start + 5), floating <= 3
      else { return false }
      return true
    }
    guard packet.count >= start + datagramHeaderLength, version == 4, kind <= lastDatagramType,
      let drep = packet.uint8(at: start + 4), drep & 0xee == 0, let floating = packet.uint8(at: start + 5),
      floating <= 3
    else { return false }
    return true
  }

  /// Whether the TCP segment belongs to a connection DCE/RPC was found
  /// on: Wireshark then hands it all the connection's segments.
  static func ownsConnection(_ c: LayerCursor) -> Bool {
    guard !c.state.dcerpcConnections.isEmpty, let key = connection(c) else { return false }
    return c.state.dcerpcConnections.contains(key)
  }

  private static func connection(_ c: LayerCursor) -> ConversationKey? {
    guard let (source, destination) = TCPSegment.ports(c) else { return nil }
    return ConversationKey.make(c.state.networkSource, source, c.state.networkDestination, destination).0
  }

  /// Reports the PDU's fragment length to TCP's PDU tracking, as
  /// Wireshark's `tcp_dissect_pdus` does whatever the bytes: the length is
  /// read before the header is checked.
  private static func trackPDU(_ c: LayerCursor) {
    // Shorter than the common header: tshark's TCP refuses the PDU.
    if let length = pduLength(c), length >= 16 { TCPSegment.pdu(c, at: 0, length: length) }
  }

  /// The fragment length of the PDU the layer starts with, in the byte
  /// order its data representation gives.
  private static func pduLength(_ c: LayerCursor) -> Int? {
    guard let drep = try? c.uint8(4), let raw = try? c.uint16(8) else { return nil }
    return Int(drep >> 4 == 1 ? raw.byteSwapped : raw)
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let layers = c.dissection.layers
    if layers.count >= 2, layers[layers.count - 2].protocolID == .udp { return try DCERPCDatagram.dissect(&c) }
    // A further PDU of a segment (`Next.furtherPDU`) is over TCP too.
    let tcp = layers.last?.listed == false || (layers.count >= 2 && layers[layers.count - 2].protocolID == .tcp)
    if tcp { trackPDU(c) }
    // A segment of a DCE/RPC connection that starts no PDU: Wireshark's
    // dissector takes it and shows nothing, not even data.
    guard claims(c, at: 0, tcp: true) else {
      c.withdrawn = true
      return .stop
    }
    if tcp, let key = connection(c) {
      if c.state.dcerpcConnections.count >= largestConnectionCount { c.state.dcerpcConnections.removeAll() }
      c.state.dcerpcConnections.insert(key)
    }
    // Its header was captured (`claims`).
    let pduLength = pduLength(c) ?? 0
    // With reassembly, a PDU cut short waits for the segments with the
    // rest, showing nothing.
    if c.canDesegment, pduLength > c.capturedLength {
      c.needMore(at: 0, pduLength - c.capturedLength)
      c.withdrawn = true
      return .stop
    }
    if tcp, pduLength >= 16 { TCPSegment.dissectsPDU(c, at: 0, length: pduLength) }
    // Several PDUs may share a segment: tshark reads each in turn.
    let next: Next =
      tcp && pduLength >= 16 && pduLength < c.length ? .furtherPDU(.dcerpc, at: c.start + pduLength, end: c.end) : .stop
    try c.fixed(version)
    try c.fixed(versionMinor)
    let kind = UInt8(try c.fixed(packetType))
    try c.fixed(flags)
    for bit in [flagObject, .flagMaybe, .flagDidNotExecute, .flagMultiplex, .flagReserved, .flagCancelPending,
      .flagLastFragment, .flagFirstFragment]
    {
      try c.fixed(bit, depth: 2)
    }
    let reader = try representation(&c, at: 4)
    let length = try reader.uint16(8)
    try c.add(fragmentLength, at: 8, 2, value: UInt64(length), flags: reader.flags)
    let authSize = try reader.uint16(10)
    try c.add(authLength, at: 10, 2, value: UInt64(authSize), flags: reader.flags)
    try c.add(callID, at: 12, 4, value: UInt64(try reader.uint32(12)), flags: reader.flags)
    // The TCP connection, also under SMB2's pipes (whose file ids pktsh
    // does not tell apart).
    let key = connection(c)
    let call = try reader.uint32(12)
    let firstFragment = try c.uint8(3) & 0x01 != 0
    c.limit(to: Int(length))
    // A PDU that runs on past the segment: tshark's reading of its body
    // fails there ("Unreassembled Packet").
    if c.capturedLength < Int(length) { throw .truncated }
    switch kind {
    case bind, alterContext:
      try DCERPCContexts.bind(&c, reader, connection: key)
    case bindAck, alterContextResponse:
      try DCERPCContexts.bindAck(&c, reader)
    case request:
      try c.add(allocationHint, at: 16, 4, value: UInt64(try reader.uint32(16)), flags: reader.flags)
      let context = try reader.uint16(20)
      try c.add(contextID, at: 20, 2, value: UInt64(context), flags: reader.flags)
      let operation = try reader.uint16(22)
      try c.add(opnum, at: 22, 2, value: UInt64(operation), flags: reader.flags)
      if let key, let interface = c.state.dcerpcBindings.request(key, call: call, context: context, opnum: operation),
        firstFragment
      {
        handOff(&c, interface)
      }
    case response, fault:
      try c.add(allocationHint, at: 16, 4, value: UInt64(try reader.uint32(16)), flags: reader.flags)
      try c.add(contextID, at: 20, 2, value: UInt64(try reader.uint16(20)), flags: reader.flags)
      try c.add(cancelCount, at: 22, 1, value: UInt64(try c.uint8(22)))
      let matched = key.flatMap { c.state.dcerpcBindings.call($0, call) }
      if let matched { c.generated(opnum, value: UInt64(matched.opnum)) }
      if kind == fault {
        try c.add(status, at: 24, 4, value: UInt64(try reader.uint32(24)), flags: reader.flags)
      } else if let matched, firstFragment {
        handOff(&c, matched.interface)
      }
    default:
      break
    }
    if authSize > 0, Int(length) >= 16 + 8 + Int(authSize) {
      try verifier(&c, reader, at: Int(length) - Int(authSize) - 8)
      if try c.uint8(Int(length) - Int(authSize) - 8) == ntlmssp {
        try NTLMSSP.read(inside: c, at: Int(length) - Int(authSize), Int(authSize))
      }
      spnegoToken(c, kind: kind, at: Int(length) - Int(authSize) - 8, size: Int(authSize))
    }
    return next
  }

  /// An SPNEGO verifier's token, as tshark 4.0 reads it when TCP hands
  /// it the PDU with reassembly on (with it off, tshark leaves it): a
  /// bind's, alter context's, their acks' and AUTH3's go to SPNEGO; a
  /// request's or response's Kerberos token to SPNEGO's Kerberos reader,
  /// listed twice when the stub is encrypted (tshark also hands it the
  /// stub to decrypt). Call it after the layer's last field.
  private static func spnegoToken(_ c: LayerCursor, kind: UInt8, at offset: Int, size: Int) {
    guard c.canDesegment, (try? c.uint8(offset)) == spnego, let level = try? c.uint8(offset + 1) else { return }
    let start = c.start + offset + 8
    switch kind {
    case bind, bindAck, alterContext, alterContextResponse, auth3:
      c.runAbove(.layer(.spnego, at: start, end: start + size))
    case request, response:
      // A Kerberos token: a GSS-API framed one, or a CFX wrap or MIC token.
      guard let first = try? c.uint8(offset + 8), let second = try? c.uint8(offset + 9),
        first == 0x60 || (second == 0x04 && (first == 0x04 || first == 0x05))
      else { return }
      c.runAbove(.layer(.spnegoKRB5, at: start, end: start + size))
      if level == privacy, c.dissection.layers.last?.protocolID == .spnegoKRB5 { c.listInChain(.spnegoKRB5) }
    default:
      break
    }
  }

  /// Where Wireshark hands a call's stub to the bound interface's
  /// dissector: every interface's is disabled in pktsh's reading, so it
  /// marks the interface unknown and Info names it (`RPC_NETLOGON V1`);
  /// the interface is kept, hidden, for the summary.
  private static func handOff(_ c: inout LayerCursor, _ interface: DCERPCBindings.Interface) {
    try? c.add(unknownInterface, at: 0, 0, value: 1, flags: .hidden)
    c.computed(interfaceUUID, at: 0, 0, bytes: interface.uuid.utf8, flags: [.hidden, .generated])
    try? c.add(interfaceMajorVersion, at: 0, 0, value: UInt64(interface.version), flags: [.hidden, .generated])
  }

  /// The data representation's bytes and their meaning; answers a reader
  /// for the integers that follow.
  static func representation(_ c: inout LayerCursor, at offset: Int, size: Int = 4) throws(DissectionStop)
    -> DCERPCReader
  {
    try c.check(offset, size)
    let first = try c.uint8(offset)
    try c.add(dataRepresentation, at: offset, size)
    try c.add(byteOrder, at: offset, 1, value: UInt64(first >> 4), depth: 2)
    try c.add(character, at: offset, 1, value: UInt64(first & 0x0f), depth: 2)
    try c.add(floatingPoint, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: 2)
    return DCERPCReader(cursor: c, littleEndian: first >> 4 == 1)
  }

  /// The authentication verifier's header (C706 section 13.2.6.1).
  private static func verifier(_ c: inout LayerCursor, _ reader: DCERPCReader, at offset: Int) throws(DissectionStop) {
    try c.add(authType, at: offset, 1, value: UInt64(try c.uint8(offset)))
    try c.add(authLevel, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)))
    try c.add(authPadLength, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)))
    try c.add(authReserved, at: offset + 3, 1, value: UInt64(try c.uint8(offset + 3)))
    try c.add(authContextID, at: offset + 4, 4, value: UInt64(try reader.uint32(offset + 4)), flags: reader.flags)
  }
}

/// Reads a PDU's integers in the sender's byte order.
struct DCERPCReader {
  let cursor: LayerCursor
  let littleEndian: Bool

  /// What a field's record says of its byte order, for the tree.
  var flags: FieldRecord.Flags { littleEndian ? .littleEndian : FieldRecord.Flags() }

  func uint16(_ offset: Int) throws(DissectionStop) -> UInt16 {
    let value = try cursor.uint16(offset)
    return littleEndian ? value.byteSwapped : value
  }

  func uint32(_ offset: Int) throws(DissectionStop) -> UInt32 {
    let value = try cursor.uint32(offset)
    return littleEndian ? value.byteSwapped : value
  }

  /// A UUID as text: its first three parts in the sender's byte order.
  func uuid(_ offset: Int) throws(DissectionStop) -> String {
    let a = try uint32(offset)
    let b = try uint16(offset + 4)
    let c = try uint16(offset + 6)
    var text = hex(UInt64(a), 8) + "-" + hex(UInt64(b), 4) + "-" + hex(UInt64(c), 4) + "-"
    for i in 8..<16 {
      if i == 10 { text += "-" }
      text += hex(UInt64(try cursor.uint8(offset + i)), 2)
    }
    return text
  }

  private func hex(_ value: UInt64, _ width: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
