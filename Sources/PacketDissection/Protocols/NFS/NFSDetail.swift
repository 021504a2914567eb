/// What NFS version 3 (RFC 1813) adds to RPC's Info, as Wireshark's NFS
/// dissector writes it: a call's file handle as a CRC-32 hash
/// (`, FH: 0x8fee73d3`), a directory operation's handle and name
/// (`, DH: 0x8fee73d3/name`), a read's or write's offset and length, and a
/// failed reply's status (` Error: NFS3ERR_NOENT`).
enum NFSDetail {
  static func textV3(_ body: XDRReader, procedure: UInt64, isCall: Bool) -> String {
    var body = body
    if !isCall {
      guard procedure != 0, let status = body.uint32() else { return "" }
      guard status == 0 else { return " Error: " + (statusName(UInt64(status)) ?? "Unknown error: \(status)") }
      return replyText(body, procedure: procedure)
    }
    switch procedure {
    case 1, 2, 4, 5, 16, 17, 18, 19, 20, 21:
      guard let handle = body.opaque(limit: 64) else { return "" }
      var text = ", FH: " + hash(body.bytes(handle))
      if procedure == 4, let mask = body.uint32() { text += ", [Check:\(accessNames(mask))]" }
      return text
    case 6, 7:
      guard let handle = body.opaque(limit: 64), let high = body.uint32(), let low = body.uint32(),
        let count = body.uint32()
      else { return "" }
      var text = ", FH: " + hash(body.bytes(handle)) + " Offset: \(UInt64(high) << 32 | UInt64(low)) Len: \(count)"
      if procedure == 7, let stable = body.uint32() { text += " " + (stableName(stable) ?? "\(stable)") }
      return text
    case 14:
      guard let from = body.opaque(limit: 64), let fromName = body.opaque(limit: 1024), let to = body.opaque(limit: 64),
        let toName = body.opaque(limit: 1024)
      else { return "" }
      return ", From DH: \(hash(body.bytes(from)))/\(text(body, fromName)) To DH: \(hash(body.bytes(to)))/\(text(body, toName))"
    case 15:
      guard let from = body.opaque(limit: 64), let to = body.opaque(limit: 64), let name = body.opaque(limit: 1024) else {
        return ""
      }
      return ", From DH: \(hash(body.bytes(from))) To DH: \(hash(body.bytes(to)))/\(text(body, name))"
    case 10:
      guard let handle = body.opaque(limit: 64), let name = body.opaque(limit: 1024), skipSetAttributes(&body),
        let path = body.opaque(limit: 1024)
      else { return "" }
      return ", From DH: \(hash(body.bytes(handle)))/\(text(body, name)) To \(text(body, path))"
    case 3, 8, 9, 11, 12, 13:
      guard let handle = body.opaque(limit: 64), let name = body.opaque(limit: 1024) else { return "" }
      var text = ", DH: " + hash(body.bytes(handle)) + "/" + text(body, name)
      if procedure == 8, let mode = body.uint32() { text += " Mode: " + (createModeName(mode) ?? "\(mode)") }
      return text
    default:
      return ""
    }
  }

  /// A successful reply's text: GETATTR's file type, mode and owner,
  /// READLINK's path, ACCESS's allowed rights.
  private static func replyText(_ body: XDRReader, procedure: UInt64) -> String {
    var body = body
    switch procedure {
    case 1:
      guard let type = body.uint32(), let mode = body.uint32(), body.uint32() != nil, let uid = body.uint32(),
        let gid = body.uint32()
      else { return "" }
      let name = fileTypeName(type) ?? "Unknown Type: 0x" + hex8(type)
      let octal = String(mode & 0o7777, radix: 8)
      return "  \(name) mode: \(String(repeating: "0", count: max(0, 4 - octal.count)) + octal) uid: \(uid) gid: \(gid)"
    case 4, 5:
      // The object's attributes come first, when present.
      guard let follows = body.uint32() else { return "" }
      if follows != 0 { body.offset += attributesLength }
      if procedure == 5 {
        guard let path = body.opaque(limit: 1024) else { return "" }
        return " Path: " + text(body, path)
      }
      guard let mask = body.uint32() else { return "" }
      return ", [Allowed:\(accessNames(mask))]"
    default:
      return ""
    }
  }

