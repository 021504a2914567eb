/// One end of a UDP conversation.
struct QUICEndpoint: Equatable {
  var address: NetworkAddress
  var port: UInt16
}

/// What a QUIC connection's earlier packets taught, as Wireshark's first
/// pass keeps it: who the server is, each side's connection IDs (a short
/// header does not say how long its Destination Connection ID is), the
/// client's first Destination Connection ID (the Initial keys come from
/// it), and each direction's Initial CRYPTO stream.
struct QUICConnection {
  /// Wireshark's `quic.connection.number`: connections in the order seen.
  var number: Int
  var server: QUICEndpoint
  var conversation: ConversationKey
  /// The version the keys are for: the client's first Initial's, then the
  /// server's once it answers in another (after Version Negotiation).
  var version: UInt32
  var clientDCID: [UInt8]
  /// The connection IDs each side chose: the client's in its first
  /// Initial, the server's in its first long-header packet.
  var clientCIDs: [[UInt8]] = []
  var serverCIDs: [[UInt8]] = []
  /// The server sent a Retry; the client's next Initial starts again.
  var retried = false
  var clientKeys: QUICInitialKeys?
  var serverKeys: QUICInitialKeys?
  var largestPacketNumber: (client: UInt64?, server: UInt64?) = (nil, nil)
  var crypto = (client: QUICCryptoStream(), server: QUICCryptoStream())

  /// The Initial keys for one direction, derived once for the connection's version.
  mutating func keys(fromServer: Bool) -> QUICInitialKeys {
    if fromServer {
      let keys = serverKeys ?? QUICInitialKeys(version: version, clientDCID: clientDCID, fromServer: true)
      serverKeys = keys
      return keys
    }
    let keys = clientKeys ?? QUICInitialKeys(version: version, clientDCID: clientDCID, fromServer: false)
    clientKeys = keys
    return keys
  }

  /// The full packet number from its truncated form (RFC 9000 appendix A.3),
  /// near the largest seen in that direction.
  func packetNumber(truncated: UInt64, bytes: Int, fromServer: Bool) -> UInt64 {
    let largest = fromServer ? largestPacketNumber.server : largestPacketNumber.client
    var number = truncated
    if let largest {
      let window: UInt64 = 1 << UInt64(bytes * 8)
      let half = window / 2
      let expected = largest &+ 1
      let candidate = (expected & ~(window - 1)) | truncated
      if candidate &+ half <= expected && candidate < (1 << 62) - window {
        number = candidate + window
      } else if candidate > expected &+ half && candidate >= window {
        number = candidate - window
      } else {
        number = candidate
      }
    }
    return number
  }

  /// Notes a packet number seen in a direction.
  mutating func saw(_ number: UInt64, fromServer: Bool) {
    if fromServer {
      largestPacketNumber.server = max(number, largestPacketNumber.server ?? 0)
    } else {
      largestPacketNumber.client = max(number, largestPacketNumber.client ?? 0)
    }
  }
}

/// The CRYPTO data of one direction's Initial packets, handed on in order
/// as Wireshark 4.0 does: data that continues what was handed on goes on
/// at once; once a later piece has come first, pieces wait until the gap is
/// filled and then go on together, from the end of what was handed on to
/// the end of the furthest piece.
struct QUICCryptoStream {
  /// The end of the data handed on so far.
  var handedOn: UInt64 = 0
  var waiting: [(offset: UInt64, bytes: [UInt8])] = []
  var waitingBytes = 0
  /// Pieces waiting for a gap are kept up to this many bytes; past it
  /// further pieces are dropped.
  static let waitingLimit = 1 << 16

  /// Bytes handed on that do not yet make a whole handshake message: TLS
  /// reads a message cut across CRYPTO frames once it is whole, in the
  /// packet that completes it, as tshark does. At most `waitingLimit`.
  var partialMessage: [UInt8] = []

