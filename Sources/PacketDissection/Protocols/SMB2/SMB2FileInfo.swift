/// A Get Info response's file name, as tshark 4.0 reads it: only the
/// file information class's FileAllInformation level (MS-FSCC 2.4.2) has
/// one, at its end, and tshark knows the level from the request.
extension SMB2 {
  /// Get Info's class of file information, and its level with every
  /// kind of information about a file.
  static let fileInfoClass: UInt16 = 0x01
  static let fileAllInformation: UInt16 = 0x12

  /// Adds the name of the response whose body is at `body` (relative to
  /// the layer; `base` is its header's), answering `request`. A buffer the
  /// segment cuts short fails tshark's check of it first.
  static func getInfoResponseName(_ c: LayerCursor, base: Int, body: Int, answering request: SMB2Files.Request)
    throws(DissectionStop)
  {
    guard c.state.smb2InfoLevels.level(answering: request) == fileInfoClass << 8 | fileAllInformation else { return }
    let start = base + Int(try c.uint16(body + 2).byteSwapped)
    let length = Int(try c.uint32(body + 4).byteSwapped)
    try c.check(start, length)
    // The name's length and the name follow 96 bytes of times, sizes,
    // flags, ids and modes.
    guard length >= 100 else { throw .malformed }
    let nameLength = Int(try c.uint32(start + 96).byteSwapped)
    guard nameLength > 0 else { return }
    guard nameLength <= length - 100 else { throw .malformed }
    var units: [UInt16] = []
    units.reserveCapacity(nameLength / 2)
    for i in stride(from: 0, to: nameLength - 1, by: 2) { units.append(try c.uint16(start + 100 + i).byteSwapped) }
    c.computed(filename, at: start + 100, nameLength, bytes: Array(String(decoding: units, as: UTF16.self).utf8), depth: 3)
  }
}
