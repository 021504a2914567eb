/// Where a datagram travels: its UDP conversation and its sender.
struct QUICPlace {
  let conversation: ConversationKey
  let source: QUICEndpoint
  let destination: QUICEndpoint

  init(_ state: DissectionState, source: UInt16, destination: UInt16) {
    conversation = ConversationKey.make(state.networkSource, source, state.networkDestination, destination).0
    self.source = QUICEndpoint(address: state.networkSource, port: source)
    self.destination = QUICEndpoint(address: state.networkDestination, port: destination)
  }

  /// The place of the datagram whose UDP layer precedes the QUIC layer under `c`.
  init(_ c: LayerCursor) {
    let layers = c.dissection.layers
    let udp = layers.count >= 2 && layers[layers.count - 2].protocolID == .udp ? layers[layers.count - 2].start : -1
    let packet = c.packet
    self.init(
      c.state, source: udp >= 0 ? packet.uint16(at: udp) ?? 0 : 0,
      destination: udp >= 0 ? packet.uint16(at: udp + 2) ?? 0 : 0)
  }
}

/// One datagram's walk: each coalesced packet in turn.
struct QUICDatagram {
  let c: LayerCursor
  let decrypts: Bool
  let place: QUICPlace
  /// CRYPTO data to hand on after the packets: the whole handshake
  /// messages it completed (none when a message is still cut), and the
  /// place in this datagram of the piece that brought it.
  var handedOn: [(bytes: [UInt8], at: Int, count: Int)] = []
  private var first = true
  /// The first packet's Destination Connection ID: packets coalesced after
  /// it carry the same; bytes that do not are padding, as Wireshark takes them.
  private var firstDCID: [UInt8] = []
  /// The datagram's connection, found from its first packet (Wireshark
  /// finds it once a datagram), and whether the server sent it.
  private var connection: (Int, fromServer: Bool)?

  init(_ c: LayerCursor, decrypts: Bool) {
    self.c = c
    self.decrypts = decrypts
    place = QUICPlace(c)
  }

  mutating func packets() throws(DissectionStop) {
    var offset = 0
    while offset < c.length {
      let byte = try c.uint8(offset)
      if byte & 0x80 != 0 {
        guard let next = try longPacket(at: offset) else { return }
        offset = next
      } else {
        if !first, let (number, fromServer) = connection, let known = c.state.quicConnections[number] {
          let id = (fromServer ? known.clientCIDs : known.serverCIDs).first ?? []
          guard id == firstDCID, offset + 1 + id.count <= c.capturedLength, try bytes(offset + 1, id.count) == id
          else { return }
        }
        try shortPacket(at: offset)
        offset = c.length
      }
      first = false
    }
  }

  // MARK: Reading

  /// A variable-length integer (RFC 9000 section 16): its value and size.
  func varint(_ offset: Int) throws(DissectionStop) -> (value: UInt64, size: Int) {
    let size = 1 << Int(try c.uint8(offset) >> 6)
    let value = try c.uint(offset, size) & (UInt64.max >> UInt64(64 - 8 * size + 2))
    return (value, size)
  }

  func bytes(_ offset: Int, _ count: Int) throws(DissectionStop) -> [UInt8] {
    try c.check(offset, count)
    return c.packet.slice(c.start + offset, count).copyBytes()
  }

  /// The connection's number, under "QUIC Connection information", before
  /// the datagram's first packet.
  private mutating func connectionNumber(_ number: Int?) {
    if first, let number { c.generated(QUIC.connectionNumber, value: UInt64(number), depth: 2) }
  }

  // MARK: Long header

  /// A type no long header has, for a Version Negotiation packet's lookup.
  private let versionNegotiationType: UInt64 = 0xfe

