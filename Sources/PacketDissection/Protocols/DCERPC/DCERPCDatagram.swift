/// The connectionless header (C706 section 12.5.1): 80 bytes, its
/// integers in the sender's byte order.
enum DCERPCDatagram {
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard try c.uint8(0) == 4 else {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    try c.check(0, DCERPC.datagramHeaderLength)
    try c.add(DCERPC.version, at: 0, 1, value: 4)
    try c.add(DCERPC.packetType, at: 1, 1, value: UInt64(try c.uint8(1)))
    try c.add(DCERPC.datagramFlags1, at: 2, 1, value: UInt64(try c.uint8(2)))
    try c.add(DCERPC.datagramFlags2, at: 3, 1, value: UInt64(try c.uint8(3)))
    let reader = try DCERPC.representation(&c, at: 4, size: 3)
    try c.add(DCERPC.serialHigh, at: 7, 1, value: UInt64(try c.uint8(7)))
    try c.add(DCERPC.datagramInterfaceVersion, at: 60, 4, value: UInt64(try reader.uint32(60)), flags: reader.flags)
    try c.add(DCERPC.sequenceNumber, at: 64, 4, value: UInt64(try reader.uint32(64)), flags: reader.flags)
    try c.add(DCERPC.opnum, at: 68, 2, value: UInt64(try reader.uint16(68)), flags: reader.flags)
    try c.add(DCERPC.interfaceHint, at: 70, 2, value: UInt64(try reader.uint16(70)), flags: reader.flags)
    try c.add(DCERPC.activityHint, at: 72, 2, value: UInt64(try reader.uint16(72)), flags: reader.flags)
    let length = try reader.uint16(74)
    try c.add(DCERPC.datagramFragmentLength, at: 74, 2, value: UInt64(length), flags: reader.flags)
    try c.add(DCERPC.fragmentNumber, at: 76, 2, value: UInt64(try reader.uint16(76)), flags: reader.flags)
    try c.add(DCERPC.authProtocol, at: 78, 1, value: UInt64(try c.uint8(78)))
    try c.add(DCERPC.serialLow, at: 79, 1, value: UInt64(try c.uint8(79)))
    // A request's or response's first fragment goes to the interface the
    // header names, whose dissector is disabled in pktsh's reading (see
    // DCERPC.handOff).
    let kind = try c.uint8(1)
    if kind == DCERPC.request || kind == DCERPC.response, try reader.uint16(76) == 0 {
      try c.add(DCERPC.unknownInterface, at: DCERPC.datagramHeaderLength, 0, value: 1, flags: .hidden)
    }
    return .stop
  }
}
