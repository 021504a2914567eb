import PacketWire

/// Transport Layer Security (RFC 8446, RFC 5246) and SSL 3.0 records, as
/// Wireshark 4.0 dissects them, record after record. With TCP reassembly
/// (the default), a record the segment cuts off is asked for whole
/// (`LayerCursor.needMore`) and dissected at the segment that completes
/// it. Without, it is not dissected (tshark waits for reassembly that
/// never comes); a segment that starts inside a record is
/// `Continuation Data` or, once the connection's version is known, an
/// `Ignored Unknown Record`. Nothing is decrypted.
///
/// Handshake messages are read by `dissectHandshakeMessages`, which other
/// dissectors call on bytes that carry no record header (QUIC's CRYPTO
/// frames). The protocol item's value carries what the fields do not: the
/// version the Protocol column names and how the walk ended (see
/// `ItemValue`).
enum TLS: UInt8, ProtocolModule {
  case item, recordContentType, recordOpaqueType, recordVersion, recordLength, alertLevel, alertDescription,
    handshakeType, handshakeLength, handshakeVersion, random, randomTime, randomBytes, sessionIDLength, sessionID,
    cipherSuitesLength, cipherSuite, compressionMethodsLength, compressionMethod, extensionsLength, extensionType,
    extensionLength, serverNameListLength, serverNameType, serverNameLength, serverName, supportedGroupsLength,
    supportedGroup, ecPointFormatsLength, ecPointFormat, signatureAlgorithmsLength, signatureAlgorithm,
    signatureHash, signatureSignature, alpnLength, alpnStringLength, alpnString, supportedVersionsLength,
    supportedVersion, keyShareClientLength, keyShareGroup, keyShareExchangeLength, keyShareExchange,
    keyShareSelectedGroup, renegotiationInfoLength, certificatesLength, certificateLength, certificate,
    applicationData, cipherSpecLength, challengeLength, cipherSpec, ja3Full, ja3, ja3sFull, ja3s, ja4

