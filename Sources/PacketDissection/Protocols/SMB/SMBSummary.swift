import PacketWire

/// How SMB shows: Info is the command and `Request` or `Response`, then
/// what the command names (a tree's path, a file's name or FID), then an
/// error status (`Tree Connect AndX Request, Path: \\server\share`).
extension SMB {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] {
    [
      serverComponent.fieldID, command.fieldID, ntStatus.fieldID, flags.fieldID, flags2.fieldID, multiplexID.fieldID,
      TCP.stream.fieldID,
    ]
  }

  static var subtreeOpeners: [FieldID] { [serverComponent.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] { ["SMB Header"] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let header = f.first(serverComponent), let code = f.uint(command), let flagValue = f.uint(flags) else {
      return row.set("SMB", info: nil)
    }
    let packet = f.dissection.packet
    let base = Int(header.offset)
    let response = flagValue & responseFlag != 0
    let unicode = (f.uint(flags2) ?? 0) & unicodeFlag != 0
    var text = (SMBNames.commandName(code) ?? "Unknown") + (response ? " Response" : " Request")
    let words = base + headerSize + 1
    let wordCount = base + headerSize < packet.count ? Int(packet.byte(base + headerSize)) : 0
    let bytes = words + 2 * wordCount + 2
    let stream = f.lastTopLayer(.tcp)?.uint(TCP.stream) ?? UInt64.max
    let request = SMBRequests.Request(stream: stream, multiplexID: f.uint(multiplexID) ?? 0)
    switch (Command(rawValue: UInt8(truncatingIfNeeded: code)), response) {
    case (.treeConnect, false) where wordCount == 4:
      if let passwordLength = packet.uint16LittleEndian(at: words + 6),
        let path = string(packet, at: bytes + Int(passwordLength), base: base, unicode: unicode)
      {
        text += ", Path: " + path
      }
    case (.sessionSetup, false) where wordCount == 13:
      // The passwords, then the account and the domain.
      if let ansi = packet.uint16LittleEndian(at: words + 14), let wide = packet.uint16LittleEndian(at: words + 16) {
        let account = bytes + Int(ansi) + Int(wide)
        if let user = string(packet, at: account, base: base, unicode: unicode),
          let domain = string(packet, at: account + (unicode ? (account - base) % 2 + 2 * user.utf16.count + 2 : user.utf8.count + 1), base: base, unicode: unicode)
        {
          text += ", User: " + domain + "\\" + user
        }
      }
    case (.ntCreate, false) where wordCount == 24:
      if let path = string(packet, at: bytes, base: base, unicode: unicode) { text += ", Path: " + path }
    case (.ntCreate, true) where wordCount >= 3:
      if let fid = packet.uint16LittleEndian(at: words + 5) { text += ", FID: " + hex16(fid) }
    case (.close, false) where wordCount >= 1:
      if let fid = packet.uint16LittleEndian(at: words) {
        layer.memory.smbRequests.named(fid, by: request)
        text += ", FID: " + hex16(fid)
      }
    case (.close, true):
      if let fid = layer.memory.smbRequests.fid(answering: request) { text += ", FID: " + hex16(fid) }
    case (.writeAndX, false) where wordCount == 12 || wordCount == 14:
      if let fid = packet.uint16LittleEndian(at: words + 4), let offset = packet.uint32LittleEndian(at: words + 6),
        let high = packet.uint16LittleEndian(at: words + 18), let low = packet.uint16LittleEndian(at: words + 20)
      {
        layer.memory.smbRequests.named(fid, by: request)
        text += ", FID: " + hex16(fid) + ", \(Int(high) << 16 | Int(low)) bytes at offset \(offset)"
      }
    case (.writeAndX, true) where wordCount == 6:
      if let fid = layer.memory.smbRequests.fid(answering: request) { text += ", FID: " + hex16(fid) }
      if let low = packet.uint16LittleEndian(at: words + 4), let high = packet.uint16LittleEndian(at: words + 8) {
        text += ", \(Int(high) << 16 | Int(low)) bytes"
      }
    default:
      break
    }
    // The commands an AndX chain adds.
    for next in f.all(command).dropFirst() where next.value != 0xff {
      text += "; " + (SMBNames.commandName(next.value) ?? "Unknown (0x\(String(next.value, radix: 16)))")
    }
    if response, let status = f.uint(ntStatus), status != 0 { text += ", Error: " + SMB2Names.ntStatusText(status) }
    row.set("SMB", info: text)
  }

  private static func hex16(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
  }

  /// A NUL-terminated string at `offset`: UTF-16LE, two-byte aligned from
  /// the header, when the header says Unicode; else one byte a character.
  private static func string(_ packet: ByteView, at offset: Int, base: Int, unicode: Bool) -> String? {
    var at = offset
    if unicode {
      if (at - base) % 2 == 1 { at += 1 }
      var units: [UInt16] = []
      while let unit = packet.uint16LittleEndian(at: at), unit != 0 {
        units.append(unit)
        at += 2
      }
      return at + 2 <= packet.count ? String(decoding: units, as: UTF16.self) : nil
    }
    var characters: [UInt8] = []
    while at < packet.count, packet.byte(at) != 0 {
      characters.append(packet.byte(at))
      at += 1
    }
    return at < packet.count ? String(decoding: characters, as: UTF8.self) : nil
  }
}
