import PacketWire

/// SMB2 and SMB3 (MS-SMB2 section 2.2.1): the 64-byte header of each
/// message in an NBSS message, little-endian, and of each message chained
/// after it, with the share of its tree id (`smb2.tree`, as a Tree Connect
/// named it). Of the bodies, only what the Info column names (a Tree
/// Connect's share, a Create's file name) and the buffers handed to the
/// next dissector (security blobs, to GSS-API or NTLMSSP; read and
/// written data, shown as `data`) are read.
enum SMB2: UInt8, ProtocolModule {
  case item, protocolIdentifier, headerLength, creditCharge, ntStatus, channelSequence, reserved, command,
    creditsRequested, creditsGranted, flags, flagsResponse, flagsAsync, flagsChained, flagsSignature, flagsPriority,
    flagsDFS, flagsReplay, chainOffset, messageID, asyncID, processID, treeID, sessionID, signature, tree, filename,
    transformSignature, transformNonce, transformSize, transformReserved, transformFlags, transformEncrypted,
    encryptedData

  static var protocolID: ProtocolID { .smb2 }
  static var level: LayerLevel { .application }
  static let headerBits = 64 * 8
  static var variablePart: String? { "Body" }

  /// The header is little-endian: its flag bits have no place a
  /// big-endian diagram could draw, so they are declared without one.
  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("smb2", "SMB2 (Server Message Block Protocol version 2)")
    case .protocolIdentifier: .uint("smb2.protocol_id", "ProtocolId", at: 0, bytes: 4, base: .hex)
    case .headerLength: .uint("smb2.header_len", "Header Length", at: 4, bytes: 2, blurb: "SMB2 Size of Header")
    case .creditCharge: .uint("smb2.credit.charge", "Credit Charge", at: 6, bytes: 2)
    case .ntStatus: .uint("smb2.nt_status", "NT Status", at: 8, bytes: 4, base: .hex, values: .ntStatus)
    case .channelSequence: .loose("smb2.channel_sequence", "Channel Sequence", .uint(bytes: 2))
    case .reserved: .loose("smb2.reserved", "Reserved", .bytes)
    case .command: .uint("smb2.cmd", "Command", at: 12, bytes: 2, blurb: "SMB2 Command Opcode", values: .smb2Commands)
    case .creditsRequested: .loose("smb2.credits.requested", "Credits requested", .uint(bytes: 2))
    case .creditsGranted: .uint("smb2.credits.granted", "Credits granted", at: 14, bytes: 2)
    case .flags: .uint("smb2.flags", "Flags", at: 16, bytes: 4, base: .hex, blurb: "SMB2 flags")
    case .flagsResponse:
      .loose("smb2.flags.response", "Response", .boolean(bytes: 4), mask: 0x1, values: .smb2Response)
    case .flagsAsync:
      .loose("smb2.flags.async", "Async command", .boolean(bytes: 4), mask: 0x2, values: .smb2Async)
    case .flagsChained:
      .loose("smb2.flags.chained", "Chained", .boolean(bytes: 4), mask: 0x4, values: .smb2Chained)
    case .flagsSignature:
      .loose("smb2.flags.signature", "Signing", .boolean(bytes: 4), mask: 0x8, values: .smb2Signed)
    case .flagsPriority:
      .loose("smb2.flags.priority_mask", "Priority", .boolean(bytes: 4), mask: 0x70, values: .smb2Priority)
    case .flagsDFS:
      .loose("smb2.flags.dfs", "DFS operation", .boolean(bytes: 4), mask: 0x1000_0000, values: .smb2DFS)
    case .flagsReplay:
      .loose("smb2.flags.replay", "Replay operation", .boolean(bytes: 4), mask: 0x2000_0000, values: .smb2Replay)
    case .chainOffset: .uint("smb2.chain_offset", "Chain Offset", at: 20, bytes: 4, base: .hex)
    case .messageID: .uint("smb2.msg_id", "Message ID", at: 24, bytes: 8)
    case .asyncID: .loose("smb2.aid", "Async Id", .uint(bytes: 8), base: .hex)
    case .processID: .uint("smb2.pid", "Process Id", at: 32, bytes: 4, base: .hex)
    case .treeID: .uint("smb2.tid", "Tree Id", at: 36, bytes: 4, base: .hex)
    case .sessionID: .uint("smb2.sesid", "Session Id", at: 40, bytes: 8, base: .hex)
    case .signature: .fixed("smb2.signature", "Signature", .bytes, at: 48, bytes: 16)
    case .tree: .loose("smb2.tree", "Tree", .string)
    case .filename: .loose("smb2.filename", "Filename", .string)
    case .transformSignature: .loose("smb2.header.transform.signature", "Signature", .bytes)
    case .transformNonce: .loose("smb2.header.transform.nonce", "Nonce", .bytes)
    case .transformSize: .loose("smb2.header.transform.msg_size", "Message size", .uint(bytes: 4))
    case .transformReserved: .loose("smb2.header.transform.reserved", "Reserved", .bytes)
    case .transformFlags: .loose("smb2.header.transform.flags", "Flags", .uint(bytes: 2), base: .hex)
    case .transformEncrypted:
      FieldDecl("smb2.header.transform.flags.encrypted", "Encrypted", .boolean(bytes: 2), mask: 0x1)
    case .encryptedData: .loose("smb2.header.transform.enc_data", "Data", .bytes)
    }
  }

  static let headerSize = 64
  /// The first bytes of every SMB2 header: 0xFE, then `SMB`.
  static let magic: UInt32 = 0xfe53_4d42
  /// The first bytes of an encrypted message's transform header (SMB 3).
  static let transformMagic: UInt32 = 0xfd53_4d42
  static let transformHeaderSize = 52
  static let pipeTransceive: UInt32 = 0x0011_c017
  static let dfsGetReferrals: UInt32 = 0x0006_0194
  static let pipeWait: UInt32 = 0x0011_0018
  /// The structure size that makes a Break message a lease break notification.
  static let leaseBreakNotificationSize: UInt64 = 0x2c
  static let statusMoreProcessingRequired: UInt32 = 0xc000_0016
  static let statusBufferOverflow: UInt32 = 0x8000_0005
  /// The most chained messages one NBSS message is read for.
  static let maximumChain = 64

  enum Command: UInt16 {
    case negotiate = 0, sessionSetup = 1, treeConnect = 3, create = 5, read = 8, write = 9, ioctl = 11, find = 14, getInfo = 16
  }

  /// Whether the bytes at `offset` start an SMB2 header (tshark's
  /// heuristic under NetBIOS).
  static func claims(_ packet: ByteView, at offset: Int) -> Bool {
    let first = packet.uint32(at: offset)
    return first == magic || first == transformMagic
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    if try c.uint32(0) == transformMagic { return try transform(c) }
    var base = 0
    // Chained messages are read into the same layer, as tshark lists SMB2 once.
    for _ in 0..<maximumChain {
      let (next, handoff) = try message(c, at: base)
      if let handoff { return handoff }
      guard next > 0, base + next + headerSize <= c.length else { break }
      base += next
    }
    // The NBSS message runs on past the segment: tshark's reading of the
    // body fails there ("Unreassembled Packet").
    if c.capturedLength < c.length { throw .truncated }
    return .stop
  }

  /// An encrypted message (MS-SMB2 section 2.2.41): the transform header,
  /// then the encrypted bytes.
  private static func transform(_ c: LayerCursor) throws(DissectionStop) -> Next {
    try c.add(protocolIdentifier, at: 0, 4, value: UInt64(try c.uint32(0)), depth: 2)
    try c.add(transformSignature, at: 4, 16, depth: 2)
    try c.add(transformNonce, at: 20, 16, depth: 2)
    try c.add(transformSize, at: 36, 4, value: UInt64(try c.uint32(36).byteSwapped), depth: 2, flags: .littleEndian)
    try c.add(transformReserved, at: 40, 2, depth: 2)
    let flagValue = UInt64(try c.uint16(42).byteSwapped)
    try c.add(transformFlags, at: 42, 2, value: flagValue, depth: 2, flags: .littleEndian)
    try c.add(transformEncrypted, at: 42, 2, value: flagValue & 1, depth: 3, flags: .littleEndian)
    let session = UInt64(try c.uint32(44).byteSwapped) | UInt64(try c.uint32(48).byteSwapped) << 32
    try c.add(sessionID, at: 44, 8, value: session, depth: 2, flags: .littleEndian)
    let shown = min(c.length, c.capturedLength) - transformHeaderSize
    if shown > 0 { try c.add(encryptedData, at: transformHeaderSize, shown, depth: 2) }
    return .stop
  }

  /// Records one message's header (at `base`, relative to the layer) and
  /// what the Info column names of its body. Answers the offset of the
  /// chained message after it (0 for none) and the buffer to hand on.
  private static func message(_ c: LayerCursor, at base: Int) throws(DissectionStop) -> (Int, Next?) {
    func le16(_ offset: Int) throws(DissectionStop) -> UInt64 { UInt64(try c.uint16(base + offset).byteSwapped) }
    func le32(_ offset: Int) throws(DissectionStop) -> UInt64 { UInt64(try c.uint32(base + offset).byteSwapped) }
    func le64(_ offset: Int) throws(DissectionStop) -> UInt64 {
      UInt64(try c.uint32(base + offset).byteSwapped) | UInt64(try c.uint32(base + offset + 4).byteSwapped) << 32
    }
    func field(_ f: SMB2, _ offset: Int, _ count: Int, _ value: UInt64, depth: UInt8 = 2) throws(DissectionStop) {
      try c.add(f, at: base + offset, count, value: value, depth: depth, flags: .littleEndian)
    }
    try c.add(protocolIdentifier, at: base, 4, value: UInt64(try c.uint32(base)), depth: 2)
    try field(headerLength, 4, 2, try le16(4))
    try field(creditCharge, 6, 2, try le16(6))
    let flagValue = try le32(16)
    let response = flagValue & 1 != 0
    let status = try le32(8)
    if response {
      try field(ntStatus, 8, 4, status)
    } else {
      try field(channelSequence, 8, 2, try le16(8))
      try c.add(reserved, at: base + 10, 2, depth: 2)
    }
    let code = try le16(12)
    try field(command, 12, 2, code)
    try field(response ? creditsGranted : creditsRequested, 14, 2, try le16(14))
    try field(flags, 16, 4, flagValue)
    for (bit, mask) in [
      (flagsResponse, 0x1), (flagsAsync, 0x2), (flagsChained, 0x4), (flagsSignature, 0x8), (flagsPriority, 0x70),
      (flagsDFS, 0x1000_0000), (flagsReplay, 0x2000_0000),
    ] as [(SMB2, UInt64)] {
      try field(bit, 16, 4, (flagValue & mask) >> UInt64(mask.trailingZeroBitCount), depth: 3)
    }
    let next = try le32(20)
    try field(chainOffset, 20, 4, next)
    let messageNumber = try le64(24)
    try field(messageID, 24, 8, messageNumber)
    var treeNumber: UInt64?
    if flagValue & 0x2 != 0 {
      try field(asyncID, 32, 8, try le64(32))
    } else {
      try field(processID, 32, 4, try le32(32))
      let id = try le32(36)
      treeNumber = id
      try field(treeID, 36, 4, id)
      // The share a Tree Connect gave this session's tree id, under the id.
      if c.wants(tree), let session = try? le64(40),
        let share = c.state.smb2Trees.share(of: SMB2Trees.Tree(session: session, id: id))
      {
        c.computed(tree, at: base + 36, 4, bytes: Array(share.utf8), depth: 3)
      }
    }
    let session = try le64(40)
    try field(sessionID, 40, 8, session)
    try c.add(signature, at: base + 48, 16, depth: 2)
    let chained = Int(clamping: next)
    let known = Command(rawValue: UInt16(truncatingIfNeeded: code))
    // An error response has the error body, not the command's.
    if response && status != 0 && !(known == .sessionSetup && UInt32(status) == statusMoreProcessingRequired)
      && !(known == .read && UInt32(status) == statusBufferOverflow)
    {
      return (chained, nil)
    }
    let body = base + headerSize
    try addBodyReserved(c, command: code, response: response, body: body)
    guard let known else { return (chained, nil) }
    let request = SMB2Files.Request(session: session, message: messageNumber)
    switch (known, response) {
    case (.treeConnect, false):
      let share = try name(c, tree, offsetAt: body + 4, lengthAt: body + 6, base: base)
      if !share.isEmpty { c.state.smb2Trees.connecting(share, by: request) }
    case (.treeConnect, true):
      if let treeNumber {
        c.state.smb2Trees.connected(SMB2Trees.Tree(session: session, id: treeNumber), answering: request)
      }
    case (.create, false):
      try name(c, filename, offsetAt: body + 44, lengthAt: body + 46, base: base)
    case (.find, false):
      c.state.smb2InfoLevels.asked(level: UInt16(try c.uint8(body + 2)), by: request)
    case (.find, true):
      try findResponseEntries(c, base: base, body: body, answering: request)
    case (.getInfo, false):
      c.state.smb2InfoLevels.asked(level: try c.uint16(body + 2), by: request)
    case (.getInfo, true):
      try getInfoResponseName(c, base: base, body: body, answering: request)
    default:
      // An ioctl response's own flags are `smb2.flags` too, in its body.
      let ioctlFlags = body + 40
      if known == .ioctl, response, ioctlFlags + 4 <= c.capturedLength {
        try c.add(flags, at: ioctlFlags, 4, value: UInt64(try c.uint32(ioctlFlags).byteSwapped), depth: 2, flags: .littleEndian)
      }
      guard chained == 0, let (offset, length) = try buffer(c, known, response: response, body: body) else {
        return (chained, nil)
      }
      // A buffer the segment cuts short is handed to nobody, as tshark's
      // read of it fails before the hand-off.
      guard length > 0, offset >= headerSize, base + offset < c.capturedLength else { return (chained, .stop) }
      // A written buffer the segment cuts short is handed on as far as it
      // goes; any other fails tshark's read of it before the hand-off.
      guard known == .write || base + offset + length <= min(c.length, c.capturedLength) else { throw .truncated }
      // A pipe's DCE/RPC PDU goes to DCE/RPC, as tshark's pipe heuristic finds it.
      if DCERPC.claims(c, at: base + offset, tcp: true) {
        return (0, .layer(.dcerpc, at: c.start + base + offset, end: c.start + base + offset + length))
      }
      let at = c.start + base + offset
      // A security blob goes to GSS-API, or to NTLMSSP when it is a bare NTLMSSP message.
      if known == .negotiate || known == .sessionSetup {
        return (0, .layer(NTLMSSP.starts(c.packet, at: at) ? .ntlmssp : .gssapi, at: at, end: at + length))
      }
      return (0, .data(at: at, end: at + length))
    }
    return (chained, nil)
  }

  /// The buffer the command hands on (offset from the header, length):
  /// the security blob of a Negotiate response or Session Setup, the data
  /// of a Read response or Write request.
  private static func buffer(_ c: LayerCursor, _ command: Command, response: Bool, body: Int) throws(DissectionStop)
    -> (Int, Int)?
  {
    func le16(_ offset: Int) throws(DissectionStop) -> Int { Int(try c.uint16(body + offset).byteSwapped) }
    func le32(_ offset: Int) throws(DissectionStop) -> Int { Int(try c.uint32(body + offset).byteSwapped) }
    switch (command, response) {
    case (.negotiate, true): return (try le16(56), try le16(58))
    case (.sessionSetup, false): return (try le16(12), try le16(14))
    case (.sessionSetup, true): return (try le16(4), try le16(6))
    case (.read, true): return (Int(try c.uint8(body + 2)), try le32(4))
    case (.write, false): return (try le16(2), try le32(4))
    // A named pipe's transaction carries DCE/RPC: its input, then its output.
    case (.ioctl, false) where try c.uint32(body + 4).byteSwapped == pipeTransceive: return (try le32(24), try le32(28))
    case (.ioctl, true) where try c.uint32(body + 4).byteSwapped == pipeTransceive: return (try le32(32), try le32(36))
    default: return nil
    }
  }

  /// A UTF-16 name in the body, at the offset (from the header) and with
  /// the length the body gives; an empty one is recorded too, as tshark does.
  @discardableResult
  private static func name(_ c: LayerCursor, _ field: SMB2, offsetAt: Int, lengthAt: Int, base: Int)
    throws(DissectionStop) -> String
  {
    let offset = Int(try c.uint16(offsetAt).byteSwapped)
    let length = Int(try c.uint16(lengthAt).byteSwapped)
    guard length > 0 else {
      c.computed(field, at: lengthAt, 0, bytes: [UInt8](), depth: 2)
      return ""
    }
    try c.check(base + offset, length)
    var units: [UInt16] = []
    units.reserveCapacity(length / 2)
    var i = 0
    while i + 1 < length {
      units.append(UInt16(c.packet.byte(c.start + base + offset + i)) | UInt16(c.packet.byte(c.start + base + offset + i + 1)) << 8)
      i += 2
    }
    let text = String(decoding: units, as: UTF16.self)
    c.computed(field, at: base + offset, length, bytes: Array(text.utf8), depth: 2)
    return text
  }
}
