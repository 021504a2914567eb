/// The parameters of a TPDU's variable part (ISO 8073 section 13): a code,
/// a length and a value each. As tshark, a code with no room for its
/// length ends the list, and a value that runs past the TPDU stops the
/// dissection there (`[BoundErrorUnreassembled Packet]`).
enum COTPParameters {
  static let tpduSize: UInt8 = 0xc0
  static let sourceTSAP: UInt8 = 0xc1
  static let destinationTSAP: UInt8 = 0xc2

  static func read(_ c: inout LayerCursor, from start: Int, to end: Int) throws(DissectionStop) {
    var offset = start
    while offset < end {
      let code = try c.uint8(offset)
      try c.add(COTP.parameterCode, at: offset, 1, value: UInt64(code))
      guard offset + 1 < end else { return }
      let length = Int(try c.uint8(offset + 1))
      try c.add(COTP.parameterLength, at: offset + 1, 1, value: UInt64(length))
      let value = offset + 2
      guard value + length <= end else { throw .truncated }
      switch code {
      case tpduSize where length == 1:
        try c.add(COTP.tpduSize, at: value, 1, value: 1 << UInt64(try c.uint8(value) & 0x3f))
      case sourceTSAP:
        try tsap(&c, at: value, length, COTP.srcTSAP, COTP.srcTSAPBytes)
      case destinationTSAP:
        try tsap(&c, at: value, length, COTP.dstTSAP, COTP.dstTSAPBytes)
      default:
        // An empty value: tshark prints `<MISSING>`.
        try c.add(COTP.parameterValue, at: value, length, flags: length == 0 ? .missing : [])
      }
      offset = value + length
    }
  }

  /// A TSAP, both as text and as bytes: its characters when all are
  /// printable, else `0x` and its bytes in hex.
  private static func tsap(_ c: inout LayerCursor, at offset: Int, _ length: Int, _ text: COTP, _ bytes: COTP)
    throws(DissectionStop)
  {
    try c.check(offset, length)
    let raw = (0..<length).map { c.packet.byte(c.start + offset + $0) }
    let printable = raw.allSatisfy { (0x20...0x7e).contains($0) }
    var shown: [UInt8] = printable ? raw : Array("0x".utf8)
    if !printable {
      let digits = Array("0123456789abcdef".utf8)
      for byte in raw { shown += [digits[Int(byte >> 4)], digits[Int(byte & 0xf)]] }
    }
    c.computed(text, at: offset, length, bytes: shown)
    try c.add(bytes, at: offset, length)
  }
}
