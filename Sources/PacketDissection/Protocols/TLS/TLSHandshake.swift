import PacketWire

/// Reads handshake messages (RFC 8446 section 4) into `tls.handshake.*`
/// fields, from a record's body or from bytes handed over without a record
/// (QUIC's CRYPTO frames). DTLS reads its messages' bodies with it too,
/// into its own fields of the same names (`fields`).
struct TLSHandshakeReader {
  /// What carried the messages: JA4 starts with `t` over TCP, `q` over
  /// QUIC; a DTLS ClientHello has a cookie after its session ID.
  enum Transport { case tcp, quic, dtls }

  let source: TLSBytes
  let transport: Transport
  /// Depth of the `Handshake Protocol` heading, relative to the layer's item.
  let depth: UInt8
  /// The field each of TLS's is recorded as; nil leaves it out.
  var fields: (TLS) -> FieldID? = { $0.fieldID }

  /// The messages in the bytes, up to the first one they cut off (Wireshark
  /// keeps a cut message for handshake reassembly and shows no field of it).
  /// Answers the protocols Wireshark entered to read their certificates,
  /// in order, for `frame.protocols`.
  @discardableResult
  func messages(
    _ c: LayerCursor, conversation: inout TLSConversation, recordVersion: UInt16
  ) throws(DissectionStop) -> [ProtocolID] {
    var chain: [ProtocolID] = []
    var offset = 0
    var first = true
    while offset < source.reported {
      let remaining = source.reported - offset
      guard remaining >= 4 else { return chain }
      let length = 4 + Int(try source.uint(offset + 1, 3))
      guard remaining >= length else { return chain }
      try message(c, at: offset, bodyLength: length - 4, first: first, &conversation, chain: &chain)
      offset += length
      first = false
    }
    return chain
  }

  /// One whole message. A message of an unknown type after the first is
  /// skipped silently, as Wireshark does.
  private func message(
    _ c: LayerCursor, at offset: Int, bodyLength: Int, first: Bool, _ conversation: inout TLSConversation,
    chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    let type = try source.uint8(offset)
    guard TLSValueNames.handshakeType(UInt64(type)) != nil else { return }
    let body = offset + 4
    let end = body + bodyLength
    if first && type == TLSHandshakeType.serverHello && bodyLength > 2,
      let version = try? serverHelloVersion(from: body, to: end)
    {
      conversation.trySetVersion(content: TLS.contentHandshake, handshakeType: type, version)
    }
    try put(c, TLS.handshakeType, at: offset, 1, value: UInt64(type), depth: 1)
    try put(c, TLS.handshakeLength, at: offset + 1, 3, value: UInt64(bodyLength), depth: 1)
    try messageBody(c, type: type, from: body, to: end, &conversation, chain: &chain)
  }

  /// The body of one message of `type`, from `body` to `end`.
  func messageBody(
    _ c: LayerCursor, type: UInt8, from body: Int, to end: Int, _ conversation: inout TLSConversation,
    chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    switch type {
    case TLSHandshakeType.clientHello:
      if transport == .tcp { conversation.sawClientHello(c) }
      try clientHello(c, from: body, to: end, tls13: conversation.version == TLSConversation.tls13)
    case TLSHandshakeType.serverHello:
      conversation.cipherSuite = try serverHello(c, from: body, to: end, tls13: conversation.version == TLSConversation.tls13)
    case TLSHandshakeType.serverKeyExchange where conversation.version == 0x0303:
      try serverKeyExchange(c, from: body, cipherSuite: conversation.cipherSuite)
    case TLSHandshakeType.certificate:
      try certificates(c, from: body, to: end, tls13: conversation.version == TLSConversation.tls13, chain: &chain)
    case TLSHandshakeType.certificateRequest:
      try certificateRequest(c, from: body, to: end, version: conversation.version, chain: &chain)
    case TLSHandshakeType.certificateVerify where conversation.version >= 0x0303:
      try signatureAlgorithm(c, at: body)
    default:
      break
    }
  }

  // MARK: Recording

  /// Records an integer field read from the bytes; answers its value.
  @discardableResult
  func number(_ c: LayerCursor, _ field: TLS, at offset: Int, _ count: Int, depth: UInt8) throws(DissectionStop) -> UInt64 {
    let value = try source.uint(offset, count)
    try put(c, field, at: offset, count, value: value, depth: depth)
    return value
  }