  /// Steps over sattr3 (RFC 1813 section 2.6): each value follows a
  /// flag saying whether it is set.
  private static func skipSetAttributes(_ body: inout XDRReader) -> Bool {
    for size in [4, 4, 4, 8] {
      guard let set = body.uint32() else { return false }
      if set != 0 { body.offset += size }
    }
    for _ in 0..<2 {
      // A time is set to the client's (2) or the server's (1).
      guard let how = body.uint32() else { return false }
      if how == 2 { body.offset += 8 }
    }
    return body.offset <= body.end
  }

  private static func hex8(_ value: UInt32) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 8 - text.count) + text
  }

  /// The size of fattr3 (RFC 1813 section 2.6).
  static let attributesLength = 84

  static func fileTypeName(_ code: UInt32) -> String? {
    switch code {
    case 1: "Regular File"
    case 2: "Directory"
    case 3: "Block Device"
    case 4: "Character Device"
    case 5: "Symbolic Link"
    case 6: "Socket"
    case 7: "Named Pipe"
    default: nil
    }
  }

  private static func text(_ body: XDRReader, _ range: Range<Int>) -> String {
    String(decoding: body.bytes(range), as: UTF8.self)
  }

  /// Wireshark's file handle hash: the handle's CRC-32, in hex.
  static func hash(_ bytes: [UInt8]) -> String {
    var crc: UInt32 = 0xffff_ffff
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
    }
    return "0x" + hex8(~crc)
  }

  /// ACCESS's bits as Wireshark abbreviates them (` RD LU MD XT DL`).
  static func accessNames(_ mask: UInt32) -> String {
    let names = ["RD", "LU", "MD", "XT", "DL", "XE"]
    var text = ""
    for (bit, name) in names.enumerated() where mask & (1 << bit) != 0 { text += " " + name }
    return text
  }

  static func stableName(_ code: UInt32) -> String? {
    switch code {
    case 0: "UNSTABLE"
    case 1: "DATA_SYNC"
    case 2: "FILE_SYNC"
    default: nil
    }
  }

  static func createModeName(_ code: UInt32) -> String? {
    switch code {
    case 0: "UNCHECKED"
    case 1: "GUARDED"
    case 2: "EXCLUSIVE"
    default: nil
    }
  }

  static func statusName(_ code: UInt64) -> String? {
    switch code {
    case 0: "NFS3_OK"
    case 1: "NFS3ERR_PERM"
    case 2: "NFS3ERR_NOENT"
    case 5: "NFS3ERR_IO"
    case 6: "NFS3ERR_NXIO"
    case 13: "NFS3ERR_ACCES"
    case 17: "NFS3ERR_EXIST"
    case 18: "NFS3ERR_XDEV"
    case 19: "NFS3ERR_NODEV"
    case 20: "NFS3ERR_NOTDIR"
    case 21: "NFS3ERR_ISDIR"
    case 22: "NFS3ERR_INVAL"
    case 27: "NFS3ERR_FBIG"
    case 28: "NFS3ERR_NOSPC"
    case 30: "NFS3ERR_ROFS"
    case 31: "NFS3ERR_MLINK"
    case 63: "NFS3ERR_NAMETOOLONG"
    case 66: "NFS3ERR_NOTEMPTY"
    case 69: "NFS3ERR_DQUOT"
    case 70: "NFS3ERR_STALE"
    case 71: "NFS3ERR_REMOTE"
    case 10001: "NFS3ERR_BADHANDLE"
    case 10002: "NFS3ERR_NOT_SYNC"
    case 10003: "NFS3ERR_BAD_COOKIE"
    case 10004: "NFS3ERR_NOTSUPP"
    case 10005: "NFS3ERR_TOOSMALL"
    case 10006: "NFS3ERR_SERVERFAULT"
    case 10007: "NFS3ERR_BADTYPE"
    case 10008: "NFS3ERR_JUKEBOX"
    default: nil
    }
  }
}
