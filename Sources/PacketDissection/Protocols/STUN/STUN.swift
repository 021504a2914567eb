import CZlib

/// Session Traversal Utilities for NAT (RFC 8489) on UDP port 3478, and
/// in UDP wherever Wireshark's heuristic finds it (`STUN.claims`): the
/// 20-byte header and the attributes, each with the values Wireshark
/// reads. A message without RFC 5389's magic cookie, or whose length is
/// not the datagram's, is not STUN (Wireshark leaves it to classic STUN,
/// which pktsh does not dissect). TURN ChannelData messages are read only
/// on the STUN port. STUN over TCP (its port, its heuristic, RFC 4571
/// framing) is not read.
enum STUN: UInt8, ProtocolModule {
  case item, channel, type, typeClass, typeMethod, typeMethodAssignment, length, cookie, transactionID,
    networkVersion, attributes, attribute, attributeType, comprehension, assignment, attributeLength, reserved,
    family, port, ipv4, ipv6, xorPort, xorIPv4, xorIPv6, username, password, hmac, errorClass, errorNumber,
    errorReason, unknownAttribute, usernameOpaque, realm, nonce, priority, padding, software, crc32, crc32Status, tieBreaker,
    value, lifetime, channelNumber, transport, changeIP, changePort, cacheTimeout, reserveNext, token, icmpType,
    icmpCode, magicCookie, bandwidth