  /// Records a field with a value known already.
  func put(
    _ c: LayerCursor, _ field: TLS, at offset: Int, _ count: Int, value: UInt64, depth: UInt8,
    flags: FieldRecord.Flags = FieldRecord.Flags()
  ) throws(DissectionStop) {
    try source.check(offset, count)
    guard let field = fields(field) else { return }
    if let origin = source.origin {
      try c.add(field, at: origin + offset, count, value: value, depth: self.depth + depth, flags: flags)
    } else {
      try c.add(field, at: 0, 0, value: value, depth: self.depth + depth, flags: flags)
    }
  }

  /// Whether some question wants `field` as this reader records it.
  func wants(_ c: LayerCursor, _ field: TLS) -> Bool { fields(field).map(c.wants) ?? false }

  /// Records a byte or text field over `count` bytes.
  func bytes(_ c: LayerCursor, _ field: TLS, at offset: Int, _ count: Int, depth: UInt8) throws(DissectionStop) {
    try source.check(offset, count)
    guard let field = fields(field) else { return }
    if let origin = source.origin {
      try c.add(field, at: origin + offset, count, depth: self.depth + depth)
    } else if c.wants(field) {
      c.computed(field, at: 0, 0, bytes: source.view.slice(offset, count).copyBytes(), depth: self.depth + depth)
    }
  }

  /// Records a value computed from the message (a fingerprint).
  func text(_ c: LayerCursor, _ field: TLS, _ value: String, at offset: Int) {
    guard let field = fields(field) else { return }
    c.computed(field, at: source.origin.map { $0 + offset } ?? 0, 0, bytes: Array(value.utf8), depth: depth + 1, flags: .generated)
  }

  // MARK: Hellos

  /// The version, random and session id both hellos start with. Once the
  /// connection is TLS 1.3, Wireshark no longer splits the random into a
  /// time and bytes. A ServerHello of a TLS 1.3 draft before -22 has no
  /// session id.
  private func helloStart(_ c: LayerCursor, at offset: Int, tls13: Bool, server: Bool = false) throws(DissectionStop)
    -> (version: UInt16, next: Int)
  {
    let version = UInt16(try number(c, TLS.handshakeVersion, at: offset, 2, depth: 1))
    try bytes(c, TLS.random, at: offset + 2, 32, depth: 1)
    if !tls13 {
      let seconds = try source.uint(offset + 2, 4)
      try put(c, TLS.randomTime, at: offset + 2, 4, value: seconds &* 1_000_000_000, depth: 2)
      try bytes(c, TLS.randomBytes, at: offset + 6, 28, depth: 2)
    }
    if server, Self.isEarlyDraft(version) { return (version, offset + 34) }
    let idLength = Int(try number(c, TLS.sessionIDLength, at: offset + 34, 1, depth: 1))
    if idLength > 0 { try bytes(c, TLS.sessionID, at: offset + 35, idLength, depth: 1) }
    return (version, offset + 35 + idLength)
  }

  private func clientHello(_ c: LayerCursor, from start: Int, to end: Int, tls13: Bool) throws(DissectionStop) {
    let fingerprinting = wants(c, TLS.ja3) || wants(c, TLS.ja3Full) || wants(c, TLS.ja4)
    var hello = TLSHelloFacts()
    var (version, offset) = try helloStart(c, at: start, tls13: tls13)
    hello.version = version
    if transport == .dtls { offset = try DTLS.cookie(c, source, at: offset, depth: depth + 1) }
    let suitesLength = Int(try number(c, TLS.cipherSuitesLength, at: offset, 2, depth: 1))
    offset += 2
    var at = offset
    while at + 2 <= offset + suitesLength {
      let suite = UInt16(try number(c, TLS.cipherSuite, at: at, 2, depth: 2))
      if fingerprinting && !TLSHelloFacts.isGREASE(suite) { hello.ciphers.append(suite) }
      at += 2
    }
    offset += suitesLength
    let methodsLength = Int(try number(c, TLS.compressionMethodsLength, at: offset, 1, depth: 1))
    offset += 1
    for i in 0..<methodsLength { try number(c, TLS.compressionMethod, at: offset + i, 1, depth: 2) }
    offset += methodsLength
    if offset < end {
      try TLSExtensions(reader: self, client: true).walk(c, from: offset, to: end, &hello, collect: fingerprinting)
    }
    if fingerprinting { fingerprints(c, hello, at: start) }
  }

