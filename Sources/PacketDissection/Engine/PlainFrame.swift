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
  /// A fragment of a UDP datagram captured whole, as IPv4 hands it to the
  /// defragmenter: the bytes `start..<end` (absolute) at `offset` of the
  /// datagram `key` names. `startsNoTCP` when it is the first (at offset
  /// 0) and its ports bind no tunnel: the datagram holds no TCP layer
  /// (`IPDefragmenter.addUnread`).
  case udpFragment(IPDefragmenter.Key, offset: Int, start: Int, end: Int, more: Bool, startsNoTCP: Bool)
  case other

  /// Reads an Ethernet II frame (`frameEnd` as `Frame` gives it: the
  /// larger of the original and the captured lengths) carrying IPv4 (a
  /// fragment only of UDP) or IPv6 with TCP or UDP as its next header, as
  /// `Ethernet`, `IPv4` and `IPv6` read it with the default dispatch tables.
  static func read(_ bytes: ByteView, frameEnd: Int, tables: FastTables) -> PlainFrame {
    // A fragment may be shorter than a TCP segment's headers (checked below).
    guard bytes.count >= 34, let base = bytes.base else { return .other }
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
      guard headerLength >= 20, bytes.count >= ip + headerLength, total >= headerLength else { return .other }
      start = ip + headerLength
      end = min(frameEnd, ip + total)
      next = u8(ip + 9)
      source = NetworkAddress(low: u32(ip + 12))
      destination = NetworkAddress(low: u32(ip + 16))
      let fragment = u16(ip + 6) & 0x3fff
      if fragment != 0 {
        guard next == 17, start < end, end <= bytes.count else { return .other }
        let offset = (fragment & 0x1fff) * 8
        let key = IPDefragmenter.Key(
          source: source, destination: destination, identification: UInt32(u16(ip + 4)), proto: 17)
        let first = offset == 0 && end - start >= 4 && !carriesLayers(u16(start), u16(start + 2), tables)
        return .udpFragment(key, offset: offset, start: start, end: end, more: fragment & 0x2000 != 0, startsNoTCP: first)
      }
      guard bytes.count >= 54 else { return .other }
    case 0x86dd:
      guard bytes.count >= 54, u8(ip) >> 4 == 6 else { return .other }
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
      guard bytes.count >= start + 4 else { return .other }
      return carriesLayers(u16(start), u16(start + 2), tables) ? .other : .noTCP
    default:
      return .other
    }
  }

  /// Whether UDP ports `x` and `y` bind a protocol that carries further
  /// layers (a tunnel), picked as `Dissector.run` picks it: the lower
  /// port's first. UDP's heuristics all find application layers.
  private static func carriesLayers(_ x: Int, _ y: Int, _ tables: FastTables) -> Bool {
    guard let bound = tables.lookup(.udpPort, UInt32(min(x, y))) ?? tables.lookup(.udpPort, UInt32(max(x, y)))
    else { return false }
    return tables.levels[Int(bound.rawValue)] <= .transport
  }
}