  static var protocolID: ProtocolID { .tls }
  static var level: LayerLevel { .application }
  /// The TCP ports tshark 4.0 gives TLS (`tshark -G decodes`).
  static let bindings: [Binding] = [
    324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684,
    5868, 8883, 11207, 19999, 27017,
  ].map { Binding(.tcpPort, $0) }
  static let headerBits = 5 * 8
  static let variablePart: String? = "Fragment"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("tls", "Transport Layer Security")
    case .recordContentType: .uint("tls.record.content_type", "Content Type", at: 0, bytes: 1, values: .tlsContentTypes)
    case .recordOpaqueType:
      .loose("tls.record.opaque_type", "Opaque Type", .uint(bytes: 1), blurb: "A TLS 1.3 record's outer type", values: .tlsContentTypes)
    case .recordVersion: .uint("tls.record.version", "Version", at: 1, bytes: 2, base: .hex, values: .tlsVersions)
    case .recordLength: .uint("tls.record.length", "Length", at: 3, bytes: 2)
    case .alertLevel: .loose("tls.alert_message.level", "Level", .uint(bytes: 1), values: .tlsAlertLevels)
    case .alertDescription: .loose("tls.alert_message.desc", "Description", .uint(bytes: 1), values: .tlsAlertDescriptions)
    case .handshakeType: .loose("tls.handshake.type", "Handshake Type", .uint(bytes: 1), values: .tlsHandshakeTypes)
    case .handshakeLength: .loose("tls.handshake.length", "Length", .uint(bytes: 3))
    case .handshakeVersion: .loose("tls.handshake.version", "Version", .uint(bytes: 2), base: .hex, values: .tlsVersions)
    case .random: .loose("tls.handshake.random", "Random", .bytes)
    case .randomTime: .loose("tls.handshake.random_time", "GMT Unix Time", .absoluteTime)
    case .randomBytes: .loose("tls.handshake.random_bytes", "Random Bytes", .bytes)
    case .sessionIDLength: .loose("tls.handshake.session_id_length", "Session ID Length", .uint(bytes: 1))
    case .sessionID: .loose("tls.handshake.session_id", "Session ID", .bytes)
    case .cipherSuitesLength: .loose("tls.handshake.cipher_suites_length", "Cipher Suites Length", .uint(bytes: 2))
    case .cipherSuite: .loose("tls.handshake.ciphersuite", "Cipher Suite", .uint(bytes: 2), base: .hex, values: .tlsCipherSuites)
    case .compressionMethodsLength:
      .loose("tls.handshake.comp_methods_length", "Compression Methods Length", .uint(bytes: 1))
    case .compressionMethod:
      .loose("tls.handshake.comp_method", "Compression Method", .uint(bytes: 1), values: .tlsCompressionMethods)
    case .extensionsLength: .loose("tls.handshake.extensions_length", "Extensions Length", .uint(bytes: 2))
    case .extensionType: .loose("tls.handshake.extension.type", "Type", .uint(bytes: 2), values: .tlsExtensionTypes)
    case .extensionLength: .loose("tls.handshake.extension.len", "Length", .uint(bytes: 2))
    case .serverNameListLength:
      .loose("tls.handshake.extensions_server_name_list_len", "Server Name list length", .uint(bytes: 2))
    case .serverNameType:
      .loose("tls.handshake.extensions_server_name_type", "Server Name Type", .uint(bytes: 1), values: .tlsServerNameTypes)
    case .serverNameLength: .loose("tls.handshake.extensions_server_name_len", "Server Name length", .uint(bytes: 2))
    case .serverName: .loose("tls.handshake.extensions_server_name", "Server Name", .string)
    case .supportedGroupsLength:
      .loose("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", .uint(bytes: 2))
    case .supportedGroup:
      .loose("tls.handshake.extensions_supported_group", "Supported Group", .uint(bytes: 2), base: .hex, values: .tlsGroups)
    case .ecPointFormatsLength:
      .loose("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length", .uint(bytes: 1))
    case .ecPointFormat:
      .loose("tls.handshake.extensions_ec_point_format", "EC point format", .uint(bytes: 1), values: .tlsECPointFormats)
    case .signatureAlgorithmsLength:
      .loose("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length", .uint(bytes: 2))
    case .signatureAlgorithm:
      .loose("tls.handshake.sig_hash_alg", "Signature Algorithm", .uint(bytes: 2), base: .hex, values: .tlsSignatureSchemes)
    case .signatureHash: .loose("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash", .uint(bytes: 1), values: .tlsSignatureHashes)
    case .signatureSignature: .loose("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature", .uint(bytes: 1), values: .tlsSignatureSignatures)
    case .alpnLength: .loose("tls.handshake.extensions_alpn_len", "ALPN Extension Length", .uint(bytes: 2))
    case .alpnStringLength: .loose("tls.handshake.extensions_alpn_str_len", "ALPN string length", .uint(bytes: 1))
    case .alpnString: .loose("tls.handshake.extensions_alpn_str", "ALPN Next Protocol", .string)
    case .supportedVersionsLength:
      .loose("tls.handshake.extensions.supported_versions_len", "Supported Versions length", .uint(bytes: 1))
    case .supportedVersion:
      .loose("tls.handshake.extensions.supported_version", "Supported Version", .uint(bytes: 2), base: .hex, values: .tlsVersions)
    case .keyShareClientLength:
      .loose("tls.handshake.extensions_key_share_client_length", "Client Key Share Length", .uint(bytes: 2))
    case .keyShareGroup: .loose("tls.handshake.extensions_key_share_group", "Group", .uint(bytes: 2), values: .tlsGroups)
    case .keyShareExchangeLength:
      .loose("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length", .uint(bytes: 2))
    case .keyShareExchange: .loose("tls.handshake.extensions_key_share_key_exchange", "Key Exchange", .bytes)
    case .keyShareSelectedGroup:
      .loose("tls.handshake.extensions_key_share_selected_group", "Selected Group", .uint(bytes: 2), values: .tlsGroups)
    case .renegotiationInfoLength:
      .loose("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length", .uint(bytes: 1))
    case .certificatesLength: .loose("tls.handshake.certificates_length", "Certificates Length", .uint(bytes: 3))
    case .certificateLength: .loose("tls.handshake.certificate_length", "Certificate Length", .uint(bytes: 3))
    case .certificate: .loose("tls.handshake.certificate", "Certificate", .bytes)
    case .applicationData: .loose("tls.app_data", "Encrypted Application Data", .bytes)
    case .cipherSpecLength: .loose("tls.handshake.cipher_spec_len", "Cipher Spec Length", .uint(bytes: 2))
    case .challengeLength: .loose("tls.handshake.challenge_length", "Challenge Length", .uint(bytes: 2))
    case .cipherSpec: .loose("tls.handshake.cipherspec", "Cipher Spec", .uint(bytes: 3), base: .hex, values: .tlsCipherSpecs)
    case .ja3Full: .loose("tls.handshake.ja3_full", "JA3 Fullstring", .string)
    case .ja3: .loose("tls.handshake.ja3", "JA3", .string)
    case .ja3sFull: .loose("tls.handshake.ja3s_full", "JA3S Fullstring", .string)
    case .ja3s: .loose("tls.handshake.ja3s", "JA3S", .string)
    case .ja4:
      .loose("tls.handshake.ja4", "JA4", .string, blurb: "The ClientHello's JA4 fingerprint (FoxIO), as tshark 4.2 computes it")
    }
  }

  static let contentChangeCipherSpec: UInt8 = 20
  static let contentAlert: UInt8 = 21
  static let contentHandshake: UInt8 = 22
  static let contentApplicationData: UInt8 = 23
  static let contentHeartbeat: UInt8 = 24
  static let contentConnectionID: UInt8 = 25

  static func isValidContentType(_ type: UInt8) -> Bool { type >= 20 && type <= 24 }

  /// Whether Wireshark's TLS dissector refuses the bytes as text: more
  /// than four captured, the first four printable.
  static func refusesAsText(_ c: LayerCursor) -> Bool {
    c.capturedLength > 4 && (0..<4).allSatisfy { (0x20..<0x7f).contains(c.packet.byte(c.start + $0)) }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Directly over TCP, a connection HTTP's heuristic took stays HTTP's
    // (Wireshark's conversation dissector comes before the port's).
    let layers = c.dissection.layers
    let overTCP = layers.count >= 2 && layers[layers.count - 2].protocolID == .tcp
    if overTCP, HTTP.claimed(c.packet, at: c.start, end: c.end, dissection: c.dissection, state: c.state) {
      c.withdrawn = true
      return .layer(.http, at: c.start, end: c.end)
    }
    // Four printable characters are text, not TLS: Wireshark rejects them,
    // and TCP tries its heuristics (HTTP's).
    if refusesAsText(c) {
      c.withdrawn = true
      if overTCP, HTTP.claims(c.packet, at: c.start, end: c.end, dissection: c.dissection, state: c.state) {
        return .layer(.http, at: c.start, end: c.end)
      }
      return .data(at: c.start, end: c.end)
    }
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.tlsConversations[$0] } ?? TLSConversation()
    defer { if let key { c.state.tlsConversations[key] = conversation } }
    // Listed after the item's value is set: that goes to the last layer.
    var chain: [ProtocolID] = []
    defer { for proto in chain { c.listInChain(proto) } }
    var item = ItemValue(columnVersion: conversation.version)
    defer { c.dissection.setLayerItemValue(item.raw) }
    let fromServer = conversation.isFromServer(c)
    var offset = 0
    while offset < c.length {
      let remaining = c.length - offset
      // Wireshark's dispatch on the connection's version: records of a
      // known TLS 1.0-1.2 connection are taken as they come; otherwise
      // each must look like a record.
      if remaining < 5 {
        // A record header cut short waits for the next segment.
        c.needMore(at: offset, nil)
        break
      }
      // An SSL 2.0 record cut short (in a connection of known version, a
      // ClientHello only) waits for the rest, as in tshark.
      let looksLikeVersion2 = conversation.knowsPre13Version ? TLSVersion2.looksLikeClientHello(c, at: offset) : true
      if c.canDesegment, looksLikeVersion2, let length = TLSVersion2.recordLength(c, at: offset), remaining < 2 + length {
        c.needMore(at: offset, 2 + length - remaining)
        break
      }
      if TLSVersion2.looksLikeClientHello(c, at: offset) {
        guard let next = try TLSVersion2.clientHello(c, at: offset, &item) else { break }
        offset = next
        continue
      }
      if !conversation.knowsPre13Version {
        guard try looksLikeRecord(c, at: offset) else {
          item.ending = .continuation
          break
        }
      }
      // A record the segment cuts off waits for the segments with the rest,
      // when its content type is one tshark 4.0 knows (25, TLS 1.2's
      // connection ID, too).
      let recordEnd = 5 + Int(try c.uint16(offset + 3))
      if c.canDesegment, (contentChangeCipherSpec...contentConnectionID).contains(try c.uint8(offset)), remaining < recordEnd {
        c.needMore(at: offset, recordEnd - remaining)
        break
      }
      guard let next = try record(c, at: offset, &conversation, &item, fromServer: fromServer, chain: &chain) else { break }
      offset = next
    }
    return .stop
  }

  /// A valid content type followed by SSL 3.0 or TLS 1.0-1.2's version.
  private static func looksLikeRecord(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Bool {
    guard isValidContentType(try c.uint8(offset)) else { return false }
    let version = try c.uint16(offset + 1)
    return version >= 0x0300 && version <= 0x0303 || version == 0x0101
  }

  /// Dissects the record at `offset`; answers where the next starts, or
  /// nil when the walk ends.
  private static func record(
    _ c: LayerCursor, at offset: Int, _ conversation: inout TLSConversation, _ item: inout ItemValue,
    fromServer: Bool, chain: inout [ProtocolID]
  ) throws(DissectionStop) -> Int? {
    let type = try c.uint8(offset)
    if conversation.knowsPre13Version && !isValidContentType(type) {
      item.ending = .ignoredUnknownRecord
      return nil
    }
    let proposed = try c.uint16(offset + 1)
    let length = Int(try c.uint16(offset + 3))
    // A record the segment cuts off waits for reassembly: not shown.
    guard c.length - offset >= 5 + length else { return nil }
    let is13 = conversation.version == TLSConversation.tls13
    try c.add(is13 && type == contentApplicationData ? recordOpaqueType : recordContentType, at: offset, 1, value: UInt64(type), depth: 2)
    try c.add(recordVersion, at: offset + 1, 2, value: UInt64(proposed), depth: 2)
    try c.add(recordLength, at: offset + 3, 2, value: UInt64(length), depth: 2)
    let body = offset + 5
    var version = conversation.version
    if conversation.version == 0 {
      let firstByte = try c.uint8(body)
      conversation.trySetVersion(content: type, handshakeType: firstByte, proposed)
      item.columnVersion = proposed
      version = proposed
    }
    switch type {
    case contentChangeCipherSpec:
      // In TLS 1.3 it is a dummy for middleboxes; nothing is encrypted after it.
      if version != TLSConversation.tls13 {
        conversation.sawChangeCipherSpec(c.dissection.frame.number, fromServer: fromServer)
      }
    case contentAlert:
      if length == 2 {
        try c.add(alertLevel, at: body, 1, value: UInt64(try c.uint8(body)), depth: 3)
        try c.add(alertDescription, at: body + 1, 1, value: UInt64(try c.uint8(body + 1)), depth: 3)
      }
    case contentHandshake:
      try c.check(body, length)
      let source = TLSBytes(c.bytes.slice(body, min(length, c.capturedLength - body)), reported: length, origin: body)
      let reader = TLSHandshakeReader(source: source, transport: .tcp, depth: 2)
      let encrypted = source.looksEncrypted(
        afterChangeCipherSpec: conversation.changedCipherSpec(before: c.dissection.frame.number, fromServer: fromServer))
      if !encrypted {
        let before = conversation.version
        chain += try reader.messages(c, conversation: &conversation, recordVersion: version)
        // A ServerHello that settles the version names it in the column.
        if conversation.version != before && conversation.version != 0 { item.columnVersion = conversation.version }
      }
    case contentApplicationData:
      try c.add(applicationData, at: body, length, depth: 2)
    default:
      break
    }
    return body + length
  }
}

extension TLS {
  /// What the protocol item's value holds: the version the Protocol column
  /// names (0: none, `SSL`) in its low 16 bits, and what Info says last
  /// when the walk stopped on bytes that are not a record.
  struct ItemValue {
    enum Ending: UInt64 { case none = 0, ignoredUnknownRecord = 1, continuation = 2 }
    var columnVersion: UInt16
    var ending = Ending.none

    init(columnVersion: UInt16) { self.columnVersion = columnVersion }

    init(raw: UInt64) {
      columnVersion = UInt16(truncatingIfNeeded: raw)
      ending = Ending(rawValue: raw >> 16 & 3) ?? .none
    }

    var raw: UInt64 { UInt64(columnVersion) | ending.rawValue << 16 }
  }
}
