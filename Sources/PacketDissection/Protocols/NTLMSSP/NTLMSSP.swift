import PacketWire

/// The NT LAN Manager security support provider's messages (MS-NLMP
/// section 2.2): NEGOTIATE, CHALLENGE and AUTHENTICATE, little-endian,
/// their strings and blobs found by the offsets of their 8-byte
/// descriptors. The negotiate flags, names, server challenge, session key
/// and version are read; the responses' and target information's insides
/// are not. A MIC after the token in SPNEGO is this layer's verifier
/// (listed again, not read).
enum NTLMSSP: UInt8, ProtocolModule {
  case item, identifier, messageType, negotiateFlags, negotiateDomain, negotiateWorkstation, targetName,
    serverChallenge, reserved, authDomain, authUser, authHost, sessionKey, versionMajor, versionMinor,
    versionBuild, versionRevision

  static var protocolID: ProtocolID { .ntlmssp }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ntlmssp", "NTLM Secure Service Provider")
    case .identifier: .loose("ntlmssp.identifier", "NTLMSSP identifier", .string)
    case .messageType:
      .loose("ntlmssp.messagetype", "NTLM Message Type", .uint(bytes: 4), base: .hex, values: .ntlmsspMessageTypes)
    case .negotiateFlags: .loose("ntlmssp.negotiateflags", "Negotiate Flags", .uint(bytes: 4), base: .hex)
    case .negotiateDomain: .loose("ntlmssp.negotiate.domain", "Calling workstation domain", .string)
    case .negotiateWorkstation: .loose("ntlmssp.negotiate.callingworkstation", "Calling workstation name", .string)
    case .targetName: .loose("ntlmssp.challenge.target_name", "Target Name", .string)
    case .serverChallenge: .loose("ntlmssp.ntlmserverchallenge", "NTLM Server Challenge", .bytes)
    case .reserved: .loose("ntlmssp.reserved", "Reserved", .bytes)
    case .authDomain: .loose("ntlmssp.auth.domain", "Domain name", .string)
    case .authUser: .loose("ntlmssp.auth.username", "User name", .string)
    case .authHost: .loose("ntlmssp.auth.hostname", "Host name", .string)
    case .sessionKey: .loose("ntlmssp.auth.sesskey", "Session Key", .bytes)
    case .versionMajor: .loose("ntlmssp.version.major", "Major Version", .uint(bytes: 1))
    case .versionMinor: .loose("ntlmssp.version.minor", "Minor Version", .uint(bytes: 1))
    case .versionBuild: .loose("ntlmssp.version.build_number", "Build Number", .uint(bytes: 2))
    case .versionRevision: .loose("ntlmssp.version.ntlm_current_revision", "NTLM Current Revision", .uint(bytes: 1))
    }
  }

  /// `NTLMSSP` and a NUL.
  static let signature: [UInt8] = Array("NTLMSSP".utf8) + [0]
  static let negotiate: UInt64 = 1
  static let challenge: UInt64 = 2
  static let authenticate: UInt64 = 3
  static let unicodeFlag: UInt64 = 0x1
  static let versionFlag: UInt64 = 0x0200_0000

  /// Whether the bytes at `offset` start an NTLMSSP message.
  static func starts(_ packet: ByteView, at offset: Int) -> Bool {
    guard offset >= 0, offset + signature.count <= packet.count else { return false }
    return signature.indices.allSatisfy { packet.byte(offset + $0) == signature[$0] }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    if starts(c.packet, at: c.start) {
      let verifier = SPNEGO.verifier(after: c)
      try message(c)
      if verifier != nil { c.listAgain() }
    }
    // A message the segment cuts ends the packet as tshark's read of it does.
    if c.capturedLength < c.length { throw .truncated }
    return .stop
  }

  /// Reads the NTLMSSP message of `count` bytes at `offset` of another
  /// protocol's layer (DCE/RPC's authentication verifier) into that
  /// layer's records, as tshark reads it there without listing NTLMSSP
  /// in the chain.
  static func read(inside c: LayerCursor, at offset: Int, _ count: Int) throws(DissectionStop) {
    guard starts(c.packet, at: c.start + offset) else { return }
    var inner = c
    inner.start = c.start + offset
    inner.end = min(c.end, inner.start + count)
    inner.depth = c.depth + 1
    try message(inner)
  }

  private static func le16(_ c: LayerCursor, _ at: Int) throws(DissectionStop) -> Int { Int(try c.uint16(at).byteSwapped) }
  private static func le32(_ c: LayerCursor, _ at: Int) throws(DissectionStop) -> UInt64 {
    UInt64(try c.uint32(at).byteSwapped)
  }

  /// One message, at the layer's start; its strings and blobs are found
  /// by their descriptors' offsets from there.
  private static func message(_ c: LayerCursor) throws(DissectionStop) {
    try c.add(identifier, at: 0, 7)
    let type = try le32(c, 8)
    try c.add(messageType, at: 8, 4, value: type, flags: .littleEndian)
    switch type {
    case negotiate:
      let flags = try le32(c, 12)
      try c.add(negotiateFlags, at: 12, 4, value: flags, flags: .littleEndian)
      let domainEnd = try string(c, negotiateDomain, descriptor: 16, unicode: false)
      let workstationEnd = try string(c, negotiateWorkstation, descriptor: 24, unicode: false)
      if flags & versionFlag != 0, 40 <= max(domainEnd, workstationEnd, 40) { try version(c, at: 32) }
    case challenge:
      let flags = try le32(c, 20)
      let unicode = flags & unicodeFlag != 0
      let dataStart = try descriptorOffset(c, 12)
      _ = try string(c, targetName, descriptor: 12, unicode: unicode)
      try c.add(negotiateFlags, at: 20, 4, value: flags, flags: .littleEndian)
      try c.add(serverChallenge, at: 24, 8)
      try c.add(reserved, at: 32, 8)
      if dataStart >= 56, flags & versionFlag != 0 { try version(c, at: 48) }
    case authenticate:
      var dataStart = Int.max
      for descriptor in [12, 20, 28, 36, 44] where try le16(c, descriptor) > 0 {
        dataStart = min(dataStart, try descriptorOffset(c, descriptor))
      }
      let flags = dataStart >= 64 ? try le32(c, 60) : 0
      let unicode = flags & unicodeFlag != 0
      _ = try string(c, authDomain, descriptor: 28, unicode: unicode)
      _ = try string(c, authUser, descriptor: 36, unicode: unicode)
      _ = try string(c, authHost, descriptor: 44, unicode: unicode)
      if dataStart >= 60 {
        let length = try le16(c, 52)
        let offset = try descriptorOffset(c, 52)
        if length == 0 { try c.add(sessionKey, at: 52, 8) } else { try c.add(sessionKey, at: offset, length) }
      }
      if dataStart >= 64 { try c.add(negotiateFlags, at: 60, 4, value: flags, flags: .littleEndian) }
      if dataStart >= 72, flags & versionFlag != 0 { try version(c, at: 64) }
    default:
      break
    }
  }

  private static func descriptorOffset(_ c: LayerCursor, _ descriptor: Int) throws(DissectionStop) -> Int {
    Int(try le32(c, descriptor + 4))
  }

  /// A string its descriptor at `descriptor` points to: `NULL` when empty,
  /// as tshark shows it. Answers where it ends.
  private static func string(_ c: LayerCursor, _ field: NTLMSSP, descriptor: Int, unicode: Bool)
    throws(DissectionStop) -> Int
  {
    let length = try le16(c, descriptor)
    let offset = try descriptorOffset(c, descriptor)
    guard length > 0 else {
      c.computed(field, at: descriptor, 8, bytes: Array("NULL".utf8))
      return 0
    }
    try c.check(offset, length)
    var text: String
    if unicode {
      var units: [UInt16] = []
      var i = 0
      while i + 1 < length {
        units.append(UInt16(c.packet.byte(c.start + offset + i)) | UInt16(c.packet.byte(c.start + offset + i + 1)) << 8)
        i += 2
      }
      text = String(decoding: units, as: UTF16.self)
    } else {
      text = String(decoding: c.bytes.slice(offset, length).copyBytes(), as: UTF8.self)
    }
    c.computed(field, at: offset, length, bytes: Array(text.utf8))
    return offset + length
  }

  private static func version(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    try c.add(versionMajor, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 2)
    try c.add(versionMinor, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: 2)
    try c.add(versionBuild, at: offset + 2, 2, value: UInt64(try le16(c, offset + 2)), depth: 2, flags: .littleEndian)
    try c.add(versionRevision, at: offset + 7, 1, value: UInt64(try c.uint8(offset + 7)), depth: 2)
  }
}

extension ValueNames {
  static let ntlmsspMessageTypes = ValueNames(NTLMSSPNames.messageType)
}
