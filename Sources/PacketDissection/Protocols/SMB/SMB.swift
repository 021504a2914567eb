import PacketWire

/// SMB, the Server Message Block protocol's first version (MS-CIFS section
/// 2.2.3.1, MS-SMB), in an NBSS message: the 32-byte header, little-endian,
/// and the first AndX command of the body. Of the bodies, only what the
/// Info column names (a tree's path, a created file's name and FID) and
/// the security blobs of an extended-security Negotiate response and of
/// Session Setup AndX are read; a blob goes to GSS-API, or to NTLMSSP when
/// it is a bare NTLMSSP message.
enum SMB: UInt8, ProtocolModule {
  case item, serverComponent, command, ntStatus, flags, flags2, pidHigh, signature, treeID, processID, userID,
    multiplexID

  static var protocolID: ProtocolID { .smb }
  static var level: LayerLevel { .application }
  static let headerBits = 32 * 8
  static var variablePart: String? { "Parameters and data" }

  /// The header is little-endian; its fields are declared at their places.
  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("smb", "SMB (Server Message Block Protocol)")
    case .serverComponent: .uint("smb.server_component", "Server Component", at: 0, bytes: 4, base: .hex)
    case .command: .uint("smb.cmd", "SMB Command", at: 4, bytes: 1, base: .hex, values: .smbCommands)
    case .ntStatus: .uint("smb.nt_status", "NT Status", at: 5, bytes: 4, base: .hex, values: .ntStatus)
    case .flags: .uint("smb.flags", "Flags", at: 9, bytes: 1, base: .hex)
    case .flags2: .uint("smb.flags2", "Flags2", at: 10, bytes: 2, base: .hex)
    case .pidHigh: .uint("smb.pid.high", "Process ID High", at: 12, bytes: 2)
    case .signature: .fixed("smb.signature", "Signature", .bytes, at: 14, bytes: 8)
    case .treeID: .uint("smb.tid", "Tree ID", at: 24, bytes: 2)
    case .processID: .uint("smb.pid", "Process ID", at: 26, bytes: 2)
    case .userID: .uint("smb.uid", "User ID", at: 28, bytes: 2)
    case .multiplexID: .uint("smb.mid", "Multiplex ID", at: 30, bytes: 2)
    }
  }

  static let headerSize = 32
  /// The first bytes of every SMB1 header: 0xFF, then `SMB`.
  static let magic: UInt32 = 0xff53_4d42
  static let responseFlag: UInt64 = 0x80
  static let ntStatusFlag: UInt64 = 0x4000
  static let unicodeFlag: UInt64 = 0x8000
  static let extendedSecurityCapability: UInt32 = 0x8000_0000
  /// The most AndX commands one message is read for.
  static let maximumChain = 16

  enum Command: UInt8 {
    case close = 0x04, writeAndX = 0x2f, negotiate = 0x72, sessionSetup = 0x73, treeConnect = 0x75, ntCreate = 0xa2
  }

  /// The commands whose parameters start with an AndX block.
  static let andXCommands: Set<UInt8> = [0x24, 0x2d, 0x2e, 0x2f, 0x73, 0x74, 0x75, 0xa2]

  /// Whether the bytes at `offset` start an SMB1 header.
  static func claims(_ packet: ByteView, at offset: Int) -> Bool { packet.uint32(at: offset) == magic }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    func le16(_ offset: Int) throws(DissectionStop) -> UInt64 { UInt64(try c.uint16(offset).byteSwapped) }
    func le32(_ offset: Int) throws(DissectionStop) -> UInt64 { UInt64(try c.uint32(offset).byteSwapped) }
    try c.add(serverComponent, at: 0, 4, value: try le32(0), flags: .littleEndian)
    let code = try c.uint8(4)
    try c.add(command, at: 4, 1, value: UInt64(code))
    let flagValue = UInt64(try c.uint8(9))
    let flags2Value = try le16(10)
    if flags2Value & ntStatusFlag != 0 { try c.add(ntStatus, at: 5, 4, value: try le32(5), flags: .littleEndian) }
    try c.add(flags, at: 9, 1, value: flagValue)
    try c.add(flags2, at: 10, 2, value: flags2Value, flags: .littleEndian)
    try c.add(pidHigh, at: 12, 2, value: try le16(12), flags: .littleEndian)
    try c.add(signature, at: 14, 8)
    try c.add(treeID, at: 24, 2, value: try le16(24), flags: .littleEndian)
    try c.add(processID, at: 26, 2, value: try le16(26), flags: .littleEndian)
    try c.add(userID, at: 28, 2, value: try le16(28), flags: .littleEndian)
    try c.add(multiplexID, at: 30, 2, value: try le16(30), flags: .littleEndian)
    guard headerSize < c.capturedLength else { return .stop }
    let wordCount = Int(try c.uint8(headerSize))
    try andXChain(c, code, wordCount: wordCount)
    guard let (offset, length) = try securityBlob(c, Command(rawValue: code), wordCount: wordCount,
      response: flagValue & responseFlag != 0),
      length > 0
    else { return .stop }
    let at = c.start + offset
    return .layer(NTLMSSP.starts(c.packet, at: at) ? .ntlmssp : .gssapi, at: at, end: at + length)
  }

  /// The commands chained after an AndX command, each named by the
  /// AndX block before it (`smb.cmd` again, 0xFF ending the chain).
  private static func andXChain(_ c: LayerCursor, _ first: UInt8, wordCount: Int) throws(DissectionStop) {
    var code = first
    var words = headerSize + 1
    var count = wordCount
    for _ in 0..<maximumChain {
      guard andXCommands.contains(code), count > 0 else { return }
      code = try c.uint8(words)
      try c.add(command, at: words, 1, value: UInt64(code))
      let next = Int(try c.uint16(words + 2).byteSwapped)
      // The next command's word count is at its offset from the header; it must come later.
      guard code != 0xff, next + 1 > words, next < c.capturedLength else { return }
      count = Int(try c.uint8(next))
      words = next + 1
    }
  }

  /// The security blob (offset from the header, length) of an
  /// extended-security Negotiate response or a Session Setup AndX.
  private static func securityBlob(_ c: LayerCursor, _ command: Command?, wordCount: Int, response: Bool)
    throws(DissectionStop) -> (Int, Int)?
  {
    func le16(_ offset: Int) throws(DissectionStop) -> Int { Int(try c.uint16(offset).byteSwapped) }
    let words = headerSize + 1
    let bytes = words + 2 * wordCount + 2
    switch (command, response) {
    case (.negotiate, true) where wordCount == 17:
      let capabilities = try c.uint32(words + 19).byteSwapped
      guard capabilities & extendedSecurityCapability != 0 else { return nil }
      // The server's GUID, then the blob, to the end of the bytes.
      let count = try le16(bytes - 2)
      return (bytes + 16, count - 16)
    case (.sessionSetup, false) where wordCount == 12:
      return (bytes, try le16(words + 14))
    case (.sessionSetup, true) where wordCount == 4:
      return (bytes, try le16(words + 6))
    default:
      return nil
    }
  }
}

extension ValueNames {
  static let smbCommands = ValueNames(SMBNames.commandName)
}