  /// `ready` after the partial message before it: the whole handshake
  /// messages (type, 3-byte length, body) at the front; the rest waits.
  mutating func wholeMessages(_ ready: [UInt8]) -> [UInt8] {
    partialMessage += ready
    var end = 0
    while partialMessage.count - end >= 4 {
      let length =
        Int(partialMessage[end + 1]) << 16 | Int(partialMessage[end + 2]) << 8 | Int(partialMessage[end + 3])
      guard partialMessage.count - end - 4 >= length else { break }
      end += 4 + length
    }
    let whole = Array(partialMessage[..<end])
    partialMessage.removeFirst(end)
    // A message longer than is kept is never read; its bytes are dropped.
    if partialMessage.count > Self.waitingLimit { partialMessage.removeAll() }
    return whole
  }

  /// Adds a piece at `offset`; answers the bytes to hand on now, if any.
  mutating func add(offset: UInt64, bytes: [UInt8]) -> [UInt8]? {
    guard !bytes.isEmpty, offset <= UInt64(1) << 62 else { return nil }
    let end = offset + UInt64(bytes.count)
    if end <= handedOn { return nil }
    if waiting.isEmpty && offset <= handedOn {
      let from = Int(handedOn - offset)
      handedOn = end
      return Array(bytes[from...])
    }
    guard waitingBytes + bytes.count <= Self.waitingLimit else { return nil }
    waiting.append((offset, bytes))
    waitingBytes += bytes.count
    waiting.sort { $0.offset < $1.offset }
    var reach = handedOn
    var furthest = handedOn
    for piece in waiting {
      let pieceEnd = piece.offset + UInt64(piece.bytes.count)
      furthest = max(furthest, pieceEnd)
      if piece.offset <= reach { reach = max(reach, pieceEnd) }
    }
    guard reach >= furthest else { return nil }
    var joined = [UInt8](repeating: 0, count: Int(furthest - handedOn))
    for piece in waiting {
      for (i, byte) in piece.bytes.enumerated() where piece.offset + UInt64(i) >= handedOn {
        joined[Int(piece.offset + UInt64(i) - handedOn)] = byte
      }
    }
    handedOn = furthest
    waiting.removeAll()
    waitingBytes = 0
    return joined
  }
}

/// The connections seen so far, found as Wireshark 4.0 finds them: a
/// long header by its Destination Connection ID (a client's first
/// Destination Connection ID for Initial and 0-RTT packets, else an ID
/// either side chose), a packet without one by its UDP conversation.
/// Bounded: past `limit` connections the oldest is forgotten.
final class QUICConnections {
  @exclusivity(unchecked) private(set) var connections: [Int: QUICConnection] = [:]
  @exclusivity(unchecked) private var byConversation: [ConversationKey: Int] = [:]
  /// Clients' first Destination Connection IDs.
  @exclusivity(unchecked) private var byInitialID: [[UInt8]: Int] = [:]
  /// IDs clients chose (a packet sent to one comes from the server) and servers chose.
  @exclusivity(unchecked) private var byClientID: [[UInt8]: Int] = [:]
  @exclusivity(unchecked) private var byServerID: [[UInt8]: Int] = [:]
  @exclusivity(unchecked) private var next = 0
  @exclusivity(unchecked) private var oldest = 0
  static let limit = 4096

  var isEmpty: Bool { connections.isEmpty }

  /// Whether a connection travels in `conversation`.
  func holds(_ conversation: ConversationKey) -> Bool { byConversation[conversation] != nil }

  subscript(number: Int) -> QUICConnection? {
    get { connections[number] }
    set { connections[number] = newValue }
  }

  /// The connection a long-header packet of `type` (as version 1 numbers
  /// types) belongs to, and whether the server sent it.
  func find(type: UInt64, dcid: [UInt8], conversation: ConversationKey, source: QUICEndpoint) -> (Int, fromServer: Bool)? {
    if (type == 0 || type == 1) && !dcid.isEmpty, let number = byInitialID[dcid] { return (number, false) }
    if type == 1 && !dcid.isEmpty { return nil }
    return find(dcid: dcid, conversation: conversation, source: source)
  }

