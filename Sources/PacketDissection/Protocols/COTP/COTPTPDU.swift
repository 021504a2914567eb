/// One COTP TPDU read from a packet: what `COTP.dissect` needs to go on
/// to the next TPDU or to the user data.
struct COTPTPDU {
  /// Where the TPDU's header ends, from the layer's start.
  let end: Int
  let rest: Rest

  /// What the bytes after the TPDU's header are.
  enum Rest {
    /// The next TPDU, if any.
    case nextTPDU
    /// User data, to the end of the packet.
    case userData
    /// A fragment of user data that COTP keeps to put back together with
    /// the next ones: nothing dissects it.
    case fragment
  }

  static let expeditedData: UInt8 = 0x1
  static let disconnectRequest: UInt8 = 0x8
  static let disconnectConfirm: UInt8 = 0xc
  static let connectConfirm: UInt8 = 0xd
  static let connectRequest: UInt8 = 0xe
  static let data: UInt8 = 0xf

  /// Reads the TPDU at `offset`; nil for one tshark refuses (a zero
  /// length, an unknown type, a class above 4, a length its type does not
  /// allow, a disconnect reason it does not know).
  static func read(_ c: inout LayerCursor, at offset: Int) throws(DissectionStop) -> COTPTPDU? {
    let indicator = Int(try c.uint8(offset))
    guard indicator > 0, offset + 1 < c.capturedLength else { return nil }
    let kind = try c.uint8(offset + 1) >> 4
    let end = offset + indicator + 1
    switch kind {
    case connectRequest, connectConfirm:
      guard indicator >= 6, try c.uint8(offset + 6) >> 4 <= 4 else { return nil }
      try header(&c, at: offset, indicator, kind)
      try c.add(COTP.destref, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      try c.add(COTP.srcref, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)))
      let option = UInt64(try c.uint8(offset + 6))
      try c.add(COTP.classNumber, at: offset + 6, 1, value: option >> 4)
      try c.add(COTP.extendedFormats, at: offset + 6, 1, value: option >> 1 & 1)
      try c.add(COTP.noExplicitFlowControl, at: offset + 6, 1, value: option & 1)
      try COTPParameters.read(&c, from: offset + 7, to: end)
      return COTPTPDU(end: end, rest: .userData)
    case disconnectRequest:
      guard indicator >= 6, COTPNames.disconnectReason(UInt64(try c.uint8(offset + 6))) != nil else { return nil }
      try header(&c, at: offset, indicator, kind)
      try c.add(COTP.destref, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      try c.add(COTP.srcref, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)))
      try c.add(COTP.cause, at: offset + 6, 1, value: UInt64(try c.uint8(offset + 6)))
      try COTPParameters.read(&c, from: offset + 7, to: end)
      return COTPTPDU(end: end, rest: .userData)
    case disconnectConfirm:
      guard indicator >= 5 else { return nil }
      try header(&c, at: offset, indicator, kind)
      try c.add(COTP.destref, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      try c.add(COTP.srcref, at: offset + 4, 2, value: UInt64(try c.uint16(offset + 4)))
      try COTPParameters.read(&c, from: offset + 6, to: end)
      return COTPTPDU(end: end, rest: .nextTPDU)
    case data:
      // Class 0 and 1 (length 2) have no destination reference; classes 2
      // to 4 in the normal format (length 4) have one.
      let numbered: Int
      switch indicator {
      case 2: numbered = offset + 2
      case 4: numbered = offset + 4
      default: return nil
      }
      try header(&c, at: offset, indicator, kind)
      if indicator == 4 {
        try c.add(COTP.destref, at: offset + 2, 2, value: UInt64(try c.uint16(offset + 2)))
      }
      let number = UInt64(try c.uint8(numbered))
      try c.add(COTP.tpduNumber, at: numbered, 1, value: number & 0x7f)
      try c.add(COTP.eot, at: numbered, 1, value: number >> 7)
      return COTPTPDU(end: end, rest: number >> 7 == 1 ? .userData : .fragment)
    default:
      return nil
    }
  }

  private static func header(_ c: inout LayerCursor, at offset: Int, _ indicator: Int, _ kind: UInt8)
    throws(DissectionStop)
  {
    try c.add(COTP.li, at: offset, 1, value: UInt64(indicator))
    try c.add(COTP.type, at: offset + 1, 1, value: UInt64(kind))
  }
}
