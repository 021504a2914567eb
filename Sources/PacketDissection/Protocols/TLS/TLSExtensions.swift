/// Hello extensions (RFC 8446 section 4.2) as Wireshark shows them: each
/// extension's type and length, and the contents of those users ask about
/// most: server name, ALPN, supported groups and versions, signature
/// algorithms, key shares, EC point formats, renegotiation info.
struct TLSExtensions {
  let reader: TLSHandshakeReader
  /// In a ClientHello (lists) rather than a ServerHello (single choices).
  let client: Bool

  func walk(
    _ c: LayerCursor, from start: Int, to end: Int, _ hello: inout TLSHelloFacts, collect: Bool
  ) throws(DissectionStop) {
    let length = Int(try reader.number(c, TLS.extensionsLength, at: start, 2, depth: 1))
    let listEnd = min(end, start + 2 + length)
    var offset = start + 2
    while offset + 4 <= listEnd {
      let type = UInt16(try reader.number(c, TLS.extensionType, at: offset, 2, depth: 2))
      let dataLength = Int(try reader.number(c, TLS.extensionLength, at: offset + 2, 2, depth: 2))
      try reader.source.check(offset + 4, dataLength)
      if collect && !TLSHelloFacts.isGREASE(type) { hello.extensions.append(type) }
      try contents(c, type: type, at: offset + 4, dataLength, &hello, collect: collect)
      offset += 4 + dataLength
    }
  }

  private func contents(
    _ c: LayerCursor, type: UInt16, at offset: Int, _ length: Int, _ hello: inout TLSHelloFacts, collect: Bool
  ) throws(DissectionStop) {
    guard length > 0 else { return }
    switch type {
    case TLSExtensionType.serverName:
      let listLength = Int(try reader.number(c, TLS.serverNameListLength, at: offset, 2, depth: 3))
      var at = offset + 2
      let end = min(offset + length, at + listLength)
      while at + 3 <= end {
        try reader.number(c, TLS.serverNameType, at: at, 1, depth: 3)
        let nameLength = Int(try reader.number(c, TLS.serverNameLength, at: at + 1, 2, depth: 3))
        try reader.bytes(c, TLS.serverName, at: at + 3, nameLength, depth: 3)
        at += 3 + nameLength
      }
    case TLSExtensionType.supportedGroups:
      let listLength = Int(try reader.number(c, TLS.supportedGroupsLength, at: offset, 2, depth: 2))
      for at in stride(from: offset + 2, to: min(offset + length, offset + 2 + listLength) - 1, by: 2) {
        let group = UInt16(try reader.number(c, TLS.supportedGroup, at: at, 2, depth: 3))
        if collect && !TLSHelloFacts.isGREASE(group) { hello.groups.append(group) }
      }
    case TLSExtensionType.ecPointFormats:
      let count = Int(try reader.number(c, TLS.ecPointFormatsLength, at: offset, 1, depth: 2))
      for at in offset + 1..<min(offset + length, offset + 1 + count) {
        let format = UInt8(try reader.number(c, TLS.ecPointFormat, at: at, 1, depth: 3))
        if collect { hello.pointFormats.append(format) }
      }
    case TLSExtensionType.signatureAlgorithms, TLSExtensionType.signatureAlgorithmsCert,
      TLSExtensionType.delegatedCredentials where client:
      let listLength = Int(try reader.number(c, TLS.signatureAlgorithmsLength, at: offset, 2, depth: 2))
      for at in stride(from: offset + 2, to: min(offset + length, offset + 2 + listLength) - 1, by: 2) {
        let scheme = UInt16(try reader.number(c, TLS.signatureAlgorithm, at: at, 2, depth: 3))
        try reader.number(c, TLS.signatureHash, at: at, 1, depth: 4)
        try reader.number(c, TLS.signatureSignature, at: at + 1, 1, depth: 4)
        if collect && type == TLSExtensionType.signatureAlgorithms && !TLSHelloFacts.isGREASE(scheme) {
          hello.signatureAlgorithms.append(scheme)
        }
      }
    case TLSExtensionType.alpn:
      let listLength = Int(try reader.number(c, TLS.alpnLength, at: offset, 2, depth: 2))
      var at = offset + 2
      let end = min(offset + length, at + listLength)
      while at < end {
        let nameLength = Int(try reader.number(c, TLS.alpnStringLength, at: at, 1, depth: 3))
        try reader.bytes(c, TLS.alpnString, at: at + 1, nameLength, depth: 3)
        if collect && hello.alpn == nil { hello.alpn = reader.source.view.slice(at + 1, nameLength).copyBytes() }
        at += 1 + nameLength
      }
    case TLSExtensionType.supportedVersions:
      if client {
        let listLength = Int(try reader.number(c, TLS.supportedVersionsLength, at: offset, 1, depth: 2))
        for at in stride(from: offset + 1, to: min(offset + length, offset + 1 + listLength) - 1, by: 2) {
          let version = UInt16(try reader.number(c, TLS.supportedVersion, at: at, 2, depth: 2))
          if collect && !TLSHelloFacts.isGREASE(version) { hello.supportedVersions.append(version) }
        }
      } else if length >= 2 {
        try reader.number(c, TLS.supportedVersion, at: offset, 2, depth: 2)
      }
    case TLSExtensionType.keyShare, TLSExtensionType.draftKeyShare:
      try keyShare(c, at: offset, length)
    case TLSExtensionType.renegotiationInfo:
      try reader.number(c, TLS.renegotiationInfoLength, at: offset, 1, depth: 3)
    default:
      break
    }
  }

  /// A ClientHello's list of key shares, a ServerHello's one share, or a
  /// HelloRetryRequest's selected group (two bytes alone).
  private func keyShare(_ c: LayerCursor, at offset: Int, _ length: Int) throws(DissectionStop) {
    var at = offset
    var end = offset + length
    if client {
      let listLength = Int(try reader.number(c, TLS.keyShareClientLength, at: offset, 2, depth: 3))
      at += 2
      end = min(end, at + listLength)
    } else if length == 2 {
      try reader.number(c, TLS.keyShareSelectedGroup, at: offset, 2, depth: 3)
      return
    }
    while at + 4 <= end {
      try reader.number(c, TLS.keyShareGroup, at: at, 2, depth: 4)
      let exchangeLength = Int(try reader.number(c, TLS.keyShareExchangeLength, at: at + 2, 2, depth: 4))
      try reader.bytes(c, TLS.keyShareExchange, at: at + 4, exchangeLength, depth: 4)
      at += 4 + exchangeLength
    }
  }
}

/// Extension types this dissector looks into (IANA's TLS ExtensionType values).
enum TLSExtensionType {
  static let serverName: UInt16 = 0
  static let supportedGroups: UInt16 = 10
  static let ecPointFormats: UInt16 = 11
  static let signatureAlgorithms: UInt16 = 13
  static let alpn: UInt16 = 16
  /// In a ClientHello, the signature algorithms it accepts for them.
  static let delegatedCredentials: UInt16 = 34
  static let supportedVersions: UInt16 = 43
  static let signatureAlgorithmsCert: UInt16 = 50
  static let keyShare: UInt16 = 51
  /// key_share's number before TLS 1.3 draft 23, which Wireshark reads
  /// as key_share too.
  static let draftKeyShare: UInt16 = 40
  static let renegotiationInfo: UInt16 = 65281
}
