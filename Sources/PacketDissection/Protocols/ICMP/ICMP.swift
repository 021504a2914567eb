import PacketWire

/// Internet Control Message Protocol (RFC 792, router discovery RFC 1256,
/// address mask RFC 950, path MTU RFC 1191).
///
/// Error messages quote the IP header and the first bytes of the datagram
/// that caused them; that quote is dissected as a nested IP layer.
enum ICMP {
  static let decl = ProtocolDecl(
    .icmp, name: "icmp", label: "Internet Control Message Protocol", level: .transport,
    fields: [
      .uint("icmp.type", "Type", at: 0, bytes: 1),
      .uint("icmp.code", "Code", at: 1, bytes: 1),
      .uint("icmp.checksum", "Checksum", at: 2, bytes: 2, base: .hex),
      .loose("icmp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified"),
      .loose("icmp.unused", "Unused", .bytes),
      .loose("icmp.reserved", "Reserved", .bytes),
      .loose("icmp.ident", "Identifier (BE)", .uint(bytes: 2), base: .decHex),
      .loose("icmp.ident_le", "Identifier (LE)", .uint(bytes: 2), base: .decHex),
      .loose("icmp.seq", "Sequence Number (BE)", .uint(bytes: 2), base: .decHex),
      .loose("icmp.seq_le", "Sequence Number (LE)", .uint(bytes: 2), base: .decHex),
      .loose("icmp.mtu", "MTU of next hop", .uint(bytes: 2)),
      .loose("icmp.num_addrs", "Number of addresses", .uint(bytes: 1)),
      .loose("icmp.addr_entry_size", "Address entry size", .uint(bytes: 1), blurb: "In 32-bit words"),
      .loose("icmp.lifetime", "Lifetime", .uint(bytes: 2), blurb: "Seconds"),
      .loose("icmp.pointer", "Pointer", .uint(bytes: 4), blurb: "Offset of the offending byte in the quoted datagram"),
      .loose("icmp.router_address", "Router address", .ipv4),
      .loose("icmp.pref_level", "Preference level", .int(bytes: 4)),
      .loose("icmp.originate_timestamp", "Originate timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT"),
      .loose("icmp.receive_timestamp", "Receive timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT"),
      .loose("icmp.transmit_timestamp", "Transmit timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT"),
      .loose("icmp.address_mask", "Address Mask", .ipv4),
      .loose("icmp.redir_gw", "Gateway address", .ipv4),
      .loose("icmp.ext.echo.seq", "Sequence Number", .uint(bytes: 1), base: .decHex),
      .loose("icmp.ext.echo.req.res", "Reserved", .uint(bytes: 1), base: .hex, mask: 0xfe),
      .loose("icmp.ext.echo.req.local", "Local bit", .boolean(bytes: 1), mask: 0x01),
      .loose("icmp.ext.echo.rsp.state", "State", .uint(bytes: 1), mask: 0xe0),
      .loose("icmp.ext.echo.rsp.res", "Reserved", .uint(bytes: 1), base: .hex, mask: 0x18),
      .loose("icmp.ext.echo.rsp.active", "Active bit", .boolean(bytes: 1), mask: 0x04),
      .loose("icmp.ext.echo.rsp.ipv4", "IPv4 bit", .boolean(bytes: 1), mask: 0x02),
      .loose("icmp.ext.echo.rsp.ipv6", "IPv6 bit", .boolean(bytes: 1), mask: 0x01),
      .loose("icmp.data_time", "Timestamp from icmp data", .absoluteTime, blurb: "A sender's clock found in the first 8 bytes of echo data"),
      .loose("icmp.data_time_relative", "Timestamp from icmp data (relative)", .relativeTime, blurb: "Capture time minus the timestamp in the data"),
    ],
    bindings: [Binding(.ipProto, 1)], headerBits: 32, variablePart: "Message body")

