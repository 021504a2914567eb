import PacketWire

/// Datagram Transport Layer Security (RFC 6347, RFC 9147's 1.2 records) as
/// Wireshark 4.0 dissects it: each record's 13-byte header (content type,
/// version, epoch, sequence number, length), alerts, and each handshake
/// message's 12-byte header. A message whole in its record is read by TLS's
/// `TLSHandshakeReader` into `dtls.*` fields of the same names as TLS's;
/// fragments of a message are not put back together. Records of a later
/// epoch are encrypted and shown as such.
enum DTLS: UInt8, ProtocolModule {
  case item, recordContentType, recordVersion, recordEpoch, recordSequenceNumber, recordLength, alertLevel,
    alertDescription, handshakeType, handshakeLength, messageSequence, fragmentOffset, fragmentLength,
    cookieLength, cookie, handshakeVersion, random, randomTime, randomBytes, sessionIDLength, sessionID,
    cipherSuitesLength, cipherSuite, compressionMethodsLength, compressionMethod, extensionsLength,
    extensionType, extensionLength, serverNameListLength, serverNameType, serverNameLength, serverName,
    supportedGroupsLength, supportedGroup, ecPointFormatsLength, ecPointFormat, signatureAlgorithmsLength,
    signatureAlgorithm, signatureHash, signatureSignature, alpnLength, alpnStringLength, alpnString,
    supportedVersionsLength, supportedVersion, keyShareClientLength, keyShareGroup, keyShareExchangeLength,
    keyShareExchange, keyShareSelectedGroup, renegotiationInfoLength, certificatesLength, certificateLength,
    certificate, ja3Full, ja3, ja3sFull, ja3s, applicationData