  /// Walks a long-header packet at `o`; answers where the next begins, or
  /// nil when the bytes are padding after the datagram's packets.
  private mutating func longPacket(at o: Int) throws(DissectionStop) -> Int? {
    let firstByte = try c.uint8(o)
    let version = try c.uint32(o + 1)
    var p = o + 5
    let dcidLength = Int(try c.uint8(p))
    let dcidBytes = try bytes(p + 1, dcidLength)
    p += 1 + dcidLength
    if first {
      firstDCID = dcidBytes
    } else if dcidBytes != firstDCID {
      return nil
    }
    let scidAt = p
    let scidLength = Int(try c.uint8(p))
    let scidBytes = try bytes(p + 1, scidLength)
    p += 1 + scidLength
    if version == 0 {
      if first { connection = findConnection(type: versionNegotiationType, version: version, dcid: dcidBytes, scid: scidBytes) }
      return try versionNegotiation(at: o, scidEnd: p)
    }
    let rawType = UInt64(firstByte >> 4) & 3
    // The type as version 1 numbers it.
    let type = version == QUICNames.version2 ? (rawType + 3) & 3 : rawType
    var token: (at: Int, length: (value: UInt64, size: Int))?
    if type == 0 {
      let length = try varint(p)
      token = (p, length)
      guard length.value <= UInt64(c.length) else { throw .malformed }
      p += length.size + Int(length.value)
    }
    let lengthField = type == 3 ? nil : try varint(p)
    let pnOffset = p + (lengthField?.size ?? 0)
    // As Wireshark: a packet whose length runs past the datagram takes the rest.
    var end = c.length
    if let lengthField, lengthField.value < UInt64(c.length), pnOffset + Int(lengthField.value) < c.length {
      end = pnOffset + Int(lengthField.value)
    }

    if first { connection = findConnection(type: type, version: version, dcid: dcidBytes, scid: scidBytes) }
    let found = connection
    let opened =
      decrypts && type == 0 && found != nil
      ? open(at: o, pnOffset: pnOffset, end: end, connection: found!) : nil

    connectionNumber(found?.0)
    c.generated(QUIC.packetLength, value: UInt64(end - o))
    try c.add(QUIC.headerForm, at: o, 1, value: 1)
    // Wireshark shows no Fixed Bit in a Retry.
    if type != 3 { try c.add(QUIC.fixedBit, at: o, 1, value: UInt64(firstByte >> 6) & 1) }
    try c.add(version == QUICNames.version2 ? QUIC.longPacketTypeV2 : QUIC.longPacketType, at: o, 1, value: rawType)
    if let opened {
      try c.add(QUIC.longReserved, at: o, 1, value: UInt64(opened.firstByte >> 2) & 3)
      try c.add(QUIC.packetNumberLength, at: o, 1, value: UInt64(opened.firstByte) & 3)
    }
    try c.add(QUIC.version, at: o + 1, 4, value: UInt64(version))
    try c.add(QUIC.dcil, at: o + 5, 1, value: UInt64(dcidLength))
    if dcidLength > 0 { try c.add(QUIC.dcid, at: o + 6, dcidLength) }
    try c.add(QUIC.scil, at: scidAt, 1, value: UInt64(scidLength))
    if scidLength > 0 { try c.add(QUIC.scid, at: scidAt + 1, scidLength) }
    if let token {
      try c.add(QUIC.tokenLength, at: token.at, token.length.size, value: token.length.value)
      if token.length.value > 0 { try c.add(QUIC.token, at: token.at + token.length.size, Int(token.length.value)) }
    }
    if type == 3 {
      guard end - p >= 16 else { throw .malformed }
      if end - p > 16 { try c.add(QUIC.retryToken, at: p, end - p - 16) }
      try c.add(QUIC.retryIntegrityTag, at: end - 16, 16)
      return end
    }
    if let lengthField { try c.add(QUIC.length, at: p, lengthField.size, value: lengthField.value) }
    if let opened {
      try c.add(QUIC.packetNumber, at: pnOffset, opened.numberLength, value: opened.number)
      let payloadAt = pnOffset + opened.numberLength
      try c.add(QUIC.payload, at: payloadAt, min(end, c.capturedLength) - payloadAt)
      if let plain = opened.plain {
        var frames = QUICFrames(c: c, plain: plain, base: payloadAt)
        let connection = found!
        frames.walk { piece in self.crypto(piece, connection: connection) }
      }
    } else if min(end, c.capturedLength) > pnOffset {
      try c.add(QUIC.remainingPayload, at: pnOffset, min(end, c.capturedLength) - pnOffset)
    }
    // A packet cut short by the capture shows what was captured, as in Wireshark.
    return end
  }

  /// Finds, starts or updates the connection of the datagram's first packet.
  private func findConnection(type: UInt64, version: UInt32, dcid dcidBytes: [UInt8], scid scidBytes: [UInt8])
    -> (Int, fromServer: Bool)?
  {
    let connections = c.state.quicConnections
    var found = connections.find(type: type, dcid: dcidBytes, conversation: place.conversation, source: place.source)
    if let (number, fromServer) = found {
      if fromServer {
        // Initial, Handshake and Retry packets name the server's ID.
        if type == 0 || type == 2 || type == 3 { connections.serverPacket(number, version: version, scid: scidBytes, retry: type == 3) }
      } else if type == 0 {
        connections.clientInitial(number, dcid: dcidBytes, scid: scidBytes)
      }
    } else if type == 0 {
      found = (
        connections.create(
          version: version, dcid: dcidBytes, scid: scidBytes, conversation: place.conversation,
          server: place.destination), false
      )
    }
    return found
  }

  /// Adds CRYPTO data to its direction's stream and keeps what is to be handed on.
  private mutating func crypto(_ piece: QUICFrames.CryptoPiece, connection: (Int, fromServer: Bool)) {
    let connections = c.state.quicConnections
    guard var state = connections[connection.0] else { return }
    let whole =
      connection.fromServer
      ? state.crypto.server.add(offset: piece.offset, bytes: piece.bytes).map { state.crypto.server.wholeMessages($0) }
      : state.crypto.client.add(offset: piece.offset, bytes: piece.bytes).map { state.crypto.client.wholeMessages($0) }
    connections[connection.0] = state
    if let whole { handedOn.append((whole, piece.at, piece.bytes.count)) }
  }

