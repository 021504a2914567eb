/// One MySQL packet's payload, from `start` to its declared `end` (both
/// from the layer's start). Reads past the end of the segment are cut
/// short (Wireshark's unreassembled PDU); past the declared end, malformed.
struct MySQLPacket {
  let c: LayerCursor
  let start: Int
  let end: Int

  static let capsLongPassword: UInt64 = 0x0001
  static let capsConnectWithDatabase: UInt64 = 0x0008
  static let capsProtocol41: UInt64 = 0x0200
  static let capsSSL: UInt64 = 0x0800
  static let capsSecureConnection: UInt64 = 0x8000
  static let extCapsPluginAuth: UInt64 = 0x0008
  static let extCapsDeprecateEOF: UInt64 = 0x0100
  static let extCapsQueryAttributes: UInt64 = 0x0800
  static let commandQuery: UInt8 = 3
  static let commandFieldList: UInt8 = 4
  static let commandProcessInfo: UInt8 = 10
  static let commandChangeUser: UInt8 = 17

  func need(_ offset: Int, _ count: Int) throws(DissectionStop) {
    guard offset >= 0, count >= 0, offset <= end, count <= end - offset else {
      throw end > c.capturedLength ? .truncated : .malformed
    }
    guard offset + count <= c.capturedLength else { throw .truncated }
  }

  /// A little-endian integer field.
  @discardableResult
  func number(_ field: MySQL, at offset: Int, _ count: Int) throws(DissectionStop) -> UInt64 {
    try need(offset, count)
    var value: UInt64 = 0
    for i in (0..<count).reversed() { value = value << 8 | UInt64(try c.uint8(offset + i)) }
    try c.add(field, at: offset, count, value: value)
    return value
  }

  /// Where the NUL-terminated string at `offset` ends, the NUL included;
  /// without a NUL, the string runs to the end of the packet.
  func stringSize(_ offset: Int) throws(DissectionStop) -> Int {
    var at = offset
    let limit = min(end, c.capturedLength)
    while at < limit {
      if try c.uint8(at) == 0 { return at - offset + 1 }
      at += 1
    }
    return max(0, limit - offset)
  }

  /// Records the string of `size` bytes at `offset` (a final NUL left out).
  func string(_ field: MySQL, at offset: Int, _ size: Int) throws(DissectionStop) {
    try need(offset, size)
    c.computed(field, at: offset, size, bytes: HTTP.asciiText(c.bytes.slice(offset, size).copyBytes()))
  }

  // MARK: Server to client

  func response(sequence: UInt8, _ conversation: inout MySQLConversation) throws(DissectionStop) {
    if sequence == 0 && !conversation.greeted {
      conversation.greeted = true
      try greeting(&conversation)
      return
    }
    let code = try c.uint8(start)
    switch code {
    case 0xff:
      try number(.responseCode, at: start, 1)
      try errorPacket(at: start + 1)
      conversation.expecting = .request
    case 0xfe where conversation.expecting == .authSwitch:
      // An authentication switch request: the client answers with data.
      try number(.responseCode, at: start, 1)
      conversation.expecting = .authSwitchResponse
    case 0xfe where conversation.deprecatesEOF && end - start < 0xff_ffff:
      // An OK packet in an EOF packet's place.
      try number(.responseCode, at: start, 1)
      try okPacket(at: start + 1)
      conversation.expecting = .request
    case 0xfe where end - start < 9:
      try number(.responseCode, at: start, 1)
      if end - start >= 5 {
        try number(.warnings, at: start + 1, 2)
        try number(.serverStatus, at: start + 3, 2)
      }
      conversation.eofSeen()
    case 0x00 where conversation.expecting != .rows && conversation.expecting != .fields:
      try number(.responseCode, at: start, 1)
      try okPacket(at: start + 1)
      conversation.expecting = .request
    default:
      if conversation.expecting == .tabular {
        let (count, size) = try lengthEncoded(at: start)
        try c.add(MySQL.numFields, at: start, size, value: count)
        conversation.expecting = .fields
      }
    }
  }

