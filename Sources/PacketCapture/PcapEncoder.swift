/// Writes classic pcap: nanosecond magic 0xa1b23c4d, little-endian, so
/// every timestamp is kept exactly.
enum PcapEncoder {
  /// What the header says when no interface gives a snap length.
  static let defaultSnapLength: UInt32 = 262_144

  static func header(linkType: LinkType, snapLength: UInt32, into out: inout [UInt8]) {
    out.appendLittleEndian(UInt32(0xa1b2_3c4d))
    out.appendLittleEndian(UInt16(2))  // version 2.4
    out.appendLittleEndian(UInt16(4))
    out.appendLittleEndian(Int32(0))  // thiszone
    out.appendLittleEndian(UInt32(0))  // sigfigs
    out.appendLittleEndian(snapLength == 0 ? defaultSnapLength : snapLength)
    out.appendLittleEndian(linkType.rawValue)
  }

  /// Appends one record; answers why not when the packet does not fit pcap.
  static func record(_ packet: PacketRecord, into out: inout [UInt8]) -> String? {
    guard let seconds = UInt32(exactly: packet.timestamp.seconds) else {
      return "timestamp \(packet.timestamp) does not fit in pcap (1970 to 2106); write pcapng instead"
    }
    guard let captured = UInt32(exactly: packet.bytes.count) else {
      return "a packet of \(packet.bytes.count) bytes is too large for pcap"
    }
    out.appendLittleEndian(seconds)
    out.appendLittleEndian(packet.timestamp.nanoseconds)
    out.appendLittleEndian(captured)
    out.appendLittleEndian(UInt32(clamping: packet.originalLength))
    out.append(packet.bytes)
    return nil
  }
}
