/// The key exchange method's own messages (codes 30 to 39), walked as
/// Wireshark 4.0 walks them: their fields are not shown here, but where
/// its reads run past the segment ends the segment's dissection (a bounds
/// error), and whether it got that far decides whether it counted the
/// message (`SSHConnection.Sequences`).
extension SSH {
  /// Walks the message whose body starts at `offset` (after its code) and
  /// counts it; answers where the walk ended and the sequence number
  /// Wireshark shows.
  static func methodMessage(
    _ c: LayerCursor, code: UInt8, at offset: Int, _ connection: inout SSHConnection
  ) throws(DissectionStop) -> (end: Int, sequence: UInt32) {
    var body = SSHBodyReader(c: c, offset: offset)
    guard let step = SSHConnection.Sequences.Step(code: code, method: connection.method) else {
      // The group exchange's old request carries its size; the rest nothing.
      if connection.method == .groupExchange && code == 30 { try body.skip(4) }
      return (body.offset, 0)
    }
    switch step {
    case .dhInit, .gexInit:
      try body.mpint()
    case .dhReply, .gexReply:
      try body.hostKey()
      try body.mpint()
      try body.hostSignature()
    case .gexGroup:
      try body.mpint()
      try body.mpint()
    case .gexRequest:
      try body.skip(12)
    case .ecdhInit:
      // The elliptic curves' messages are counted once their key's length
      // was read, before the key itself.
      try body.keyLength()
      connection.counted(step)
      try body.mpint()
    case .ecdhReply:
      try body.hostKey()
      try body.keyLength()
      connection.counted(step)
      try body.mpint()
      try body.hostSignature()
    case .keyExchangeInit, .newKeys:
      break
    }
    connection.counted(step)
    return (body.offset, connection.sequences[step])
  }
}

/// Reads the strings of an SSH message body as Wireshark does: a length
/// runs past the segment's bytes and the read fails. Lengths are 32-bit
/// and wrap as Wireshark's C arithmetic wraps them.
struct SSHBodyReader {
  let c: LayerCursor
  var offset: Int

  /// Fails unless `count` bytes at the offset were captured.
  func need(_ count: Int) throws(DissectionStop) {
    guard offset >= 0, count >= 0, offset + count <= c.capturedLength else { throw .truncated }
  }

  mutating func uint32() throws(DissectionStop) -> UInt32 {
    try need(4)
    defer { offset += 4 }
    return try c.uint32(offset)
  }

  mutating func skip(_ count: Int) throws(DissectionStop) {
    try need(count)
    offset += count
  }

  /// An item of `length` bytes: Wireshark takes a length of -1 to the
  /// segment's end and refuses other negative ones.
  mutating func item(_ length: Int32) throws(DissectionStop) {
    if length != -1 { try need(Int(length)) }
  }

  /// An mpint or a string: a length and its bytes.
  mutating func mpint() throws(DissectionStop) {
    let start = offset
    let length = try uint32()
    try item(Int32(bitPattern: length))
    offset = start + Int(Int32(bitPattern: 4 &+ length))
  }

  /// The length of a Diffie-Hellman key, which Wireshark copies when it
  /// is from 1 to 512 bytes (leaving the offset where it was).
  mutating func keyLength() throws(DissectionStop) {
    let start = offset
    let length = try uint32()
    if (1...512).contains(length) { try need(Int(length)) }
    offset = start
  }

  /// A public host key or a signature: its length, its type's name, the
  /// parts its type has (RSA's and DSA's mpints, an ECDSA curve and point,
  /// an EdDSA key), or the rest as bytes.
  mutating func hostKey() throws(DissectionStop) { try keyBlob(signature: false) }
  mutating func hostSignature() throws(DissectionStop) { try keyBlob(signature: true) }

  private mutating func keyBlob(signature: Bool) throws(DissectionStop) {
    let start = offset
    let length = try uint32()
    let typeLength = try uint32()
    try need(Int(typeLength))
    let type = String(decoding: c.bytes.slice(offset, Int(typeLength)).copyBytes(), as: UTF8.self)
    offset += Int(typeLength)
    // A host key is copied whole.
    if !signature, start + 4 + Int(length) > c.capturedLength { throw .truncated }
    switch type {
    case "ssh-rsa":
      try mpint()
      if !signature { try mpint() }
    case "ssh-dss":
      try mpint()
      if !signature {
        for _ in 0..<3 { try mpint() }
      }
    case _ where type.hasPrefix("ecdsa-sha2-"):
      if !signature {
        try mpint()
        try mpint()
      }
    case _ where type.hasPrefix("ssh-ed"):
      if !signature { try mpint() }
    default:
      try item(Int32(bitPattern: length &- (typeLength &+ 4)))
    }
    offset = start + Int(Int32(bitPattern: 4 &+ length))
  }
}
