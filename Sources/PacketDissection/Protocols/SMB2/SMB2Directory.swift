/// A Find (Query Directory) response's entries, as tshark 4.0 reads them
/// for the three information levels it is asked for in practice: each
/// entry's reserved fields (`smb2.reserved`) and its name (`smb2.filename`).
/// tshark knows the level from the request the response answers, so a
/// response whose request was not seen shows only its buffer.
extension SMB2 {
  /// Where a level's entries keep their name and their reserved fields
  /// (offset in the entry, length), in the order tshark adds them.
  private static func entryLayout(level: UInt8) -> (name: Int, nameLength: Int, reserved: [(Int, Int)])? {
    switch level {
    case 0x25: (104, 60, [(69, 1), (94, 2)])  // FileIdBothDirectoryInformation
    case 0x26: (80, 60, [(68, 4)])  // FileIdFullDirectoryInformation
    case 0x0c: (12, 8, [])  // FileNamesInformation
    default: nil
    }
  }

  /// Reads the entries of the response whose body is at `body` (relative
  /// to the layer; `base` is its header's), answering `request`. A buffer
  /// the segment cuts short fails tshark's check of it before any entry,
  /// and an entry's field past the buffer fails its read there.
  static func findResponseEntries(_ c: LayerCursor, base: Int, body: Int, answering request: SMB2Files.Request)
    throws(DissectionStop)
  {
    guard let level = c.state.smb2InfoLevels.level(answering: request),
      let layout = entryLayout(level: UInt8(truncatingIfNeeded: level))
    else {
      return
    }
    let start = base + Int(try c.uint16(body + 2).byteSwapped)
    let length = Int(try c.uint32(body + 4).byteSwapped)
    // tshark first makes sure the whole buffer is there.
    try c.check(start, length)
    let end = start + length
    func need(_ offset: Int, _ count: Int) throws(DissectionStop) {
      guard offset >= start, offset + count <= end else { throw .malformed }
    }
    var entry = start
    // tshark reads entries while more than 4 bytes of the buffer are left.
    for _ in 0..<maximumEntries where end - entry > 4 {
      try need(entry, 4)
      let next = Int(try c.uint32(entry).byteSwapped)
      try need(entry + layout.nameLength, 4)
      let nameLength = Int(try c.uint32(entry + layout.nameLength).byteSwapped)
      for (offset, count) in layout.reserved {
        try need(entry + offset, count)
        try c.add(reserved, at: entry + offset, count, depth: 4)
      }
      if nameLength > 0 {
        let at = entry + layout.name
        try need(at, nameLength)
        var units: [UInt16] = []
        units.reserveCapacity(nameLength / 2)
        for i in stride(from: 0, to: nameLength - 1, by: 2) { units.append(try c.uint16(at + i).byteSwapped) }
        let text = String(decoding: units, as: UTF16.self)
        c.computed(filename, at: at, nameLength, bytes: Array(text.utf8), depth: 4)
      }
      guard next > 0 else { return }
      entry += next
    }
  }

  /// More entries than one response could sensibly hold: past it the rest is not read.
  private static let maximumEntries = 4096
}
