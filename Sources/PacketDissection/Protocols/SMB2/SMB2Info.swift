import PacketWire

/// The Info text of one SMB2 message, read from its bytes as tshark's SMB2
/// dissector writes it: the command, `Request` or `Response`, an error
/// status, then what the command names (share, file, lengths, info level,
/// ioctl function, search pattern), with file names followed from Create
/// to the requests that use its file id.
struct SMB2Info {
  let packet: ByteView
  /// The header's absolute offset.
  let header: Int
  let files: SMB2Files

  private var body: Int { header + SMB2.headerSize }

  private func u8(_ offset: Int) -> UInt64? { packet.count > offset ? UInt64(packet.byte(offset)) : nil }
  private func u16(_ offset: Int) -> UInt64? { packet.uint16LittleEndian(at: offset).map(UInt64.init) }
  private func u32(_ offset: Int) -> UInt64? { packet.uint32LittleEndian(at: offset).map(UInt64.init) }
  private func u64(_ offset: Int) -> UInt64? { packet.uint64LittleEndian(at: offset) }

  private func fileID(at offset: Int) -> SMB2Files.FileID? {
    guard let persistent = u64(offset), let volatile = u64(offset + 8) else { return nil }
    return SMB2Files.FileID(persistent: persistent, volatile: volatile)
  }

  /// UTF-16LE text of `length` bytes at `offset`; nil when not captured.
  private func utf16(at offset: Int, length: Int) -> String? {
    guard offset >= 0, length >= 0, offset + length <= packet.count else { return nil }
    var units: [UInt16] = []
    var i = 0
    while i + 1 < length {
      units.append(UInt16(packet.byte(offset + i)) | UInt16(packet.byte(offset + i + 1)) << 8)
      i += 2
    }
    return String(decoding: units, as: UTF16.self)
  }

  /// A name at the offset (from the header) and with the length the body gives.
  private func name(offsetAt: Int, lengthAt: Int) -> String? {
    guard let offset = u16(offsetAt), let length = u16(lengthAt) else { return nil }
    return length == 0 ? "" : utf16(at: header + Int(offset), length: Int(length))
  }

  private func file(at offset: Int) -> String {
    guard let id = fileID(at: offset), let name = files.name(of: id) else { return "" }
    return " File: " + name
  }

  func text() -> String? {
    guard let command = u16(header + 12), let flags = u32(header + 16), let message = u64(header + 24),
      let session = u64(header + 40)
    else { return nil }
    let response = flags & 1 != 0
    let status = response ? u32(header + 8) ?? 0 : 0
    let request = SMB2Files.Request(session: session, message: message)
    var text = (SMB2Names.commandName(command) ?? "unknown-0x\(String(command, radix: 16))")
    text += response ? " Response" : " Request"
    if status != 0 {
      text += ", Error: " + SMB2Names.ntStatusText(status)
    }
    let failed = status != 0 && status != UInt64(SMB2.statusMoreProcessingRequired) && status != UInt64(SMB2.statusBufferOverflow)
    switch (command, response) {
    case (3, false):
      if let share = name(offsetAt: body + 4, lengthAt: body + 6) { text += " Tree: " + share }
    case (5, false):
      if let file = name(offsetAt: body + 44, lengthAt: body + 46) {
        files.created(file, by: request)
        text += " File: " + file
      }
    case (5, true) where !failed:
      if let id = fileID(at: body + 64), let name = files.opened(id, answering: request) { text += " File: " + name }
    case (6, false), (7, false):
      text += file(at: body + 8)
    case (8, false), (9, false):
      if let length = u32(body + 4), let offset = u64(body + 8) { text += " Len:\(length) Off:\(offset)" }
      text += file(at: body + 16)
    case (11, _) where !failed:
      guard let code = u32(body + 4) else { break }
      if let function = SMB2Names.ioctlFunctionName(code) { text += " " + function }
      if code == UInt64(SMB2.dfsGetReferrals) {
        if !response, let path = referralPath() { text += ", File: " + path }
      } else if code == UInt64(SMB2.pipeWait) {
        if !response, let pipe = waitedPipe() { text += " Pipe: " + pipe }
      } else {
        text += file(at: body + 8)
      }
    case (14, false):
      let search = findSearch()
      files.searched(search, by: request)
      text += file(at: body + 8) + search
    case (14, true):
      text += files.search(answered: request) ?? ""
    case (16, false), (17, false):
      guard let type = u8(body + 2), let level = u8(body + 3) else { break }
      text += " " + SMB2Names.infoLevelName(type: type, level: level)
      text += file(at: body + (command == 16 ? 24 : 16))
    case (18, _) where u16(body) == SMB2.leaseBreakNotificationSize:
      return "Lease Break Notification"
    default:
      break
    }
    return text
  }

  /// The pipe an FSCTL_PIPE_WAIT request waits for (MS-FSCC 2.3.49):
  /// after the timeout, the name's length and two bytes.
  private func waitedPipe() -> String? {
    guard let offset = u32(body + 24) else { return nil }
    let input = header + Int(offset)
    guard let length = u32(input + 8) else { return nil }
    return utf16(at: input + 14, length: Int(length))
  }

  /// ` LEVEL Pattern: PATTERN` of a Find request.
  private func findSearch() -> String {
    guard let level = u8(body + 2) else { return "" }
    let pattern = name(offsetAt: body + 24, lengthAt: body + 26) ?? ""
    return " " + SMB2Names.findLevelName(level) + " Pattern: " + pattern
  }

  /// The path a DFS referral request asks for: after the two-byte maximum
  /// level in the input buffer, UTF-16 up to a NUL.
  private func referralPath() -> String? {
    guard let offset = u32(body + 24), let count = u32(body + 28), count > 2 else { return nil }
    let start = header + Int(offset) + 2
    var length = 0
    while length + 1 < Int(count) - 2, let unit = u16(start + length), unit != 0 { length += 2 }
    return utf16(at: start, length: length)
  }
}
