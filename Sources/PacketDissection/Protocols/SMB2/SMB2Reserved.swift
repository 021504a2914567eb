/// The reserved fields of command bodies that tshark 4.0 names
/// `smb2.reserved`, like the header's: (offset in the body, length), in
/// the order tshark adds them, and those of a Negotiate's contexts. (A
/// Query Directory response's entries have theirs: `SMB2Directory.swift`.)
extension SMB2 {
  private static func bodyReserved(command: UInt64, response: Bool) -> [(Int, Int)] {
    switch (command, response) {
    case (0, false): [(6, 2), (34, 2)]  // Negotiate request
    case (2, true), (4, false), (4, true), (9, true): [(2, 2)]  // Logoff response, Tree Disconnect, Write response
    case (3, true): [(3, 1)]  // Tree Connect response
    case (5, false): [(16, 8)]  // Create request
    case (5, true): [(60, 4)]  // Create response
    case (6, true): [(4, 4)]  // Close response
    case (8, true): [(12, 4)]  // Read response (its 1-byte Reserved below)
    case (11, false): [(2, 2), (52, 4)]  // Ioctl request
    case (11, true): [(2, 2), (44, 4)]  // Ioctl response
    case (15, false): [(28, 4)]  // Change Notify request
    case (16, false): [(10, 2)]  // Get Info request
    default: []
    }
  }

  /// Adds the reserved fields of the body at `body` (relative to the
  /// layer) that the message's bytes hold whole.
  static func addBodyReserved(_ c: LayerCursor, command: UInt64, response: Bool, body: Int) throws(DissectionStop) {
    guard c.wants(reserved) else { return }
    let limit = min(c.length, c.capturedLength)
    let fields = bodyReserved(command: command, response: response)
    for (offset, length) in fields where body + offset + length <= limit {
      try c.add(reserved, at: body + offset, length, depth: 2)
    }
    // tshark adds a Read response's 1-byte Reserved after it reads the
    // data, so only when the message holds the data whole.
    if command == 8, response, body + 8 <= limit {
      let end = body - headerSize + Int(try c.uint8(body + 2)) + Int(try c.uint32(body + 4).byteSwapped)
      if end <= limit { try c.add(reserved, at: body + 3, 1, depth: 2) }
    }
    guard command == 0 else { return }
    // Negotiate contexts (SMB 3.1.1): type, data length, 4 reserved bytes,
    // the data, padding to 8 bytes; offset and count from the body.
    let (offsetAt, countAt) = response ? (60, 6) : (28, 32)
    guard body + offsetAt + 4 <= limit else { return }
    var context = body - headerSize + Int(try c.uint32(body + offsetAt).byteSwapped)
    let count = Int(try c.uint16(body + countAt).byteSwapped)
    for _ in 0..<min(count, maximumContexts) {
      guard context >= body, context + 8 <= limit else { return }
      try c.add(reserved, at: context + 4, 4, depth: 3)
      context += (8 + Int(try c.uint16(context + 2).byteSwapped) + 7) & ~7
    }
  }

  /// More negotiate contexts than any dialect defines; past it the rest is not read.
  private static let maximumContexts = 64
}