  /// By an ID a side chose, or without one by the conversation.
  private func find(dcid: [UInt8], conversation: ConversationKey, source: QUICEndpoint) -> (Int, fromServer: Bool)? {
    if dcid.isEmpty {
      guard let number = byConversation[conversation], let connection = connections[number] else { return nil }
      return (number, connection.server == source)
    }
    if let number = byClientID[dcid] { return (number, true) }
    if let number = byServerID[dcid] { return (number, false) }
    return nil
  }

  /// The connection a short-header packet belongs to: the conversation's
  /// when the receiver's first ID starts the packet's bytes, else one whose
  /// ID does, the longest found first.
  func findShort(_ bytes: [UInt8], conversation: ConversationKey, source: QUICEndpoint)
    -> (number: Int, fromServer: Bool)?
  {
    if let number = byConversation[conversation], let connection = connections[number] {
      let fromServer = connection.server == source
      if bytes.starts(with: (fromServer ? connection.clientCIDs : connection.serverCIDs).first ?? []) {
        return (number, fromServer)
      }
    }
    guard !byClientID.isEmpty || !byServerID.isEmpty else { return nil }
    for length in stride(from: min(20, bytes.count), through: 1, by: -1) {
      let id = Array(bytes[..<length])
      if let number = byClientID[id] { return (number, true) }
      if let number = byServerID[id] { return (number, false) }
    }
    return nil
  }

  /// Starts a connection at a client's Initial packet sent to `server`.
  func create(version: UInt32, dcid: [UInt8], scid: [UInt8], conversation: ConversationKey, server: QUICEndpoint) -> Int {
    if connections.count >= Self.limit { forgetOldest() }
    let number = next
    next += 1
    connections[number] = QUICConnection(
      number: number, server: server, conversation: conversation, version: version, clientDCID: dcid)
    byConversation[conversation] = number
    if !dcid.isEmpty { byInitialID[dcid] = number }
    if !scid.isEmpty {
      connections[number]?.clientCIDs = [scid]
      byClientID[scid] = number
    }
    return number
  }

  /// Notes the server's first Source Connection ID (from its first Initial,
  /// Handshake or Retry packet) and its version (a new one makes new
  /// keys); a Retry also makes the client's next Initial start again, with
  /// keys from its new Destination Connection ID.
  func serverPacket(_ number: Int, version: UInt32, scid: [UInt8], retry: Bool) {
    guard var connection = connections[number] else { return }
    if retry { connection.retried = true }
    if version != connection.version {
      connection.version = version
      connection.clientKeys = nil
      connection.serverKeys = nil
    }
    if connection.serverCIDs.isEmpty && !scid.isEmpty {
      connection.serverCIDs = [scid]
      byServerID[scid] = number
    }
    connections[number] = connection
  }

  /// A client's Initial after a Retry: its IDs start the handshake again.
  func clientInitial(_ number: Int, dcid: [UInt8], scid: [UInt8]) {
    guard var connection = connections[number], connection.retried, !dcid.isEmpty else { return }
    connection.retried = false
    connection.clientDCID = dcid
    connection.clientKeys = nil
    connection.serverKeys = nil
    byInitialID[dcid] = number
    if !scid.isEmpty {
      connection.clientCIDs = [scid]
      byClientID[scid] = number
    }
    for id in connection.serverCIDs where byServerID[id] == number { byServerID[id] = nil }
    connection.serverCIDs = []
    connections[number] = connection
  }

  private func forgetOldest() {
    while connections[oldest] == nil && oldest < next { oldest += 1 }
    guard let connection = connections.removeValue(forKey: oldest) else { return }
    if byConversation[connection.conversation] == oldest { byConversation[connection.conversation] = nil }
    if byInitialID[connection.clientDCID] == oldest { byInitialID[connection.clientDCID] = nil }
    for id in connection.clientCIDs where byClientID[id] == oldest { byClientID[id] = nil }
    for id in connection.serverCIDs where byServerID[id] == oldest { byServerID[id] = nil }
    oldest += 1
  }
}