  private func greeting(_ conversation: inout MySQLConversation) throws(DissectionStop) {
    var n = start
    if try c.uint8(n) == 0xff {
      // Refused before the greeting: the error, with no response code.
      try errorPacket(at: n + 1)
      return
    }
    try number(.protocolVersion, at: n, 1)
    n += 1
    var size = try stringSize(n)
    try string(.version, at: n, size - 1)
    conversation.mariaDBVersion = c.bytes.slice(n, max(0, size - 1)).copyBytes().contains(Array("MariaDB".utf8))
    n += size
    try number(.threadID, at: n, 4)
    n += 4
    size = try stringSize(n)
    try string(.salt, at: n, size - 1)
    n += size
    guard n < end else { return }
    conversation.serverCaps = try number(.serverCaps, at: n, 2)
    n += 2
    guard n < end else { return }
    // MariaDB's collation is a field of its own (mariadb.server_language).
    if !conversation.isMariaDB { try number(.serverLanguage, at: n, 1) }
    try number(.serverStatus, at: n + 1, 2)
    conversation.serverExtCaps = try number(.extServerCaps, at: n + 3, 2)
    try number(.authPluginLength, at: n + 5, 1)
    // Four of MariaDB's ten reserved bytes are its extended capabilities.
    let unusedCount = conversation.isMariaDB ? 6 : 10
    try need(n + 6, unusedCount)
    try c.add(MySQL.unused, at: n + 6, unusedCount)
    n += 16
    size = try stringSize(n)
    try string(.salt2, at: n, size - 1)
    n += size
    if n < end {
      size = try stringSize(n)
      try string(.authPlugin, at: n, size - 1)
    }
  }

  private func errorPacket(at start: Int) throws(DissectionStop) {
    try number(.errorCode, at: start, 2)
    var n = start + 2
    if try c.uint8(n) == UInt8(ascii: "#") {
      try string(.sqlState, at: n + 1, 5)
      n += 6
    }
    try string(.errorMessage, at: n, max(0, min(end, c.capturedLength) - n))
  }

  private func okPacket(at start: Int) throws(DissectionStop) {
    let (rows, size) = try lengthEncoded(at: start)
    try c.add(MySQL.affectedRows, at: start, size, value: rows)
    var n = start + size
    let (_, idSize) = try lengthEncoded(at: n)
    n += idSize
    guard n < end else { return }
    try number(.serverStatus, at: n, 2)
    try number(.warnings, at: n + 2, 2)
  }

  /// A length-encoded integer: its value and size.
  private func lengthEncoded(at offset: Int) throws(DissectionStop) -> (UInt64, Int) {
    let first = try c.uint8(offset)
    let size =
      switch first {
      case 0xfc: 3
      case 0xfd: 4
      case 0xfe: 9
      default: 1
      }
    try need(offset, size)
    guard size > 1 else { return (UInt64(first), 1) }
    var value: UInt64 = 0
    for i in (1..<size).reversed() { value = value << 8 | UInt64(try c.uint8(offset + i)) }
    return (value, size)
  }

  // MARK: Client to server

  func request(sequence: UInt8, _ conversation: inout MySQLConversation) throws(DissectionStop) {
    if sequence == 1 || (sequence == 2 && conversation.expecting == .authSwitch) {
      try login(&conversation)
      return
    }
    if conversation.expecting == .authSwitchResponse {
      // The authentication method's data: not taken apart.
      conversation.expecting = .ok
      return
    }
    let code = try c.uint8(start)
    try number(.command, at: start, 1)
    let n = start + 1
    switch code {
    case MySQLPacket.commandQuery:
      conversation.expecting = .tabular
      var at = n
      if conversation.queryAttributes {
        guard let past = try queryAttributes(at: at) else { break }
        at = past
      }
      try string(.query, at: at, try stringSize(at))
    case 2, 5, 6:
      try string(.schema, at: n, try stringSize(n))
      conversation.expecting = .ok
    case MySQLPacket.commandFieldList:
      conversation.expecting = .fields
    case MySQLPacket.commandProcessInfo:
      conversation.expecting = .tabular
    case MySQLPacket.commandChangeUser:
      conversation.expecting = .authSwitch
      try changeUser(at: n, conversation)
    default:
      conversation.expecting = .ok
    }
  }

  /// A query's attributes (CLIENT_QUERY_ATTRIBUTES): their count, the
  /// parameter set count, and when there are any, the null bitmap, whether
  /// types are sent, each type and name, and each value not null. Answers
  /// where the query starts; nil when the values' types are not sent.
  /// Wireshark 4.0 reads every value as a length-encoded string, whatever
  /// its type (a number's first byte taken for a length), and so does this.
  private func queryAttributes(at offset: Int) throws(DissectionStop) -> Int? {
    let (count, size) = try lengthEncoded(at: offset)
    var at = offset + size
    at += try lengthEncoded(at: at).1
    guard count > 0 else { return at }
    guard count <= UInt64(end) else { throw .malformed }
    let bitmap = (Int(count) + 7) / 8
    try need(at, bitmap)
    try c.add(MySQL.unused, at: at, bitmap)
    let nulls = at
    at += bitmap
    try need(at, 1)
    guard try c.uint8(at) == 1 else { return nil }
    at += 1
    for _ in 0..<count {
      try need(at, 2)
      at += 2
      at = try skipString(at: at)
    }
    for index in 0..<Int(count) where try c.uint8(nulls + index / 8) >> (index % 8) & 1 == 0 {
      at = try skipString(at: at)
    }
    return at
  }