  static var protocolID: ProtocolID { .dtls }
  static var level: LayerLevel { .application }
  /// The UDP ports tshark 4.0 gives DTLS (`tshark -G decodes`).
  static let bindings: [Binding] = [853, 2221, 5684, 5868].map { Binding(.udpPort, $0) }
  static let heuristicTables: [DispatchTable] = [.udpPort]
  static let headerBits = 13 * 8
  static let variablePart: String? = "Fragment"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dtls", "Datagram Transport Layer Security")
    case .recordContentType: .uint("dtls.record.content_type", "Content Type", at: 0, bytes: 1, values: .tlsContentTypes)
    case .recordVersion: .uint("dtls.record.version", "Version", at: 1, bytes: 2, base: .hex, values: .tlsVersions)
    case .recordEpoch: .uint("dtls.record.epoch", "Epoch", at: 3, bytes: 2)
    case .recordSequenceNumber: .uint("dtls.record.sequence_number", "Sequence Number", at: 5, bytes: 6)
    case .recordLength: .uint("dtls.record.length", "Length", at: 11, bytes: 2)
    case .alertLevel: .loose("dtls.alert_message.level", "Level", .uint(bytes: 1), values: .tlsAlertLevels)
    case .alertDescription: .loose("dtls.alert_message.desc", "Description", .uint(bytes: 1), values: .tlsAlertDescriptions)
    case .handshakeType: .loose("dtls.handshake.type", "Handshake Type", .uint(bytes: 1), values: .tlsHandshakeTypes)
    case .handshakeLength: .loose("dtls.handshake.length", "Length", .uint(bytes: 3))
    case .messageSequence: .loose("dtls.handshake.message_seq", "Message Sequence", .uint(bytes: 2))
    case .fragmentOffset: .loose("dtls.handshake.fragment_offset", "Fragment Offset", .uint(bytes: 3))
    case .fragmentLength: .loose("dtls.handshake.fragment_length", "Fragment Length", .uint(bytes: 3))
    case .cookieLength: .loose("dtls.handshake.cookie_length", "Cookie Length", .uint(bytes: 1))
    case .cookie: .loose("dtls.handshake.cookie", "Cookie", .bytes)
    case .applicationData: .loose("dtls.app_data", "Encrypted Application Data", .bytes)
    default:
      // The rest are TLS's fields under `dtls.`.
      Self.renamed(tlsField.map(\.declaration) ?? .protocolItem("dtls", ""))
    }
  }

  static let contentChangeCipherSpec: UInt8 = 20
  static let contentAlert: UInt8 = 21
  static let contentHandshake: UInt8 = 22
  static let contentApplicationData: UInt8 = 23
  static let handshakeHelloVerifyRequest: UInt8 = 3
  static let recordHeaderLength = 13
  static let messageHeaderLength = 12

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = conversationKey(c)
    var version = key.flatMap { c.state.dtlsVersions[$0] } ?? 0
    defer {
      if let key { c.state.dtlsVersions[key] = version }
      c.dissection.setLayerItemValue(UInt64(version))
    }
    var chain: [ProtocolID] = []
    defer { for proto in chain { c.listInChain(proto) } }
    var offset = 0
    while c.length - offset >= recordHeaderLength {
      guard let next = try record(c, at: offset, &version, chain: &chain) else { break }
      offset = next
    }
    return .stop
  }

  /// One record; answers where the next starts, or nil when the walk ends.
  private static func record(
    _ c: LayerCursor, at offset: Int, _ version: inout UInt16, chain: inout [ProtocolID]
  ) throws(DissectionStop) -> Int? {
    let type = try c.uint8(offset)
    guard type >= contentChangeCipherSpec && type <= 24 else { return nil }
    try c.add(recordContentType, at: offset, 1, value: UInt64(type), depth: 2)
    let recordVersion = try c.uint16(offset + 1)
    try c.add(DTLS.recordVersion, at: offset + 1, 2, value: UInt64(recordVersion), depth: 2)
    let epoch = try c.uint16(offset + 3)
    try c.add(recordEpoch, at: offset + 3, 2, value: UInt64(epoch), depth: 2)
    try c.add(recordSequenceNumber, at: offset + 5, 6, value: try c.uint(offset + 5, 6), depth: 2)
    let length = Int(try c.uint16(offset + 11))
    try c.add(recordLength, at: offset + 11, 2, value: UInt64(length), depth: 2)
    let body = offset + recordHeaderLength
    switch type {
    case contentAlert where epoch == 0 && length == 2:
      try c.add(alertLevel, at: body, 1, value: UInt64(try c.uint8(body)), depth: 3)
      try c.add(alertDescription, at: body + 1, 1, value: UInt64(try c.uint8(body + 1)), depth: 3)
    case contentHandshake where epoch == 0:
      try handshake(c, from: body, to: body + length, recordVersion: recordVersion, &version, chain: &chain)
    case contentApplicationData:
      try c.add(applicationData, at: body, length, depth: 2)
    default:
      try c.check(body, length)
    }
    return body + length
  }

  /// The handshake messages of a record: each one's header, and its body
  /// when the record holds it whole.
  private static func handshake(
    _ c: LayerCursor, from start: Int, to end: Int, recordVersion: UInt16, _ version: inout UInt16,
    chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    var offset = start
    while end - offset >= messageHeaderLength {
      let type = try c.uint8(offset)
      let length = Int(try c.uint(offset + 1, 3))
      let fragmentStart = Int(try c.uint(offset + 6, 3))
      let fragmentSize = Int(try c.uint(offset + 9, 3))
      try c.add(handshakeType, at: offset, 1, value: UInt64(type), depth: 3)
      try c.add(handshakeLength, at: offset + 1, 3, value: UInt64(length), depth: 3)
      try c.add(messageSequence, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)), depth: 3)
      try c.add(fragmentOffset, at: offset + 6, 3, value: UInt64(fragmentStart), depth: 3)
      try c.add(fragmentLength, at: offset + 9, 3, value: UInt64(fragmentSize), depth: 3)
      let body = offset + messageHeaderLength
      try c.check(body, fragmentSize)
      if type == handshakeHelloVerifyRequest && version == 0 { version = recordVersion }
      if fragmentStart == 0 && fragmentSize == length {
        if type == TLSHandshakeType.serverHello, length >= 2 { version = try c.uint16(body) }
        let source = TLSBytes(c.bytes.slice(body, min(length, c.capturedLength - body)), reported: length, origin: body)
        try messageBody(c, type: type, source, version: version, chain: &chain)
      } else if let key = fragmentKey(c, sequence: try c.uint16(offset + 4)),
        let whole = c.state.dtlsFragments.add(key, length: length, offset: fragmentStart, c.bytes.slice(body, fragmentSize).copyBytes())
      {
        // The last fragment: the message put back together, its fields copied.
        if type == TLSHandshakeType.serverHello, whole.count >= 2 { version = UInt16(whole[0]) << 8 | UInt16(whole[1]) }
        var failure: DissectionStop?
        whole.withUnsafeBytes { raw in
          do throws(DissectionStop) {
            try messageBody(c, type: type, TLSBytes(detached: ByteView(raw)), version: version, chain: &chain)
          } catch {
            failure = error
          }
        }
        if let failure { throw failure }
      }
      offset = body + fragmentSize
    }
  }

  /// A whole message's body: Hello Verify Request's here, the rest by TLS's reader.
  private static func messageBody(
    _ c: LayerCursor, type: UInt8, _ source: TLSBytes, version: UInt16, chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    let length = source.reported
    if type == handshakeHelloVerifyRequest {
      if let origin = source.origin {
        try c.add(handshakeVersion, at: origin, 2, value: UInt64(try source.uint16(0)), depth: 3)
      }
      _ = try cookie(c, source, at: 2, depth: 3)
      return
    }
    var reader = TLSHandshakeReader(source: source, transport: .dtls, depth: 2)
    reader.fields = { field in fromTLS[Int(field.rawValue)].map(\.fieldID) }
    var conversation = TLSConversation()
    conversation.version = tlsVersion(version)
    try reader.messageBody(c, type: type, from: 0, to: length, &conversation, chain: &chain)
  }

  /// The TLS version a DTLS version stands for (1.0 for 1.1, 1.2 for 1.2),
  /// which says how TLS's reader reads later messages.
  private static func tlsVersion(_ version: UInt16) -> UInt16 {
    switch version {
    case 0xfeff, 0x0100: 0x0302
    case 0xfefd: 0x0303
    default: 0
    }
  }

  /// A ClientHello's or Hello Verify Request's cookie: its length and bytes.
  /// Answers where what follows starts (in `source`).
  static func cookie(_ c: LayerCursor, _ source: TLSBytes, at offset: Int, depth: UInt8) throws(DissectionStop) -> Int {
    let length = Int(try source.uint8(offset))
    try source.check(offset + 1, length)
    if let origin = source.origin {
      try c.add(cookieLength, at: origin + offset, 1, value: UInt64(length), depth: depth)
      if length > 0 { try c.add(cookie, at: origin + offset + 1, length, depth: depth) }
    } else {
      // A message put back together from fragments: the values are copied.
      try c.add(cookieLength, at: 0, 0, value: UInt64(length), depth: depth)
      if length > 0 {
        c.computed(cookie, at: 0, 0, bytes: source.view.slice(offset + 1, length).copyBytes(), depth: depth)
      }
    }
    return offset + 1 + length
  }

  /// The UDP conversation the datagram belongs to, which keeps the version.
  private static func conversationKey(_ c: LayerCursor) -> ConversationKey? { conversation(c)?.key }

  private static func conversation(_ c: LayerCursor) -> (key: ConversationKey, forward: Bool)? {
    guard let udp = c.dissection.layers.last(where: { $0.protocolID == .udp }),
      let source = c.packet.uint16(at: udp.start), let destination = c.packet.uint16(at: udp.start + 2)
    else { return nil }
    let made = ConversationKey.make(c.state.networkSource, source, c.state.networkDestination, destination)
    return (made.0, made.forward)
  }

  /// Where a fragment of message `sequence` of this direction is kept.
  private static func fragmentKey(_ c: LayerCursor, sequence: UInt16) -> DTLSFragments.Key? {
    conversation(c).map { DTLSFragments.Key(conversation: $0.key, forward: $0.forward, sequence: sequence) }
  }
}
