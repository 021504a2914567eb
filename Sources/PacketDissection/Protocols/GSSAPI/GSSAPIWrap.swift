import PacketWire

/// A GSS-API per-message token at the start of a SASL buffer (RFC 4752),
/// read as tshark's GSS-API dissector reads it when LDAP hands it one
/// (its verifier entry): the framing's OID if the token has one, then the
/// Kerberos mechanism's wrap or MIC token header under `spnego-krb5`
/// (RFC 1964 and 4121, `SPNEGOKerberos`). The token's length tells the
/// caller where the payload starts; a sealed token's payload cannot be
/// read without keys, which tshark is not given either.
enum GSSAPIWrap {
  struct Token {
    /// Bytes of the token before the payload (tshark's `ver_len`).
    var length: Int
    /// Whether the payload is encrypted.
    var sealed = false
    /// The protocols entered, in the order of the protocol chain.
    var chain: [ProtocolID] = [.gssapi]
  }

  /// Reads and records the token at the start of `buffer` (offsets from
  /// the layer's start; the buffer's bytes are all captured), its GSS-API
  /// item `depth` below the layer's.
  static func read(_ c: LayerCursor, _ buffer: Range<Int>, depth: UInt8) throws(DissectionStop) -> Token {
    let start = buffer.lowerBound
    let end = buffer.upperBound
    let item = try placeholder(c, GSSAPI.item.fieldID, at: start, end - start, depth: depth)
    var token = Token(length: end - start)
    defer { if let item { c.dissection.records[item].length = Int32(token.length) } }
    guard start < end else { return token }
    let ber = BERReader(view: c.bytes)
    if c.bytes.byte(start) == 0x60 {
      guard let framing = ber.part(at: start, end: end),
        let oidElement = ber.part(at: framing.contentStart, end: framing.contentEnd),
        oidElement.isUniversal(BERTag.oid), let text = ber.oidText(oidElement)
      else { return token }
      c.computed(GSSAPI.oid, at: oidElement.contentStart, oidElement.contentLength, bytes: Array(text.utf8), depth: depth + 1)
      guard text == GSSAPI.kerberosOID || text == GSSAPI.microsoftKerberosOID else { return token }
      token.chain.append(.spnegoKRB5)
      let (length, sealed) = try kerberos(c, oidElement.end..<end, depth: depth + 1)
      token.length = oidElement.end + length - start
      token.sealed = sealed
    } else if end - start > 2, c.bytes.byte(start + 1) == 0x04, c.bytes.byte(start) == 0x04 || c.bytes.byte(start) == 0x05 {
      token.chain.append(.spnegoKRB5)
      (token.length, token.sealed) = try kerberos(c, buffer, depth: depth + 1)
    }
    return token
  }

  /// The Kerberos mechanism's token header in `bytes`, its blob `depth`
  /// below the layer's: how many bytes it takes, and whether the payload
  /// after it is sealed.
  private static func kerberos(
    _ c: LayerCursor, _ bytes: Range<Int>, depth: UInt8
  ) throws(DissectionStop) -> (length: Int, sealed: Bool) {
    let end = bytes.upperBound
    var at = bytes.lowerBound
    let blob = try placeholder(c, SPNEGOKerberos.blob.fieldID, at: at, end - at, depth: depth)
    let inner = depth + 1
    /// Records `field` over `count` bytes at `at` and moves past them;
    /// bytes past the buffer's end make the packet malformed.
    func take(_ field: SPNEGOKerberos, _ count: Int, value: UInt64 = 0, flags: FieldRecord.Flags = []) throws(DissectionStop) {
      guard count >= 0, at + count <= end else { throw .malformed }
      try c.add(field, at: at, count, value: value, depth: inner, flags: flags)
      at += count
    }
    func littleEndian16() throws(DissectionStop) -> UInt64 {
      guard at + 2 <= end else { throw .malformed }
      return UInt64(try c.uint16(at).byteSwapped)
    }
    func bigEndian(_ count: Int) throws(DissectionStop) -> UInt64 {
      guard at + count <= end else { throw .malformed }
      return try c.uint(at, count)
    }
    let id = try littleEndian16()
    try take(.tokenID, 2, value: id, flags: .littleEndian)
    var sealed = false
    var length: Int?
    switch id {
    case 0x0101, 0x0102:
      let signing = try littleEndian16()
      try take(.signingAlgorithm, 2, value: signing, flags: .littleEndian)
      if id == 0x0102 {
        let sealing = try littleEndian16()
        try take(.sealingAlgorithm, 2, value: sealing, flags: .littleEndian)
        sealed = sealing != 0xffff
        at += 2
      } else {
        at += 4
      }
      try take(.sendSequence, 8)
      try take(.checksum, 8)
      // A wrap token with an HMAC or DES-MAC-MD5 signature has a confounder; a MIC token only HMAC's, and only when bytes follow.
      let confounded = id == 0x0102 ? signing == 0x11 || signing == 0 : signing == 0x11 && at < end
      if confounded { try take(.confounder, 8) }
    case 0x0404, 0x0405:
      let flags = try bigEndian(1)
      try take(.cfxFlags, 1, value: flags)
      for (field, bit) in [(SPNEGOKerberos.acceptorSubkey, 2), (.sealed, 1), (.sendByAcceptor, 0)] {
        try c.add(field, at: at - 1, 1, value: flags >> UInt64(bit) & 1, depth: inner + 1)
      }
      if id == 0x0404 {
        try take(.filler, 5)
        try take(.cfxSequence, 8, value: try bigEndian(8))
        try take(.checksum, end - at)
        break
      }
      sealed = flags & 0x02 != 0
      try take(.filler, 1)
      let extra = try bigEndian(2)
      try take(.cfxExtraCount, 2, value: extra)
      let rotation = try bigEndian(2)
      try take(.cfxRotationCount, 2, value: rotation)
      try take(.cfxSequence, 8, value: try bigEndian(8))
      let checksum = Int(extra)
      if sealed {
        try take(.checksum, 44 + checksum)
        break
      }
      // Unsealed: the checksum follows the header when rotated there (RRC
      // equal to EC), else ends the token (RRC 0); the payload is between.
      var payload = end - at
      if payload > checksum { payload -= checksum }
      if rotation == extra { try take(.checksum, checksum) }
      length = at - bytes.lowerBound
      if rotation == 0 {
        at += payload
        try take(.checksum, checksum)
      }
    default:
      break
    }
    let consumed = length ?? at - bytes.lowerBound
    if let blob { c.dissection.records[blob].length = Int32(consumed) }
    return (consumed, sealed)
  }

  /// Records `field` over the bytes it may cover, before its length is
  /// known: the record's index, nil when the dissection does not keep it.
  private static func placeholder(
    _ c: LayerCursor, _ field: FieldID, at offset: Int, _ count: Int, depth: UInt8
  ) throws(DissectionStop) -> Int? {
    let index = c.dissection.records.count
    try c.add(field, at: offset, count, depth: depth)
    return c.dissection.records.count > index ? index : nil
  }
}