  static var protocolID: ProtocolID { .stun }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.udpPort, 3478)]
  static let heuristicTables: [DispatchTable] = [.udpPort]
  static let headerBits = 160
  static var variablePart: String? { "Attributes" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("stun", "Session Traversal Utilities for NAT")
    case .channel: .loose("stun.channel", "Channel Number", .uint(bytes: 2), base: .hex)
    case .type: .uint("stun.type", "Message Type", at: 0, bytes: 2, base: .hex)
    // The class's and method's bits interleave: the diagram draws the type whole.
    case .typeClass: .loose("stun.type.class", "Message Class", .uint(bytes: 2), base: .hex, mask: 0x0110)
    case .typeMethod: .loose("stun.type.method", "Message Method", .uint(bytes: 2), base: .hex, mask: 0x3eef)
    case .typeMethodAssignment:
      .loose("stun.type.method-assignment", "Message Method Assignment", .uint(bytes: 2), base: .hex, mask: 0x2000)
    case .length: .uint("stun.length", "Message Length", at: 2, bytes: 2)
    case .cookie: .fixed("stun.cookie", "Message Cookie", .bytes, at: 4, bytes: 4)
    case .transactionID: .fixed("stun.id", "Message Transaction ID", .bytes, at: 8, bytes: 12)
    case .networkVersion:
      .loose("stun.network_version", "STUN Network Version", .uint(bytes: 1), values: .stunNetworkVersions)
    case .attributes: .loose("stun.attributes", "Attributes", .label)
    case .attribute: .loose("stun.attribute", "Attribute Type", .uint(bytes: 2), base: .hex)
    case .attributeType: .loose("stun.att.type", "Attribute Type", .uint(bytes: 2), base: .hex, values: .stunAttributes)
    case .comprehension:
      .loose("stun.att.type.comprehension", "Attribute Type Comprehension", .uint(bytes: 2), base: .hex, mask: 0x8000)
    case .assignment:
      .loose("stun.att.type.assignment", "Attribute Type Assignment", .uint(bytes: 2), base: .hex, mask: 0x4000)
    case .attributeLength: .loose("stun.att.length", "Attribute Length", .uint(bytes: 2))
    case .reserved: .loose("stun.att.reserved", "Reserved", .bytes)
    case .family: .loose("stun.att.family", "Protocol Family", .uint(bytes: 1), base: .hex, values: .stunFamilies)
    case .port: .loose("stun.att.port", "Port", .uint(bytes: 2))
    case .ipv4: .loose("stun.att.ipv4", "IP", .ipv4)
    case .ipv6: .loose("stun.att.ipv6", "IP", .ipv6)
    case .xorPort: .loose("stun.att.port-xord", "Port (XOR-d)", .bytes)
    case .xorIPv4: .loose("stun.att.ipv4-xord", "IP (XOR-d)", .bytes)
    case .xorIPv6: .loose("stun.att.ipv6-xord", "IP (XOR-d)", .bytes)
    case .username: .loose("stun.att.username", "Username", .string)
    case .usernameOpaque: .loose("stun.att.username.opaque", "Username", .bytes)
    case .password: .loose("stun.att.password", "Password", .bytes)
    case .hmac: .loose("stun.att.hmac", "HMAC-SHA1", .bytes)
    case .errorClass: .loose("stun.att.error.class", "Error Class", .uint(bytes: 1), mask: 0x07)
    case .errorNumber: .loose("stun.att.error", "Error Code", .uint(bytes: 1))
    case .errorReason: .loose("stun.att.error.reason", "Error Reason Phrase", .string)
    case .unknownAttribute: .loose("stun.att.unknown", "Unknown Attribute", .uint(bytes: 2), base: .hex)
    case .realm: .loose("stun.att.realm", "Realm", .string)
    case .nonce: .loose("stun.att.nonce", "Nonce", .string)
    case .priority: .loose("stun.att.priority", "Priority", .uint(bytes: 4))
    case .padding: .loose("stun.att.padding", "Padding", .uint(bytes: 2))
    case .software: .loose("stun.att.software", "Software", .string)
    case .crc32: .loose("stun.att.crc32", "CRC-32", .uint(bytes: 4), base: .hex)
    case .crc32Status: .loose("stun.att.crc32.status", "CRC-32 Status", .uint(bytes: 1), values: .checksumStatus)
    case .tieBreaker: .loose("stun.att.tie-breaker", "Tie breaker", .bytes)
    case .value: .loose("stun.value", "Value", .bytes)
    case .lifetime:
      .loose("stun.att.lifetime", "Lifetime", .uint(bytes: 4), blurb: "Session idle time remaining (seconds)")
    case .channelNumber: .loose("stun.att.channelnum", "Channel-Number", .uint(bytes: 2), base: .hex)
    case .transport: .loose("stun.att.transp", "Transport", .uint(bytes: 1), base: .hex, values: .stunTransports)
    case .changeIP: .loose("stun.att.change-ip", "Change IP", .boolean(bytes: 2), mask: 0x4)
    case .changePort: .loose("stun.att.change-port", "Change Port", .boolean(bytes: 2), mask: 0x2)
    case .cacheTimeout: .loose("stun.att.cache-timeout", "Cache timeout", .uint(bytes: 4))
    case .reserveNext: .loose("stun.att.even-port.reserve-next", "Reserve next", .uint(bytes: 1), mask: 0x80)
    case .token: .loose("stun.att.token", "Token", .bytes)
    case .icmpType: .loose("stun.att.icmp.type", "ICMP type", .uint(bytes: 1))
    case .icmpCode: .loose("stun.att.icmp.code", "ICMP code", .uint(bytes: 1))
    case .magicCookie: .loose("stun.att.magic_cookie", "Magic Cookie", .uint(bytes: 4), base: .hex)
    case .bandwidth: .loose("stun.port.bandwidth", "Bandwidth", .uint(bytes: 4), blurb: "Peak Bandwidth (kBit/s)")
    }
  }

  static let magic: UInt32 = 0x2112_a442
  static let headerLength = 20
  /// Wireshark's network versions (`stun.network_version`) pktsh tells apart.
  static let msTURNVersion: UInt64 = 1
  static let rfc5389Version: UInt64 = 3

  /// Whether the payload at `offset` is a STUN message as Wireshark's
  /// heuristic takes one: a header with the magic cookie,
  /// a method below 0x100, and a length that is the rest of the payload.
  /// A TURN ChannelData message is never found this way.
  static func claims(_ c: LayerCursor, at offset: Int) -> Bool {
    let available = c.length - offset
    guard available >= headerLength, c.capturedLength - offset >= headerLength,
      let type = try? c.uint16(offset), let length = try? c.uint16(offset + 2),
      let cookie = try? c.uint32(offset + 4)
    else { return false }
    return type & 0xc000 == 0 && method(type) <= 0xff && cookie == magic && available == Int(length) + headerLength
  }

  /// The method bits of a message type, put together.
  static func method(_ type: UInt16) -> UInt16 { (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2) }

  /// The class bits of a message type: 0 request, 1 indication, 2 success, 3 error.
  static func messageClass(_ type: UInt16) -> UInt16 { ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7) }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let messageType = try c.uint16(0)
    let messageLength = Int(try c.uint16(2))
    if messageType & 0xc000 != 0 { return try channelData(&c, type: messageType, length: messageLength) }
    // As Wireshark's port dissector: what is not a STUN message is data.
    guard claims(c, at: 0) else { return .data(at: c.start, end: c.end) }
    try c.fixed(type)
    let bits = UInt64(messageType)
    try c.add(typeClass, at: 0, 2, value: (bits & 0x0110) >> 4, depth: 2)
    try c.add(typeMethod, at: 0, 2, value: bits & 0x3eef, depth: 2)
    try c.add(typeMethodAssignment, at: 0, 2, value: (bits & 0x2000) >> 13, depth: 2)
    try c.fixed(length)
    try c.fixed(cookie)
    try c.fixed(transactionID)
    guard messageLength != 0 else { return .stop }
    // MS-TURN's messages start with a MAGIC-COOKIE attribute, and pad nothing.
    let version = try c.uint16(headerLength) == STUNNames.magicCookieAttribute ? msTURNVersion : rfc5389Version
    c.generated(networkVersion, value: version)
    try c.add(attributes, at: headerLength, messageLength)
    try attributeList(&c, end: headerLength + messageLength, msTURN: version == msTURNVersion)
    return .stop
  }

  /// A TURN ChannelData message on the STUN port: the channel and length,
  /// and the data after them. Wireshark takes a channel above 0x7fff (but
  /// MS-TURN's multiplexed one, 0xff10) for something else.
  private static func channelData(_ c: inout LayerCursor, type: UInt16, length: Int) throws(DissectionStop) -> Next {
    let padded = (length + 4 + 3) & ~3
    let fits = c.length == length + 4 || c.length == padded
    guard type & 0x8000 == 0 || type == 0xff10, type != 0xffff, fits else { return .data(at: c.start, end: c.end) }
    c.limit(to: 4)
    try c.add(channel, at: 0, 2, value: UInt64(type))
    try c.add(self.length, at: 2, 2, value: UInt64(length))
    return .data(at: c.start + 4, end: c.start + 4 + length)
  }

  /// The attributes from the header's end to `end`, as Wireshark lists
  /// them; one whose length runs past the message ends the list.
  private static func attributeList(_ c: inout LayerCursor, end: Int, msTURN: Bool) throws(DissectionStop) {
    var offset = headerLength
    while offset < end {
      let code = try c.uint16(offset)
      let count = Int(try c.uint16(offset + 2))
      let padded = msTURN ? count : (count + 3) & ~3
      // MS-TURN swaps REALM's and NONCE's numbers.
      let shown = msTURN && (code == 0x0014 || code == 0x0015) ? code ^ 1 : code
      if STUNNames.attributeName(UInt64(shown)) != nil {
        try c.add(attribute, at: offset, 4 + padded, value: UInt64(code), depth: 2)
        try c.add(attributeType, at: offset, 2, value: UInt64(code), depth: 3)
        try c.add(comprehension, at: offset, 2, value: UInt64(code >> 15), depth: 4)
        try c.add(assignment, at: offset, 2, value: UInt64((code >> 14) & 1), depth: 4)
        if offset + 4 + padded > end {
          try c.add(attributeLength, at: offset + 2, 2, value: UInt64(padded), depth: 3)
          return
        }
      }
      try c.add(attributeLength, at: offset + 2, 2, value: UInt64(count), depth: 3)
      try attributeValue(&c, shown, at: offset + 4, count, msTURN: msTURN)
      if padded > count {
        try c.add(padding, at: offset + 4 + count, padded - count, value: UInt64(padded - count), depth: 3)
      }
      offset += 4 + padded
    }
  }

  /// One attribute's value, `count` bytes at `offset`, as Wireshark's
  /// switch on the attribute type reads it.
  private static func attributeValue(_ c: inout LayerCursor, _ code: UInt16, at offset: Int, _ count: Int, msTURN: Bool)
    throws(DissectionStop)
  {
    let d: UInt8 = 3
    switch code {
    case 0x0001, 0x0002, 0x0004, 0x0005, 0x000b, 0x000e, 0x0011, 0x8023, 0x802b, 0x802c, 0x8090:
      try address(&c, at: offset, count)
    case 0x0012, 0x0016, 0x0020, 0x0027, 0x0028, 0x8020, 0x8059, 0x805a, 0x805b, 0x805c:
      try xorAddress(&c, at: offset, count)
    case 0x0003:
      guard count >= 4 else { return }
      let flags = UInt64(try c.uint32(offset))
      try c.add(changeIP, at: offset, 4, value: flags >> 2 & 1, depth: d)
      try c.add(changePort, at: offset, 4, value: flags >> 1 & 1, depth: d)
    case 0x0006: try c.add(msTURN ? usernameOpaque : username, at: offset, count, depth: d)
    case 0x0007: try c.add(password, at: offset, count, depth: d)
    case 0x0008:
      guard count >= 20 else { return }
      try c.add(hmac, at: offset, count, depth: d)
    case 0x0009:
      guard count >= 2 else { return }
      try c.add(reserved, at: offset, 2, depth: d)
      guard count >= 3 else { return }
      try c.add(errorClass, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2) & 0x07), depth: d)
      guard count >= 4 else { return }
      try c.add(errorNumber, at: offset + 3, 1, value: UInt64(try c.uint8(offset + 3)), depth: d)
      guard count >= 5 else { return }
      try c.add(errorReason, at: offset + 4, count - 4, depth: d)
    case 0x000a:
      var i = 0
      while i < count {
        try c.add(unknownAttribute, at: offset + i, 2, value: UInt64(try c.uint16(offset + i)), depth: d)
        i += 2
      }
    case 0x0014: try c.add(realm, at: offset, count, depth: d)
    case 0x0015: try c.add(nonce, at: offset, count, depth: d)
    case 0x000c:
      guard count >= 4 else { return }
      try c.add(channelNumber, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: d)
      try c.add(reserved, at: offset + 2, 2, depth: d)
    case 0x000d: try uint32(&c, lifetime, at: offset, count)
    case 0x000f: try uint32(&c, magicCookie, at: offset, count)
    case 0x0010: try uint32(&c, bandwidth, at: offset, count)
    case 0x0013:
      if count > 0 { try c.add(value, at: offset, count, depth: d) }
    case 0x0017: try byteThenReserved(&c, family, at: offset, count)
    case 0x0018:
      guard count >= 1 else { return }
      try c.add(reserveNext, at: offset, 1, value: UInt64(try c.uint8(offset) >> 7), depth: d)
    case 0x0019: try byteThenReserved(&c, transport, at: offset, count)
    case 0x0022:
      guard count >= 8 else { return }
      try c.add(token, at: offset, 8, depth: d)
    case 0x0024: try uint32(&c, priority, at: offset, count)
    case 0x0026: try c.add(padding, at: offset, count, value: UInt64(count), depth: d)
    case 0x0030, 0x8004:
      guard count >= 4 else { return }
      try c.add(icmpType, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: d)
      try c.add(icmpCode, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: d)
    case 0x8022: try c.add(software, at: offset, count, depth: d)
    case 0x8027: try uint32(&c, cacheTimeout, at: offset, count)
    case 0x8028:
      guard count >= 4 else { return }
      let carried = try c.uint32(offset)
      try c.add(crc32, at: offset, 4, value: UInt64(carried), depth: d)
      let computed = checksum(c, upTo: offset - 4) ^ 0x5354_554e
      c.generated(crc32Status, value: computed == carried ? 1 : 0, depth: d)
    case 0x8029, 0x802a:
      guard count >= 8 else { return }
      try c.add(tieBreaker, at: offset, 8, depth: d)
    case _ where STUNNames.hasFieldsOfItsOwn(code):
      // Microsoft's and Google's attributes: Wireshark reads fields pktsh
      // does not declare.
      return
    default:
      if count > 0 { try c.add(value, at: offset, count, depth: d) }
    }
  }

  /// A four-byte integer attribute, shown only when it has four bytes.
  private static func uint32(_ c: inout LayerCursor, _ field: STUN, at offset: Int, _ count: Int) throws(DissectionStop) {
    guard count >= 4 else { return }
    try c.add(field, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: 3)
  }

  /// A one-byte value, then three reserved bytes (REQUESTED-ADDRESS-FAMILY,
  /// REQUESTED-TRANSPORT); as much as the attribute's length holds.
  private static func byteThenReserved(_ c: inout LayerCursor, _ field: STUN, at offset: Int, _ count: Int)
    throws(DissectionStop)
  {
    guard count >= 1 else { return }
    try c.add(field, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 3)
    guard count >= 4 else { return }
    try c.add(reserved, at: offset + 1, 3, depth: 3)
  }

  /// MAPPED-ADDRESS and its kin: reserved byte, family, port, address.
  private static func address(_ c: inout LayerCursor, at offset: Int, _ count: Int) throws(DissectionStop) {
    guard count >= 1 else { return }
    try c.add(reserved, at: offset, 1, depth: 3)
    guard count >= 2 else { return }
    let kind = try c.uint8(offset + 1)
    try c.add(family, at: offset + 1, 1, value: UInt64(kind), depth: 3)
    guard count >= 4 else { return }
    try c.add(port, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)), depth: 3)
    if kind == 1, count >= 8 {
      try c.add(ipv4, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)), depth: 3)
    } else if kind == 2, count >= 20 {
      try c.add(ipv6, at: offset + 4, 16, value: try c.uint(offset + 4, 8), depth: 3)
    }
  }

  /// XOR-MAPPED-ADDRESS and its kin: the port and address as carried,
  /// and in the clear (XORed with the cookie, and the transaction ID for
  /// IPv6's last 12 bytes), generated.
  private static func xorAddress(_ c: inout LayerCursor, at offset: Int, _ count: Int) throws(DissectionStop) {
    guard count >= 1 else { return }
    try c.add(reserved, at: offset, 1, depth: 3)
    guard count >= 2 else { return }
    let kind = try c.uint8(offset + 1)
    try c.add(family, at: offset + 1, 1, value: UInt64(kind), depth: 3)
    guard count >= 4 else { return }
    try c.add(xorPort, at: offset + 2, 2, depth: 3)
    let clearPort = try c.uint16(offset + 2) ^ UInt16(magic >> 16)
    try c.add(port, at: offset + 2, 2, value: UInt64(clearPort), depth: 3, flags: .generated)
    guard count >= 8 else { return }
    if kind == 1 {
      try c.add(xorIPv4, at: offset + 4, 4, depth: 3)
      try c.add(ipv4, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4) ^ magic), depth: 3, flags: .generated)
    } else if kind == 2, count >= 20 {
      try c.add(xorIPv6, at: offset + 4, 16, depth: 3)
      // The key is the cookie and the transaction ID: header bytes 4 to 20.
      var clear: [UInt8] = []
      for i in 0..<16 { clear.append(try c.uint8(offset + 4 + i) ^ (try c.uint8(4 + i))) }
      c.computed(ipv6, at: offset + 4, 16, bytes: clear, depth: 3, flags: .generated)
    }
  }

  /// CRC-32 of the message's first `count` bytes (FINGERPRINT's input).
  private static func checksum(_ c: LayerCursor, upTo count: Int) -> UInt32 {
    let bytes = c.bytes.slice(0, max(0, min(count, c.capturedLength))).copyBytes()
    return bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: CZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
  }
}
