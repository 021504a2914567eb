import Crypto

/// Secure Shell (RFC 4253), as Wireshark 4.0 dissects it without keys and
/// with TCP reassembly off: each side's version banner, then the binary
/// packets of the key exchange until that side's New Keys; what follows
/// is encrypted and shown as nothing but the direction. Protocol version
/// 1 (a client banner `SSH-1.x`) shows each packet's length and padding.
///
/// Key Exchange Init messages are dissected in full when whole in the
/// segment (cookie, the ten name lists, HASSH fingerprints); the messages
/// of the key exchange method itself (codes 30 to 49) show only their
/// message code.
enum SSH: UInt8, ProtocolModule {
  case item, protocolBanner, packetLength, paddingLength, messageCode, cookie,
    kexAlgorithmsLength, kexAlgorithms, serverHostKeyAlgorithmsLength, serverHostKeyAlgorithms,
    encryptionClientToServerLength, encryptionClientToServer, encryptionServerToClientLength, encryptionServerToClient,
    macClientToServerLength, macClientToServer, macServerToClientLength, macServerToClient,
    compressionClientToServerLength, compressionClientToServer, compressionServerToClientLength,
    compressionServerToClient, languagesClientToServerLength, languagesClientToServer,
    languagesServerToClientLength, languagesServerToClient, firstKexPacketFollows, kexReserved,
    hasshAlgorithms, hassh, hasshServerAlgorithms, hasshServer, paddingString, sequenceNumber,
    packetLengthEncrypted, encryptedPacket, direction