  /// Where the length-encoded string at `offset` ends, after checking
  /// that the packet holds it.
  private func skipString(at offset: Int) throws(DissectionStop) -> Int {
    let (length, size) = try lengthEncoded(at: offset)
    guard length <= UInt64(end) else { throw .malformed }
    try need(offset + size, Int(length))
    return offset + size + Int(length)
  }

  /// COM_CHANGE_USER: the user, the authentication response (as the
  /// login's capabilities lay it out), the schema, then, when the packet
  /// goes on, the character set and the authentication plugin's name.
  private func changeUser(at offset: Int, _ conversation: MySQLConversation) throws(DissectionStop) {
    var n = offset
    var size = try stringSize(n)
    try string(.user, at: n, size)
    n += size
    if conversation.clientCaps & MySQLPacket.capsSecureConnection != 0 {
      size = Int(try c.uint8(n))
      n += 1
    } else {
      size = try stringSize(n)
    }
    try need(n, size)
    try c.add(MySQL.password, at: n, size)
    n += size
    size = try stringSize(n)
    try string(.schema, at: n, size)
    n += size
    guard n < end else { return }
    try number(.charset, at: n, 2)
    n += 2
    if conversation.clientExtCaps & MySQLPacket.extCapsPluginAuth != 0 {
      try string(.clientAuthPlugin, at: n, try stringSize(n))
    }
  }

  private func login(_ conversation: inout MySQLConversation) throws(DissectionStop) {
    conversation.expecting = .ok
    var n = start
    let caps = try number(.clientCaps, at: n, 2)
    conversation.clientCaps = caps
    n += 2
    if caps & conversation.serverCaps & MySQLPacket.capsSSL != 0, conversation.tlsAfterFrame == nil {
      conversation.tlsAfterFrame = c.dissection.frame.number
    }
    var extCaps: UInt64 = 0
    if caps & MySQLPacket.capsProtocol41 != 0 {
      extCaps = try number(.extClientCaps, at: n, 2)
      conversation.clientExtCaps = extCaps
      conversation.deprecatesEOF = extCaps & conversation.serverExtCaps & MySQLPacket.extCapsDeprecateEOF != 0
      conversation.queryAttributes = extCaps & conversation.serverExtCaps & MySQLPacket.extCapsQueryAttributes != 0
      try number(.maxPacket, at: n + 2, 4)
      if !conversation.isMariaDB { try number(.charset, at: n + 6, 1) }
      try need(n + 7, 23)
      try c.add(MySQL.unused, at: n + 7, 23)
      n += 30
    } else {
      try number(.maxPacket, at: n, 3)
      n += 3
    }
    var size = try stringSize(n)
    try string(.user, at: n, size)
    n += size
    guard n < end else { return }
    if caps & MySQLPacket.capsSecureConnection != 0 {
      size = Int(try c.uint8(n))
      n += 1
    } else {
      size = try stringSize(n)
    }
    if size > 1 {
      try need(n, size)
      try c.add(MySQL.password, at: n, size)
    }
    n += size
    if caps & MySQLPacket.capsConnectWithDatabase != 0 {
      size = try stringSize(n)
      try string(.schema, at: n, size)
      n += size
    }
    if extCaps & MySQLPacket.extCapsPluginAuth != 0 {
      conversation.expecting = .authSwitch
      size = try stringSize(n)
      try string(.clientAuthPlugin, at: n, size)
    }
  }
}

/// What MySQL remembers about one connection: whether the server greeted,
/// its capabilities, what the next response is, and when TLS started.
struct MySQLConversation {
  enum Expecting { case request, ok, tabular, fields, rows, authSwitch, authSwitchResponse }
  var greeted = false
  var serverCaps: UInt64 = 0
  var serverExtCaps: UInt64 = 0
  /// Both sides offered CLIENT_DEPRECATE_EOF: OK packets end result sets.
  var deprecatesEOF = false
  /// Both sides offered CLIENT_QUERY_ATTRIBUTES: a query starts with them.
  var queryAttributes = false

  /// The login's capabilities, which lay out a Change User.
  var clientCaps: UInt64 = 0
  var clientExtCaps: UInt64 = 0
  /// The greeting's version names MariaDB.
  var mariaDBVersion = false

  /// A server without CLIENT_LONG_PASSWORD (CLIENT_IS_MYSQL), or whose
  /// version says so, is MariaDB.
  var isMariaDB: Bool { greeted && (serverCaps & MySQLPacket.capsLongPassword == 0 || mariaDBVersion) }
  var expecting = Expecting.request
  var tlsAfterFrame: Int?

  /// An EOF packet ends a result set's fields, then its rows.
  mutating func eofSeen() {
    switch expecting {
    case .fields: expecting = .rows
    default: expecting = .request
    }
  }
}
