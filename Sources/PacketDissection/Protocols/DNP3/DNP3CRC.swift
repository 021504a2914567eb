import PacketWire

/// DNP3's CRC-16 (polynomial 0x3D65, reflected, complemented), over the
/// link header and over each chunk of user data.
enum DNP3CRC {
  private static let table: [UInt16] = (0..<256).map { index in
    var crc = UInt16(index)
    for _ in 0..<8 { crc = crc & 1 != 0 ? crc >> 1 ^ 0xa6bc : crc >> 1 }
    return crc
  }

  /// The CRC of `count` bytes at absolute `from`; the caller has checked
  /// they are captured.
  static func of(_ packet: ByteView, from: Int, count: Int) -> UInt16 {
    var crc: UInt16 = 0
    for index in from..<from + count {
      crc = crc >> 8 ^ table[Int(UInt8(truncatingIfNeeded: crc) ^ packet.byte(index))]
    }
    return ~crc
  }
}