  static var protocolID: ProtocolID { .ssh }
  static var level: LayerLevel { .application }
  static let serverPorts: Set<UInt16> = [22, 29418]
  static let bindings = serverPorts.sorted().map { Binding(.tcpPort, UInt32($0)) }
  static let variablePart: String? = "Message"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ssh", "SSH Protocol")
    case .protocolBanner: .loose("ssh.protocol", "Protocol", .string)
    case .packetLength: .loose("ssh.packet_length", "Packet Length", .uint(bytes: 4))
    case .paddingLength: .loose("ssh.padding_length", "Padding Length", .uint(bytes: 1))
    case .messageCode: .loose("ssh.message_code", "Message Code", .uint(bytes: 1), values: .sshMessageCodes)
    case .cookie: .loose("ssh.cookie", "Cookie", .bytes)
    case .kexAlgorithmsLength: .loose("ssh.kex_algorithms_length", "kex_algorithms length", .uint(bytes: 4))
    case .kexAlgorithms: .loose("ssh.kex_algorithms", "kex_algorithms string", .string)
    case .serverHostKeyAlgorithmsLength:
      .loose("ssh.server_host_key_algorithms_length", "server_host_key_algorithms length", .uint(bytes: 4))
    case .serverHostKeyAlgorithms: .loose("ssh.server_host_key_algorithms", "server_host_key_algorithms string", .string)
    case .encryptionClientToServerLength:
      .loose(
        "ssh.encryption_algorithms_client_to_server_length", "encryption_algorithms_client_to_server length",
        .uint(bytes: 4))
    case .encryptionClientToServer:
      .loose("ssh.encryption_algorithms_client_to_server", "encryption_algorithms_client_to_server string", .string)
    case .encryptionServerToClientLength:
      .loose(
        "ssh.encryption_algorithms_server_to_client_length", "encryption_algorithms_server_to_client length",
        .uint(bytes: 4))
    case .encryptionServerToClient:
      .loose("ssh.encryption_algorithms_server_to_client", "encryption_algorithms_server_to_client string", .string)
    case .macClientToServerLength:
      .loose("ssh.mac_algorithms_client_to_server_length", "mac_algorithms_client_to_server length", .uint(bytes: 4))
    case .macClientToServer:
      .loose("ssh.mac_algorithms_client_to_server", "mac_algorithms_client_to_server string", .string)
    case .macServerToClientLength:
      .loose("ssh.mac_algorithms_server_to_client_length", "mac_algorithms_server_to_client length", .uint(bytes: 4))
    case .macServerToClient:
      .loose("ssh.mac_algorithms_server_to_client", "mac_algorithms_server_to_client string", .string)
    case .compressionClientToServerLength:
      .loose(
        "ssh.compression_algorithms_client_to_server_length", "compression_algorithms_client_to_server length",
        .uint(bytes: 4))
    case .compressionClientToServer:
      .loose("ssh.compression_algorithms_client_to_server", "compression_algorithms_client_to_server string", .string)
    case .compressionServerToClientLength:
      .loose(
        "ssh.compression_algorithms_server_to_client_length", "compression_algorithms_server_to_client length",
        .uint(bytes: 4))
    case .compressionServerToClient:
      .loose("ssh.compression_algorithms_server_to_client", "compression_algorithms_server_to_client string", .string)
    case .languagesClientToServerLength:
      .loose("ssh.languages_client_to_server_length", "languages_client_to_server length", .uint(bytes: 4))
    case .languagesClientToServer: .loose("ssh.languages_client_to_server", "languages_client_to_server string", .string)
    case .languagesServerToClientLength:
      .loose("ssh.languages_server_to_client_length", "languages_server_to_client length", .uint(bytes: 4))
    case .languagesServerToClient: .loose("ssh.languages_server_to_client", "languages_server_to_client string", .string)
    case .firstKexPacketFollows: .loose("ssh.first_kex_packet_follows", "First KEX Packet Follows", .uint(bytes: 1))
    case .kexReserved: .loose("ssh.kex.reserved", "Reserved", .bytes)
    case .hasshAlgorithms: .loose("ssh.kex.hassh_algorithms", "hasshAlgorithms", .string)
    case .hassh: .loose("ssh.kex.hassh", "hassh", .string)
    case .hasshServerAlgorithms: .loose("ssh.kex.hasshserver_algorithms", "hasshServerAlgorithms", .string)
    case .hasshServer: .loose("ssh.kex.hasshserver", "hasshServer", .string)
    case .paddingString: .loose("ssh.padding_string", "Padding String", .bytes)
    case .sequenceNumber: .loose("ssh.seq_num", "Sequence number", .uint(bytes: 4))
    case .packetLengthEncrypted: .loose("ssh.packet_length_encrypted", "Packet Length (encrypted)", .bytes)
    case .encryptedPacket: .loose("ssh.encrypted_packet", "Encrypted Packet", .bytes)
    case .direction: .loose("ssh.direction", "Direction", .boolean(bytes: 1), values: .sshDirection)
    }
  }

  static let messageKexInit: UInt8 = 20
  static let messageNewKeys: UInt8 = 21

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var connection = key.flatMap { c.state.sshConnections[$0] } ?? SSHConnection()
    defer { if let key { c.state.sshConnections[key] = connection } }
    let fromServer = TCPSegment.fromServer(c, serverPorts: serverPorts)
    let side = fromServer ? 1 : 0
    let frame = c.dissection.frame.number
    var offset = 0
    do {
      while offset < c.length {
        let start = offset
        let peer = connection.peers[side]
        let bannerAllowed = peer.bannerFrame == nil || peer.bannerFrame == frame
        if bannerAllowed, startsWithBanner(c, at: offset) {
          offset = banner(c, at: offset, fromServer: fromServer, &connection)
          connection.peers[side].bannerFrame = frame
        } else if connection.version == 2 && !(peer.kexInitFrame != nil && peer.newKeysSeen) {
          offset = try binaryPacket(c, at: offset, fromServer: fromServer, &connection)
        } else if connection.version == 1 {
          offset = try version1Packet(c, at: offset, side: side, &connection.peers[side])
        } else {
          // Encrypted (or before the client's banner). Wireshark shows its
          // first four bytes as the encrypted length and the rest as the
          // encrypted packet, unless it set up a cipher for the side, when it
          // shows nothing. (The MAC is not told apart.)
          if connection.version != 2 || !connection.hasCipher(side: side) {
            // Wireshark puts the encrypted packet 4 bytes in even when
            // there are no more than 4: its read then fails.
            guard c.length - offset > 4 else { throw DissectionStop.truncated }
            try c.add(packetLengthEncrypted, at: offset, 4)
            try c.add(encryptedPacket, at: offset + 4, c.length - offset - 4)
          }
          offset = c.length
        }
        if offset <= start { break }
      }
    } catch {
      // A message running past the segment: Wireshark's bounds error in a
      // segment it did not reassemble, not a malformed packet.
      throw .truncated
    }
    // Recorded last, after the messages, as Wireshark adds it.
    c.generated(direction, value: fromServer ? 1 : 0)
    return .stop
  }

  /// Whether `SSH-` (any case) starts at `offset`.
  private static func startsWithBanner(_ c: LayerCursor, at offset: Int) -> Bool {
    guard offset + 4 <= c.capturedLength else { return false }
    let bytes = c.bytes
    return bytes.byte(offset) | 0x20 == 0x73 && bytes.byte(offset + 1) | 0x20 == 0x73
      && bytes.byte(offset + 2) | 0x20 == 0x68 && bytes.byte(offset + 3) == 0x2d
  }

  /// The version banner (RFC 4253 section 4.2), up to its LF or the end of
  /// the segment; settles the connection's version.
  private static func banner(
    _ c: LayerCursor, at offset: Int, fromServer: Bool, _ connection: inout SSHConnection
  ) -> Int {
    let bytes = c.bytes
    var end = offset
    while end < c.capturedLength, bytes.byte(end) != 0x0a { end += 1 }
    let lineLength: Int
    let textLength: Int
    if end < c.capturedLength {
      lineLength = end - offset + 1
      textLength = lineLength > 1 && bytes.byte(end - 1) == 0x0d ? lineLength - 2 : lineLength - 1
    } else {
      lineLength = c.capturedLength - offset
      textLength = lineLength
    }
    c.computed(protocolBanner, at: offset, textLength, bytes: HTTP.asciiText(bytes.slice(offset, textLength).copyBytes()))
    guard !fromServer else { return offset + lineLength }
    let text = bytes.slice(offset, min(textLength, 9)).copyBytes().map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
    if text.starts(with: "ssh-2.".utf8) || text.starts(with: "ssh-1.99-".utf8) {
      connection.version = 2
    } else if text.starts(with: "ssh-1.".utf8) {
      connection.version = 1
    }
    return offset + lineLength
  }

  /// One binary packet of the key exchange (RFC 4253 section 6): length,
  /// padding length, message, padding.
  private static func binaryPacket(
    _ c: LayerCursor, at start: Int, fromServer: Bool, _ connection: inout SSHConnection
  ) throws(DissectionStop) -> Int {
    let side = fromServer ? 1 : 0
    var declared = Int(try c.uint32(start))
    try c.add(packetLength, at: start, 4, value: UInt64(declared))
    if declared >= 0xffff { declared = c.capturedLength - start - 4 }
    let padding = Int(try c.uint8(start + 4))
    try c.add(paddingLength, at: start + 4, 1, value: UInt64(padding))
    var offset = start + 5
    // Wireshark's subtree for the message must fit in the segment.
    if declared > 0 { try c.check(offset, declared - 1) }
    let code = try c.uint8(offset)
    try c.add(messageCode, at: offset, 1, value: UInt64(code), depth: 2)
    offset += 1
    // The sequence number Wireshark shows (`SSHConnection.Sequences`):
    // 0 for a message it does not count.
    var sequence: UInt32 = 0
    if code == messageKexInit {
      offset = try keyExchangeInit(c, at: offset, fromServer: fromServer, &connection.peers[side])
      let frame = c.dissection.frame.number
      if connection.peers[side].kexInitFrame == nil || connection.peers[side].kexInitFrame == frame {
        connection.peers[side].kexInitFrame = frame
        connection.counted(.keyExchangeInit(side: side))
      }
      sequence = connection.sequences[.keyExchangeInit(side: side)]
      connection.choose()
    } else if code == messageNewKeys {
      if !connection.peers[side].newKeysSeen { connection.counted(.newKeys(side: side)) }
      connection.peers[side].newKeysSeen = true
      sequence = connection.sequences[.newKeys(side: side)]
    } else if code >= 30 && code < 40 {
      (offset, sequence) = try methodMessage(c, code: code, at: offset, &connection)
    }
    // The rest of the message, Wireshark's payload item: its length is
    // unsigned, so a message read past its end leaves a huge one (which
    // fails unless it is -1, the segment's rest).
    let bodyEnd = start + 4 + declared - padding
    let rest = bodyEnd - offset
    if rest != 0 && rest != -1 {
      guard rest > 0 else { throw .malformed }
      try c.check(offset, rest)
    }
    offset = bodyEnd
    // No padding at all: tshark prints the empty item `<MISSING>`.
    try c.add(paddingString, at: offset, padding, flags: padding == 0 ? .missing : [])
    offset += padding
    c.generated(sequenceNumber, value: UInt64(sequence))
    return offset
  }

  /// One packet of protocol version 1 (length, 1 to 8 bytes of padding,
  /// type, data), as tshark 4.0 reads it: the padding is `8 - length % 8`
  /// bytes; a side's packets have their type shown only in the first frame
  /// that carried one of them, and are encrypted after it.
  private static func version1Packet(
    _ c: LayerCursor, at start: Int, side: Int, _ peer: inout SSHConnection.Peer
  ) throws(DissectionStop) -> Int {
    let declared = Int(try c.uint32(start))
    let padding = 8 - declared % 8
    if declared > 0 { try c.add(packetLength, at: start, 4, value: UInt64(declared)) }
    // An overlong length: tshark takes the packet to end with the segment.
    var length = declared >= 0xffff ? c.capturedLength - start - 4 - padding : declared
    try c.add(paddingLength, at: start + 4, padding, value: UInt64(padding))
    var offset = start + 4 + padding
    let frame = c.dissection.frame.number
    if peer.version1TypedFrame == nil || peer.version1TypedFrame == frame {
      try c.add(messageCode, at: offset, 1, value: UInt64(try c.uint8(offset)))
      peer.version1TypedFrame = frame
      offset += 1
      length -= 1
    }
    // The rest, tshark's payload item, must be in the segment.
    try c.check(offset, length)
    return offset + length
  }

  /// Key Exchange Init (RFC 4253 section 7.1) and its HASSH fingerprint.
  private static func keyExchangeInit(
    _ c: LayerCursor, at start: Int, fromServer: Bool, _ peer: inout SSHConnection.Peer
  ) throws(DissectionStop) -> Int {
    try c.add(cookie, at: start, 16, depth: 3)
    var offset = start + 16
    var lists: [[UInt8]] = []
    let fields: [(SSH, SSH)] = [
      (kexAlgorithmsLength, kexAlgorithms), (serverHostKeyAlgorithmsLength, serverHostKeyAlgorithms),
      (encryptionClientToServerLength, encryptionClientToServer),
      (encryptionServerToClientLength, encryptionServerToClient), (macClientToServerLength, macClientToServer),
      (macServerToClientLength, macServerToClient), (compressionClientToServerLength, compressionClientToServer),
      (compressionServerToClientLength, compressionServerToClient),
      (languagesClientToServerLength, languagesClientToServer), (languagesServerToClientLength, languagesServerToClient),
    ]
    for (lengthField, listField) in fields {
      let length = Int(try c.uint32(offset))
      try c.add(lengthField, at: offset, 4, value: UInt64(length), depth: 3)
      offset += 4
      try c.check(offset, length)
      let text = HTTP.asciiText(c.bytes.slice(offset, length).copyBytes())
      c.computed(listField, at: offset, length, bytes: text, depth: 3)
      lists.append(text)
      offset += length
    }
    try c.add(firstKexPacketFollows, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 3)
    offset += 1
    try c.add(kexReserved, at: offset, 4, depth: 3)
    offset += 4
    // HASSH: kex;encryption;mac;compression of the sender's direction.
    let own = fromServer ? 1 : 0
    peer.kexProposal = lists[0]
    peer.encryptionProposals = [lists[2], lists[3]]
    let semicolon = [UInt8(ascii: ";")]
    let algorithms = lists[0] + semicolon + lists[2 + own] + semicolon + lists[4 + own] + semicolon + lists[6 + own]
    let digest = Insecure.MD5.hash(data: algorithms).map { FieldText.hexByte($0) }.joined()
    c.computed(fromServer ? hasshServerAlgorithms : hasshAlgorithms, at: offset, 0, bytes: algorithms, depth: 3, flags: .generated)
    c.computed(fromServer ? hasshServer : hassh, at: offset, 0, bytes: Array(digest.utf8), depth: 3, flags: .generated)
    return offset
  }
}