  /// Answers the chosen cipher suite.
  private func serverHello(_ c: LayerCursor, from start: Int, to end: Int, tls13: Bool) throws(DissectionStop) -> UInt16 {
    let fingerprinting = wants(c, TLS.ja3s) || wants(c, TLS.ja3sFull)
    var hello = TLSHelloFacts()
    var (version, offset) = try helloStart(c, at: start, tls13: tls13, server: true)
    hello.version = version
    hello.ciphers = [UInt16(try number(c, TLS.cipherSuite, at: offset, 2, depth: 1))]
    offset += 2
    if !Self.isEarlyDraft(version) {
      try number(c, TLS.compressionMethod, at: offset, 1, depth: 1)
      offset += 1
    }
    if offset < end {
      try TLSExtensions(reader: self, client: false).walk(c, from: offset, to: end, &hello, collect: fingerprinting)
    }
    if fingerprinting {
      let full = hello.ja3sString
      text(c, TLS.ja3sFull, full, at: start)
      text(c, TLS.ja3s, TLSDigest.md5Hex(full), at: start)
    }
    return hello.ciphers[0]
  }

  /// A TLS 1.2 ServerKeyExchange's signature algorithm, after the (EC)DHE
  /// parameters the chosen cipher suite names.
  private func serverKeyExchange(_ c: LayerCursor, from start: Int, cipherSuite: UInt16) throws(DissectionStop) {
    let name = TLSValueNames.cipherSuite(UInt64(cipherSuite)) ?? ""
    var offset = start
    if name.hasPrefix("TLS_ECDHE_") {
      offset += 3
      offset += 1 + Int(try source.uint8(offset))
    } else if name.hasPrefix("TLS_DHE_") {
      for _ in 0..<3 { offset += 2 + Int(try source.uint16(offset)) }
    } else {
      return
    }
    if name.contains("_anon_") { return }
    try signatureAlgorithm(c, at: offset)
  }

  private func fingerprints(_ c: LayerCursor, _ hello: TLSHelloFacts, at offset: Int) {
    let full = hello.ja3String
    text(c, TLS.ja3Full, full, at: offset)
    text(c, TLS.ja3, TLSDigest.md5Hex(full), at: offset)
    if wants(c, TLS.ja4) { text(c, TLS.ja4, hello.ja4(transport: transport), at: offset) }
  }

  /// Whether a ServerHello's version is a TLS 1.3 draft before -22
  /// (0x7f01 to 0x7f15), whose ServerHello had neither session id nor
  /// compression method.
  static func isEarlyDraft(_ version: UInt16) -> Bool {
    version >> 8 == 0x7f && (1..<22).contains(version & 0xff)
  }

  /// The version a ServerHello settles on: its supported_versions
  /// extension's, or its own (Wireshark's `tls_scan_server_hello`).
  private func serverHelloVersion(from start: Int, to end: Int) throws(DissectionStop) -> UInt16 {
    var version = try source.uint16(start)
    var offset = start + 34
    if Self.isEarlyDraft(version) {
      offset += 2
    } else {
      offset += 1 + Int(try source.uint8(offset))
      offset += 3
    }
    guard offset + 2 <= end else { return version }
    let extensionsEnd = min(end, offset + 2 + Int(try source.uint16(offset)))
    offset += 2
    while offset + 4 <= extensionsEnd {
      let type = try source.uint16(offset)
      let length = Int(try source.uint16(offset + 2))
      if type == TLSExtensionType.supportedVersions && length == 2 { version = try source.uint16(offset + 4) }
      offset += 4 + length
    }
    return version
  }

  // MARK: Certificates

  /// One signature algorithm with its hash and signature halves (TLS 1.2).
  private func signatureAlgorithm(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    try number(c, TLS.signatureAlgorithm, at: offset, 2, depth: 1)
    try number(c, TLS.signatureHash, at: offset, 1, depth: 2)
    try number(c, TLS.signatureSignature, at: offset + 1, 1, depth: 2)
  }

