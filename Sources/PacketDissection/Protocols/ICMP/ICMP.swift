import PacketWire

/// Internet Control Message Protocol (RFC 792, router discovery RFC 1256,
/// address mask RFC 950, path MTU RFC 1191).
///
/// Error messages quote the IP header and the first bytes of the datagram
/// that caused them; that quote is dissected as a nested IP layer.
enum ICMP: UInt8, ProtocolModule {
  case item, type, code, checksum, checksumStatus, unused, reserved, ident, identLE, seq, seqLE, mtu, numAddrs,
    addrEntrySize, lifetime, pointer, routerAddress, prefLevel, originate, receive, transmit, addressMask,
    redirectGateway, echoSeq, echoRequestReserved, echoLocal, echoState, echoReplyReserved, echoActive, echoIPv4,
    echoIPv6, dataTime, dataTimeRelative

  static var protocolID: ProtocolID { .icmp }
  static var level: LayerLevel { .transport }
  static let bindings: [Binding] = [Binding(.ipProto, 1)]
  static let headerBits = 32
  static let variablePart: String? = "Message body"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("icmp", "Internet Control Message Protocol")
    case .type: .uint("icmp.type", "Type", at: 0, bytes: 1, values: .icmpTypes, kernel: .fixed(after: 4))
    // A code means something only under its type: ICMPNames.code(type:code:).
    case .code: .uint("icmp.code", "Code", at: 1, bytes: 1, kernel: .fixed(after: 4))
    case .checksum: .uint("icmp.checksum", "Checksum", at: 2, bytes: 2, base: .hex, kernel: .fixed(after: 4))
    case .checksumStatus: .loose("icmp.checksum.status", "Checksum Status", .uint(bytes: 1), blurb: "0: bad, 1: good, 2: not verified", values: .checksumStatus)
    case .unused: .loose("icmp.unused", "Unused", .bytes)
    case .reserved: .loose("icmp.reserved", "Reserved", .bytes)
    case .ident: .loose("icmp.ident", "Identifier (BE)", .uint(bytes: 2), base: .decHex)
    case .identLE: .loose("icmp.ident_le", "Identifier (LE)", .uint(bytes: 2), base: .decHex)
    case .seq: .loose("icmp.seq", "Sequence Number (BE)", .uint(bytes: 2), base: .decHex)
    case .seqLE: .loose("icmp.seq_le", "Sequence Number (LE)", .uint(bytes: 2), base: .decHex)
    case .mtu: .loose("icmp.mtu", "MTU of next hop", .uint(bytes: 2))
    case .numAddrs: .loose("icmp.num_addrs", "Number of addresses", .uint(bytes: 1))
    case .addrEntrySize: .loose("icmp.addr_entry_size", "Address entry size", .uint(bytes: 1), blurb: "In 32-bit words")
    case .lifetime: .loose("icmp.lifetime", "Lifetime", .uint(bytes: 2), blurb: "Seconds")
    case .pointer: .loose("icmp.pointer", "Pointer", .uint(bytes: 4), blurb: "Offset of the offending byte in the quoted datagram")
    case .routerAddress: .loose("icmp.router_address", "Router address", .ipv4)
    case .prefLevel: .loose("icmp.pref_level", "Preference level", .int(bytes: 4))
    case .originate: .loose("icmp.originate_timestamp", "Originate timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT")
    case .receive: .loose("icmp.receive_timestamp", "Receive timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT")
    case .transmit: .loose("icmp.transmit_timestamp", "Transmit timestamp", .uint(bytes: 4), blurb: "Milliseconds since midnight UT")
    case .addressMask: .loose("icmp.address_mask", "Address Mask", .ipv4)
    case .redirectGateway: .loose("icmp.redir_gw", "Gateway address", .ipv4)
    case .echoSeq: .loose("icmp.ext.echo.seq", "Sequence Number", .uint(bytes: 1), base: .decHex)
    case .echoRequestReserved: .loose("icmp.ext.echo.req.res", "Reserved", .uint(bytes: 1), base: .hex, mask: 0xfe)
    case .echoLocal: .loose("icmp.ext.echo.req.local", "Local bit", .boolean(bytes: 1), mask: 0x01)
    case .echoState: .loose("icmp.ext.echo.rsp.state", "State", .uint(bytes: 1), mask: 0xe0)
    case .echoReplyReserved: .loose("icmp.ext.echo.rsp.res", "Reserved", .uint(bytes: 1), base: .hex, mask: 0x18)
    case .echoActive: .loose("icmp.ext.echo.rsp.active", "Active bit", .boolean(bytes: 1), mask: 0x04)
    case .echoIPv4: .loose("icmp.ext.echo.rsp.ipv4", "IPv4 bit", .boolean(bytes: 1), mask: 0x02)
    case .echoIPv6: .loose("icmp.ext.echo.rsp.ipv6", "IPv6 bit", .boolean(bytes: 1), mask: 0x01)
    case .dataTime: .loose("icmp.data_time", "Timestamp from icmp data", .absoluteTime, blurb: "A sender's clock found in the first 8 bytes of echo data")
    case .dataTimeRelative: .loose("icmp.data_time_relative", "Timestamp from icmp data (relative)", .relativeTime, blurb: "Capture time minus the timestamp in the data")
    }
  }

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
  /// does, take it as a timestamp when its seconds, less the capture
  /// time's, come to less than a day as an unsigned 32-bit number (the
  /// same second or up to a day later); answers whether it did.
  private static func echoTimestamp(_ c: LayerCursor) throws(DissectionStop) -> Bool {
    guard c.length - 8 >= 8 else { return false }
    let seconds = try c.uint32(8)
    let micros = try c.uint32(12)
    let frameTime = c.dissection.frame.time
    let frameSeconds = frameTime.floorDivided(by: 1_000_000_000)
    func plausible(_ s: UInt32, _ us: UInt32) -> Bool {
      UInt32(truncatingIfNeeded: Int64(s) &- frameSeconds) < 86_400 && us < 1_000_000
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