  /// What opening an Initial packet gives.
  struct Opened {
    var firstByte: UInt8
    var numberLength: Int
    var number: UInt64
    /// The frames; nil when the payload did not authenticate (Wireshark
    /// still shows the packet number it unmasked).
    var plain: [UInt8]?
  }

  /// Removes header protection and opens the payload; nil when the packet
  /// is too short for it. A packet cut short by the capture is unmasked but
  /// not opened.
  private func open(at o: Int, pnOffset: Int, end: Int, connection: (Int, fromServer: Bool)) -> Opened? {
    let connections = c.state.quicConnections
    guard pnOffset + 4 + 16 <= min(end, c.capturedLength), var state = connections[connection.0],
      case let keys = state.keys(fromServer: connection.fromServer),
      let sample = try? bytes(pnOffset + 4, 16), let mask = keys.mask(sample),
      var header = try? bytes(o, pnOffset - o + 4)
    else { return nil }
    header[0] ^= mask[0] & 0x0f
    let numberLength = Int(header[0] & 3) + 1
    header.removeLast(4 - numberLength)
    var truncated: UInt64 = 0
    for i in 0..<numberLength {
      header[pnOffset - o + i] ^= mask[1 + i]
      truncated = truncated << 8 | UInt64(header[pnOffset - o + i])
    }
    let number = state.packetNumber(truncated: truncated, bytes: numberLength, fromServer: connection.fromServer)
    let plain = (end <= c.capturedLength ? try? bytes(pnOffset + numberLength, end - pnOffset - numberLength) : nil).flatMap {
      keys.open(header: header, sealed: $0, packetNumber: number)
    }
    // Only a packet that opened moves the largest packet number, as in Wireshark.
    if plain != nil { state.saw(number, fromServer: connection.fromServer) }
    connections[connection.0] = state
    return Opened(firstByte: header[0], numberLength: numberLength, number: number, plain: plain)
  }

  /// A Version Negotiation packet: the versions the server supports fill the datagram.
  private mutating func versionNegotiation(at o: Int, scidEnd: Int) throws(DissectionStop) -> Int {
    connectionNumber(connection?.0)
    c.generated(QUIC.packetLength, value: UInt64(c.length - o))
    try c.add(QUIC.headerForm, at: o, 1, value: 1)
    try c.add(QUIC.version, at: o + 1, 4, value: 0)
    let dcidLength = Int(try c.uint8(o + 5))
    try c.add(QUIC.dcil, at: o + 5, 1, value: UInt64(dcidLength))
    if dcidLength > 0 { try c.add(QUIC.dcid, at: o + 6, dcidLength) }
    let scidAt = o + 6 + dcidLength
    let scidLength = Int(try c.uint8(scidAt))
    try c.add(QUIC.scil, at: scidAt, 1, value: UInt64(scidLength))
    if scidLength > 0 { try c.add(QUIC.scid, at: scidAt + 1, scidLength) }
    var p = scidEnd
    while p + 4 <= c.length {
      try c.add(QUIC.supportedVersion, at: p, 4, value: UInt64(try c.uint32(p)))
      p += 4
    }
    return c.length
  }

  // MARK: Short header

  /// A short-header packet, which takes the rest of the datagram. Its
  /// Destination Connection ID is shown when its connection is known.
  private mutating func shortPacket(at o: Int) throws(DissectionStop) {
    let firstByte = try c.uint8(o)
    var prefix: [UInt8] = []
    var i = o + 1
    while i < min(o + 21, c.capturedLength) {
      prefix.append(try c.uint8(i))
      i += 1
    }
    if first {
      connection = c.state.quicConnections.findShort(prefix, conversation: place.conversation, source: place.source)
        .map { ($0.number, $0.fromServer) }
    }
    // As long as the first ID the receiver chose.
    var dcidLength = 0
    if let (number, fromServer) = connection, let known = c.state.quicConnections[number] {
      dcidLength = ((fromServer ? known.clientCIDs : known.serverCIDs).first ?? []).count
    }
    connectionNumber(connection?.0)
    c.generated(QUIC.packetLength, value: UInt64(c.length - o))
    try c.add(QUIC.headerForm, at: o, 1, value: 0)
    try c.add(QUIC.fixedBit, at: o, 1, value: UInt64(firstByte >> 6) & 1)
    try c.add(QUIC.spinBit, at: o, 1, value: UInt64(firstByte >> 5) & 1)
    if dcidLength > 0 { try c.add(QUIC.dcid, at: o + 1, dcidLength) }
    let rest = o + 1 + dcidLength
    if rest < c.capturedLength { try c.add(QUIC.remainingPayload, at: rest, c.capturedLength - rest) }
  }
}