  /// A CertificateRequest's signature algorithms: after the certificate
  /// types in TLS 1.2, in its extensions in TLS 1.3. Before TLS 1.3 the
  /// names of the certificate authorities it accepts follow.
  private func certificateRequest(
    _ c: LayerCursor, from start: Int, to end: Int, version: UInt16, chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    if version == TLSConversation.tls13 {
      let contextLength = Int(try source.uint8(start))
      var hello = TLSHelloFacts()
      try TLSExtensions(reader: self, client: true).walk(c, from: start + 1 + contextLength, to: end, &hello, collect: false)
      return
    }
    let typesEnd = start + 1 + Int(try source.uint8(start))
    var namesStart = typesEnd
    if version == 0x0303 {
      let listLength = Int(try number(c, TLS.signatureAlgorithmsLength, at: typesEnd, 2, depth: 1))
      for at in stride(from: typesEnd + 2, to: min(end, typesEnd + 2 + listLength) - 1, by: 2) {
        try number(c, TLS.signatureAlgorithm, at: at, 2, depth: 2)
        try number(c, TLS.signatureHash, at: at, 1, depth: 3)
        try number(c, TLS.signatureSignature, at: at + 1, 1, depth: 3)
      }
      namesStart = typesEnd + 2 + listLength
    }
    guard version >= 0x0300, let origin = source.origin, namesStart + 2 <= end else { return }
    let namesEnd = min(end, namesStart + 2 + Int(try source.uint16(namesStart)))
    var offset = namesStart + 2
    while offset + 2 <= namesEnd {
      let length = Int(try source.uint16(offset))
      var names = X509Certificate(c, bytes: source.view, origin: origin, depth: depth + 2)
      try names.distinguishedName(at: offset + 2, length: min(length, namesEnd - offset - 2))
      chain += names.chain
      offset += 2 + length
    }
  }

  /// The Certificate message: the list's length, then each certificate's
  /// length and DER bytes (in TLS 1.3 after a request context, each
  /// followed by its extensions). A certificate in the packet's bytes is
  /// read into its X.509 fields.
  private func certificates(
    _ c: LayerCursor, from start: Int, to end: Int, tls13: Bool, chain: inout [ProtocolID]
  ) throws(DissectionStop) {
    var offset = start
    if tls13 {
      let contextLength = Int(try source.uint8(offset))
      offset += 1 + contextLength
    }
    let listLength = Int(try number(c, TLS.certificatesLength, at: offset, 3, depth: 1))
    offset += 3
    let listEnd = min(end, offset + listLength)
    while offset + 3 <= listEnd {
      let length = Int(try number(c, TLS.certificateLength, at: offset, 3, depth: 2))
      try bytes(c, TLS.certificate, at: offset + 3, length, depth: 2)
      if let origin = source.origin {
        var certificate = X509Certificate(c, bytes: source.view, origin: origin, depth: depth + 2)
        try certificate.read(at: offset + 3, length: length)
        chain += certificate.chain
      }
      offset += 3 + length
      if tls13 {
        let extensionsLength = Int(try source.uint16(offset))
        offset += 2 + extensionsLength
      }
    }
  }
}

/// Handshake message types this reader looks into.
enum TLSHandshakeType {
  static let clientHello: UInt8 = 1
  static let serverHello: UInt8 = 2
  static let certificate: UInt8 = 11
  static let serverKeyExchange: UInt8 = 12
  static let certificateRequest: UInt8 = 13
  static let certificateVerify: UInt8 = 15
}

extension TLS {
  /// Dissects a sequence of handshake messages that came without record
  /// headers, for another dissector: QUIC hands over the CRYPTO frames of
  /// a decrypted Initial packet. The fields (`tls.handshake.*`, JA3, JA4
  /// with its `q` prefix) are recorded in the current layer, their headings
  /// `depth` levels below its item; a message the bytes cut off is skipped.
  /// Call it after `c.addInnerProtocol(.tls, …)` so they belong to a `tls`
  /// layer, as Wireshark shows them.
  public static func dissectHandshakeMessages(
    _ c: LayerCursor, _ bytes: TLSBytes, depth: UInt8 = 1
  ) throws(DissectionStop) {
    var conversation = TLSConversation()
    conversation.version = TLSConversation.tls13
    let reader = TLSHandshakeReader(source: bytes, transport: .quic, depth: depth)
    try reader.messages(c, conversation: &conversation, recordVersion: TLSConversation.tls13)
  }
}