  static let type = FieldID(.icmp, 1, "icmp.type")
  static let code = FieldID(.icmp, 2, "icmp.code")
  static let checksum = FieldID(.icmp, 3, "icmp.checksum")
  static let checksumStatus = FieldID(.icmp, 4, "icmp.checksum.status")
  static let unused = FieldID(.icmp, 5, "icmp.unused")
  static let reserved = FieldID(.icmp, 6, "icmp.reserved")
  static let ident = FieldID(.icmp, 7, "icmp.ident")
  static let identLE = FieldID(.icmp, 8, "icmp.ident_le")
  static let seq = FieldID(.icmp, 9, "icmp.seq")
  static let seqLE = FieldID(.icmp, 10, "icmp.seq_le")
  static let mtu = FieldID(.icmp, 11, "icmp.mtu")
  static let numAddrs = FieldID(.icmp, 12, "icmp.num_addrs")
  static let addrEntrySize = FieldID(.icmp, 13, "icmp.addr_entry_size")
  static let lifetime = FieldID(.icmp, 14, "icmp.lifetime")
  static let pointer = FieldID(.icmp, 15, "icmp.pointer")
  static let routerAddress = FieldID(.icmp, 16, "icmp.router_address")
  static let prefLevel = FieldID(.icmp, 17, "icmp.pref_level")
  static let originate = FieldID(.icmp, 18, "icmp.originate_timestamp")
  static let receive = FieldID(.icmp, 19, "icmp.receive_timestamp")
  static let transmit = FieldID(.icmp, 20, "icmp.transmit_timestamp")
  static let addressMask = FieldID(.icmp, 21, "icmp.address_mask")
  static let redirectGateway = FieldID(.icmp, 22, "icmp.redir_gw")
  static let echoSeq = FieldID(.icmp, 23, "icmp.ext.echo.seq")
  static let echoRequestReserved = FieldID(.icmp, 24, "icmp.ext.echo.req.res")
  static let echoLocal = FieldID(.icmp, 25, "icmp.ext.echo.req.local")
  static let echoState = FieldID(.icmp, 26, "icmp.ext.echo.rsp.state")
  static let echoReplyReserved = FieldID(.icmp, 27, "icmp.ext.echo.rsp.res")
  static let echoActive = FieldID(.icmp, 28, "icmp.ext.echo.rsp.active")
  static let echoIPv4 = FieldID(.icmp, 29, "icmp.ext.echo.rsp.ipv4")
  static let echoIPv6 = FieldID(.icmp, 30, "icmp.ext.echo.rsp.ipv6")
  static let dataTime = FieldID(.icmp, 31, "icmp.data_time")
  static let dataTimeRelative = FieldID(.icmp, 32, "icmp.data_time_relative")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Wireshark reads the whole 4-byte header before showing any of it.
    _ = try c.uint16(2)
    let kind = try c.fixed(type)
    let code = try c.fixed(code)
    try c.fixed(checksum)
    c.generated(checksumStatus, value: checksumStatus(c))
    switch kind {
    case 0, 8, 13, 14, 15, 16, 17, 18:
      try identifiers(c)
      switch kind {
      case 13, 14:
        try c.add(originate, at: 8, 4, value: UInt64(try c.uint32(8)))
        try c.add(receive, at: 12, 4, value: UInt64(try c.uint32(12)))
        try c.add(transmit, at: 16, 4, value: UInt64(try c.uint32(16)))
      case 17, 18:
        try c.add(addressMask, at: 8, 4, value: UInt64(try c.uint32(8)))
      case 0, 8:
        let dataStart = try echoTimestamp(c) ? 16 : 8
        return .data(at: c.start + dataStart, end: c.end)
      default:
        break
      }
      return .stop
    case 3, 4, 5, 11, 12:
      if kind == 3 && code == 4 {
        try c.add(unused, at: 4, 2)
        try c.add(mtu, at: 6, 2, value: UInt64(try c.uint16(6)))
      } else if kind == 5 {
        try c.add(redirectGateway, at: 4, 4, value: UInt64(try c.uint32(4)))
      } else if kind == 12 {
        try c.add(pointer, at: 4, 1, value: UInt64(try c.uint8(4)))
      } else {
        try c.add(unused, at: 4, 4)
      }
      c.nested(.layer(.ip, at: c.start + 8, end: c.end))
      return .stop
    case 9:
      try routerAdvertisement(c)
      return .stop
    case 10:
      try c.add(reserved, at: 4, 4)
      return .stop
    case 42, 43:
      try extendedEcho(c, reply: kind == 43)
      return .stop
    default:
      return .data(at: c.start + 8, end: c.end)
    }
  }

  /// Identifier and sequence number, shown in both byte orders because
  /// implementations disagree on which one they send.
  private static func identifiers(_ c: LayerCursor) throws(DissectionStop) {
    let id = try c.uint16(4)
    try c.add(ident, at: 4, 2, value: UInt64(id))
    try c.add(identLE, at: 4, 2, value: UInt64(id.byteSwapped))
    let number = try c.uint16(6)
    try c.add(seq, at: 6, 2, value: UInt64(number))
    try c.add(seqLE, at: 6, 2, value: UInt64(number.byteSwapped))
  }

  /// Many pings put the sender's clock (seconds, microseconds, 32 bits
  /// each, in either byte order) at the start of the data. As Wireshark
  /// does, take it as a timestamp when it lies less than a day before the
  /// capture time; answers whether it did.
  private static func echoTimestamp(_ c: LayerCursor) throws(DissectionStop) -> Bool {
    guard c.length - 8 >= 8 else { return false }
    let seconds = try c.uint32(8)
    let micros = try c.uint32(12)
    let frameTime = c.dissection.frame.time
    let frameSeconds = frameTime.floorDivided(by: 1_000_000_000)
    func plausible(_ s: UInt32, _ us: UInt32) -> Bool {
      UInt32(truncatingIfNeeded: frameSeconds &- Int64(s)) < 86_400 && us < 1_000_000
    }
    let stamp: (UInt32, UInt32)
    if plausible(seconds, micros) {
      stamp = (seconds, micros)
    } else if plausible(seconds.byteSwapped, micros.byteSwapped) {
      stamp = (seconds.byteSwapped, micros.byteSwapped)
    } else {
      return false
    }
    let time = Int64(stamp.0) &* 1_000_000_000 &+ Int64(stamp.1) &* 1000
    try c.add(dataTime, at: 8, 8, value: UInt64(bitPattern: time))
    c.generated(dataTimeRelative, value: UInt64(bitPattern: frameTime &- time))
    return true
  }

  /// Extended echo (RFC 8335): identifier, an 8-bit sequence number, and
  /// a flags byte (request: reserved bits and the L bit; reply: state,
  /// reserved, and the A, 4 and 6 bits). The extension objects after it
  /// are not dissected.
  private static func extendedEcho(_ c: LayerCursor, reply: Bool) throws(DissectionStop) {
    let id = try c.uint16(4)
    try c.add(ident, at: 4, 2, value: UInt64(id))
    try c.add(identLE, at: 4, 2, value: UInt64(id.byteSwapped))
    try c.add(echoSeq, at: 6, 1, value: UInt64(try c.uint8(6)))
    let flags = UInt64(try c.uint8(7))
    if reply {
      try c.add(echoState, at: 7, 1, value: flags >> 5)
      try c.add(echoReplyReserved, at: 7, 1, value: flags >> 3 & 3)
      try c.add(echoActive, at: 7, 1, value: flags >> 2 & 1)
      try c.add(echoIPv4, at: 7, 1, value: flags >> 1 & 1)
      try c.add(echoIPv6, at: 7, 1, value: flags & 1)
    } else {
      try c.add(echoRequestReserved, at: 7, 1, value: flags >> 1)
      try c.add(echoLocal, at: 7, 1, value: flags & 1)
    }
  }

  /// Router advertisement (RFC 1256): a count of (address, preference)
  /// entries, each `entry size` 32-bit words long.
  private static func routerAdvertisement(_ c: LayerCursor) throws(DissectionStop) {
    let count = Int(try c.uint8(4))
    try c.add(numAddrs, at: 4, 1, value: UInt64(count))
    let words = Int(try c.uint8(5))
    try c.add(addrEntrySize, at: 5, 1, value: UInt64(words))
    try c.add(lifetime, at: 6, 2, value: UInt64(try c.uint16(6)))
    guard words >= 2 else { return }
    for i in 0..<count {
      let offset = 8 + i * words * 4
      try c.add(routerAddress, at: offset, 4, value: UInt64(try c.uint32(offset)))
      try c.add(prefLevel, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)))
    }
  }

  /// 1 (good) or 0 (bad) when the whole message was captured, else 2
  /// (not verified): the Internet checksum (RFC 1071) over the message.
  /// A message quoted inside an ICMP error (depth > 0) is not verified.
  private static func checksumStatus(_ c: LayerCursor) -> UInt64 {
    guard c.depth == 0, c.capturedLength >= c.length else { return 2 }
    return internetChecksum(c.bytes) == 0 ? 1 : 0
  }

  /// The ones'-complement sum of 16-bit big-endian words, complemented;
  /// 0 over a message that includes a correct checksum.
  static func internetChecksum(_ bytes: ByteView) -> UInt16 {
    var sum: UInt32 = 0
    var i = 0
    while i + 1 < bytes.count {
      sum &+= UInt32(bytes.byte(i)) << 8 | UInt32(bytes.byte(i + 1))
      i += 2
    }
    if i < bytes.count { sum &+= UInt32(bytes.byte(i)) << 8 }
    while sum > 0xffff { sum = (sum & 0xffff) &+ (sum >> 16) }
    return ~UInt16(sum)
  }
}
