/// Rebuilds a captured frame as a capture file stores it, from the bytes
/// the kernel hands over and the metadata beside them: the Linux cooked
/// header in front (for `SOCK_DGRAM` capture) and the VLAN tag the kernel
/// stripped put back, as libpcap does.
public enum FrameAssembly {
  /// The 16-byte `LINKTYPE_LINUX_SLL` header: packet type, ARPHRD type,
  /// address length, 8 address bytes (the first `addressLength`, then
  /// zeros), protocol; all big-endian. The fields come from the packet's
  /// `sockaddr_ll`; `protocolBytes` are its `sll_protocol` bytes as stored
  /// (already big-endian).
  public static func cookedHeader(
    packetType: UInt8, hardwareType: UInt16, addressLength: UInt8, address: [UInt8],
    protocolBytes: (UInt8, UInt8)
  ) -> [UInt8] {
    var header: [UInt8] = [0, packetType, UInt8(hardwareType >> 8), UInt8(hardwareType & 0xff)]
    let kept = address.prefix(min(Int(addressLength), 8))
    header += [0, addressLength]
    header += kept
    header += [UInt8](repeating: 0, count: 8 - kept.count)
    header += [protocolBytes.0, protocolBytes.1]
    return header
  }

  /// Where the 4-byte VLAN tag goes back: after the two MAC addresses
  /// (Ethernet), before the protocol field of a cooked header; nil for
  /// frames with no EtherType to put it before (raw IP).
  public static func vlanOffset(cooked: Bool, ethernet: Bool) -> Int? {
    cooked ? 14 : ethernet ? 12 : nil
  }

  /// Inserts TPID and TCI (big-endian) at `offset`, when the frame is long
  /// enough to have that offset.
  public static func insertVLANTag(into frame: inout [UInt8], at offset: Int, tpid: UInt16, tci: UInt16) {
    guard frame.count >= offset else { return }
    frame.insert(
      contentsOf: [UInt8(tpid >> 8), UInt8(tpid & 0xff), UInt8(tci >> 8), UInt8(tci & 0xff)], at: offset)
  }
}
