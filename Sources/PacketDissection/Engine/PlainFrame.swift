import PacketWire

/// What the commonest frames hold at the transport level, read straight
/// from their bytes: for a question about TCP's fields alone
/// (`Dissector.readsOwnRecordsOnly`), the frame, Ethernet and IP layers
/// record nothing wanted, so `Dissector` runs TCP's dissector at once, or
/// nothing for a datagram that can hold no TCP layer. Each shape is taken
/// only where the layers below would hand on exactly that, without
/// stopping: anything else is `.other`, and dissected whole.
enum PlainFrame {
  /// TCP's layer over `start..<end` (absolute, `end` as IP's length
  /// limits it), under these network addresses.
  case tcp(start: Int, end: Int, source: NetworkAddress, destination: NetworkAddress)
  /// A UDP datagram whose ports bind no protocol that carries further
  /// layers (a tunnel): no TCP layer is in it.
  case noTCP
  case other

  /// Reads an Ethernet II frame (`frameEnd` as `Frame` gives it: the
  /// larger of the original and the captured lengths) carrying IPv4 with
  /// no fragment or IPv6 with TCP or UDP as its next header, as
  /// `Ethernet`, `IPv4` and `IPv6` read it with the default dispatch tables.
  static func read(_ bytes: ByteView, frameEnd: Int, tables: FastTables) -> PlainFrame {
    guard bytes.count >= 54, let base = bytes.base else { return .other }
    func u8(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }
    func u16(_ at: Int) -> Int { Int(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt16.self))) }
    func u32(_ at: Int) -> UInt64 { UInt64(UInt32(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
    func u64(_ at: Int) -> UInt64 { UInt64(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    let ip = 14
    let start: Int
    let end: Int
    let next: UInt8
    let source: NetworkAddress
    let destination: NetworkAddress
    switch u16(12) {
    case 0x0800:
      // IPv4 throws on a header shorter than 20 bytes or longer than the
      // datagram; a fragment goes to the defragmenter.
      guard u8(ip) >> 4 == 4 else { return .other }
      let headerLength = Int(u8(ip) & 0x0f) * 4
      let declared = u16(ip + 2)
      let total = declared == 0 ? frameEnd - ip : declared
      guard headerLength >= 20, bytes.count >= ip + headerLength, total >= headerLength, u16(ip + 6) & 0x3fff == 0
      else { return .other }
      start = ip + headerLength
      end = min(frameEnd, ip + total)
      next = u8(ip + 9)
      source = NetworkAddress(low: u32(ip + 12))
      destination = NetworkAddress(low: u32(ip + 16))
    case 0x86dd:
      guard u8(ip) >> 4 == 6 else { return .other }
      start = ip + 40
      end = min(frameEnd, start + u16(ip + 4))
      next = u8(ip + 6)
      source = NetworkAddress(high: u64(ip + 8), low: u64(ip + 16))
      destination = NetworkAddress(high: u64(ip + 24), low: u64(ip + 32))
    default:
      return .other
    }
    switch next {
    case 6:
      return .tcp(start: start, end: end, source: source, destination: destination)
    case 17:
      // As `Dissector.run` picks the protocol for the ports: the lower
      // port's first. UDP's heuristics all find application layers.
      guard bytes.count >= start + 4 else { return .other }
      let (x, y) = (u16(start), u16(start + 2))
      let bound = tables.lookup(.udpPort, UInt32(min(x, y))) ?? tables.lookup(.udpPort, UInt32(max(x, y)))
      if let bound, tables.levels[Int(bound.rawValue)] <= .transport { return .other }
      return .noTCP
    default:
      return .other
    }
  }
}
