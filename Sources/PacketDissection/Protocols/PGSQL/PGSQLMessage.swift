/// One PostgreSQL message: its type byte (none for the startup, SSL and
/// cancel requests), length, and the top fields of the common messages,
/// as Wireshark 4.0 reads them. A read past the message's declared end is
/// malformed; past the end of the segment, cut short.
struct PGSQLMessage {
  let c: LayerCursor
  /// Where the message starts and ends (as declared), from the layer's start.
  let start: Int
  let end: Int

  /// Dissects the message at `offset`; answers where the next starts.
  static func dissect(
    _ c: LayerCursor, at offset: Int, frontend: Bool, _ conversation: inout PGSQL.Conversation
  ) throws(DissectionStop) -> Int {
    let whole = PGSQLMessage(c: c, start: offset, end: c.length)
    let type = try whole.uint8(offset)
    let n = type == 0 ? 0 : 1
    let length = Int(try whole.uint32(offset + n))
    let total = length + n
    // A length shorter than itself: Wireshark's TCP refuses the PDU.
    guard length >= 4 else { throw .malformed }
    TCPSegment.pdu(c, at: offset, length: total)
    TCPSegment.dissectsPDU(c, at: offset, length: total)
    // Longer than a signed 32-bit length: Wireshark's TCP cannot cut the
    // PDU out of the segment, and shows no message.
    guard total <= Int(Int32.max) else { throw .truncated }
    let message = PGSQLMessage(c: c, start: offset, end: offset + total)
    let name = PGSQLNames.typeName(type, frontend: frontend, conversation: conversation, message: message)
    c.computed(PGSQL.type, at: offset, n, bytes: Array(name.utf8))
    try c.add(PGSQL.length, at: offset + n, 4, value: UInt64(length))
    try c.add(PGSQL.frontend, at: offset, 0, value: frontend ? 1 : 0, flags: .hidden)
    if frontend {
      try message.frontendBody(type, length: length, at: offset + n + 4, &conversation)
    } else {
      try message.backendBody(type, length: length, at: offset + n + 4, &conversation)
    }
    return offset + total
  }

  // MARK: Reads inside the message

  /// Refuses `count` bytes at `offset` past the message (malformed) or the
  /// segment (cut short).
  func need(_ offset: Int, _ count: Int) throws(DissectionStop) {
    guard offset >= 0, count >= 0, offset <= end, count <= end - offset else {
      throw end > c.capturedLength ? .truncated : .malformed
    }
    // The message runs on past the segment: Wireshark's unreassembled PDU.
    guard offset + count <= c.capturedLength else { throw .truncated }
  }

  func uint8(_ offset: Int) throws(DissectionStop) -> UInt8 {
    try need(offset, 1)
    return try c.uint8(offset)
  }

  func uint16(_ offset: Int) throws(DissectionStop) -> UInt16 {
    try need(offset, 2)
    return try c.uint16(offset)
  }

  func uint32(_ offset: Int) throws(DissectionStop) -> UInt32 {
    try need(offset, 4)
    return try c.uint32(offset)
  }

  /// The size of the NUL-terminated string at `offset`, its NUL included.
  func stringSize(_ offset: Int) throws(DissectionStop) -> Int {
    var at = offset
    while try uint8(at) != 0 { at += 1 }
    return at - offset + 1
  }

  /// Records the NUL-terminated string at `offset` as `field`; answers its
  /// size with the NUL.
  @discardableResult
  func string(_ field: PGSQL, at offset: Int, depth: UInt8 = 1) throws(DissectionStop) -> Int {
    let size = try stringSize(offset)
    c.computed(field, at: offset, size, bytes: HTTP.asciiText(c.bytes.slice(offset, size - 1).copyBytes()), depth: depth)
    return size
  }

  func bytes(_ field: PGSQL, at offset: Int, _ count: Int, depth: UInt8 = 1) throws(DissectionStop) {
    try need(offset, count)
    try c.add(field, at: offset, count, depth: depth)
  }

  func uint(_ field: PGSQL, at offset: Int, _ count: Int, depth: UInt8 = 1) throws(DissectionStop) -> UInt64 {
    try need(offset, count)
    let value = try c.uint(offset, count)
    try c.add(field, at: offset, count, value: value, depth: depth)
    return value
  }

  /// A signed 32-bit length read from `count` bytes (2 or 4), sign-extended.
  func signed(_ field: PGSQL, at offset: Int, _ count: Int, depth: UInt8 = 1) throws(DissectionStop) -> Int32 {
    try need(offset, count)
    let raw = try c.uint(offset, count)
    let value = count == 2 ? Int32(Int16(truncatingIfNeeded: raw)) : Int32(truncatingIfNeeded: raw)
    try c.add(field, at: offset, count, value: UInt64(UInt32(bitPattern: value)), depth: depth)
    return value
  }
}
