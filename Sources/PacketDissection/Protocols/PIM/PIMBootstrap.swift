/// PIM's Register-Stop, Bootstrap and Candidate-RP-Advertisement messages
/// (RFC 7761 4.9.4 to 4.9.6), with the encoded unicast and group addresses
/// they carry. As Wireshark, an address of another family (not IPv4 or IPv6)
/// or encoding ends the message: its length cannot be known.
enum PIMBootstrap {
  /// A Register-Stop: the group and the source whose registers stop.
  static func registerStop(_ c: LayerCursor) throws(DissectionStop) {
    guard let offset = try groupAddress(c, at: 4) else { return }
    _ = try unicastAddress(c, at: offset, as: (PIM.source, PIM.sourceIPv6))
  }

  /// A Bootstrap: fragment tag, hash mask length, BSR priority and
  /// address, then group records to the end of the message, each with its
  /// candidate RPs (address, hold time, priority, a reserved byte that
  /// Wireshark files at PIM's top level).
  static func bootstrap(_ c: LayerCursor) throws(DissectionStop) {
    try c.add(PIM.fragmentTag, at: 4, 2, value: UInt64(try c.uint16(4)), depth: 2)
    try c.add(PIM.hashMaskLength, at: 6, 1, value: UInt64(try c.uint8(6)), depth: 2)
    try c.add(PIM.bsrPriority, at: 7, 1, value: UInt64(try c.uint8(7)), depth: 2)
    guard var offset = try unicastAddress(c, at: 8, as: (PIM.bsr, PIM.bsrIPv6)) else { return }
    while offset < c.length {
      guard let afterGroup = try groupAddress(c, at: offset) else { return }
      offset = afterGroup
      try c.add(PIM.rpCount, at: offset, 1, value: UInt64(try c.uint8(offset)), depth: 3)
      let candidates = try c.uint8(offset + 1)
      try c.add(PIM.frpCount, at: offset + 1, 1, value: UInt64(candidates), depth: 3)
      offset += 4
      for _ in 0..<candidates {
        guard let afterRP = try unicastAddress(c, at: offset, as: (PIM.rp, PIM.rpIPv6)) else { return }
        offset = afterRP
        try holdTime(c, at: offset)
        try c.add(PIM.priority, at: offset + 2, 1, value: UInt64(try c.uint8(offset + 2)), depth: 3)
        try c.add(PIM.reserved.fieldID, at: offset + 3, 1)
        offset += 4
      }
    }
  }

  /// A Candidate-RP-Advertisement: prefix count, priority, hold time, the
  /// RP's address and the groups it serves.
  static func candidateRPAdvertisement(_ c: LayerCursor) throws(DissectionStop) {
    let prefixes = try c.uint8(4)
    try c.add(PIM.prefixCount, at: 4, 1, value: UInt64(prefixes), depth: 2)
    try c.add(PIM.priority, at: 5, 1, value: UInt64(try c.uint8(5)), depth: 2)
    try holdTime(c, at: 6)
    guard var offset = try unicastAddress(c, at: 8, as: (PIM.rp, PIM.rpIPv6)) else { return }
    for _ in 0..<prefixes {
      guard let next = try groupAddress(c, at: offset) else { return }
      offset = next
    }
  }

  private static func holdTime(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    try c.add(PIM.holdTime, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 2)
  }

  /// The family and encoding of an encoded address at `offset`, and the
  /// address's width; nil when Wireshark does not read it.
  private static func header(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> (family: UInt8, width: Int)? {
    let family = try c.uint8(offset)
    guard family == 1 || family == 2, try c.uint8(offset + 1) <= 1 else { return nil }
    return (family, family == 1 ? 4 : 16)
  }

  /// An encoded unicast address (family, encoding, address), shown as
  /// `fields` (the IPv4 or the IPv6 one) with its parts under it.
  /// Answers the offset after it.
  private static func unicastAddress(
    _ c: LayerCursor, at offset: Int, as fields: (PIM, PIM)
  ) throws(DissectionStop) -> Int? {
    guard let (family, width) = try header(c, at: offset) else { return nil }
    try outerAddress(c, at: offset, header: 2, width: width, as: fields)
    try parts(c, at: offset, family: family)
    try innerAddress(c, at: offset + 2, width: width, as: (PIM.unicast, PIM.unicastIPv6))
    return offset + 2 + width
  }

  /// An encoded group address (family, encoding, flags, mask length,
  /// address). Answers the offset after it.
  private static func groupAddress(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> Int? {
    guard let (family, width) = try header(c, at: offset) else { return nil }
    try outerAddress(c, at: offset, header: 4, width: width, as: (PIM.group, PIM.groupIPv6))
    try parts(c, at: offset, family: family)
    let flags = UInt64(try c.uint8(offset + 2))
    try c.add(PIM.groupFlags, at: offset + 2, 1, value: flags, depth: 3)
    try c.add(PIM.groupFlagBidirectional, at: offset + 2, 1, value: flags >> 7, depth: 4)
    try c.add(PIM.groupFlagReserved, at: offset + 2, 1, value: flags >> 1 & 0x3f, depth: 4)
    try c.add(PIM.groupFlagAdminScope, at: offset + 2, 1, value: flags & 1, depth: 4)
    try c.add(PIM.maskLength, at: offset + 3, 1, value: UInt64(try c.uint8(offset + 3)), depth: 3)
    try innerAddress(c, at: offset + 4, width: width, as: (PIM.group, PIM.groupIPv6))
    return offset + 4 + width
  }

  /// The item over the whole encoded address (`header` bytes before the
  /// address itself), valued with the address.
  private static func outerAddress(
    _ c: LayerCursor, at offset: Int, header: Int, width: Int, as fields: (PIM, PIM)
  ) throws(DissectionStop) {
    let address = offset + header
    try c.check(address, width)
    if width == 4 {
      try c.add(fields.0, at: offset, header + width, value: UInt64(try c.uint32(address)), depth: 2)
    } else {
      let bytes = (0..<width).map { c.bytes.byte(address + $0) }
      c.computed(fields.1, at: offset, header + width, bytes: bytes, depth: 2)
    }
  }

  /// The address itself, inside the encoded address's subtree.
  private static func innerAddress(_ c: LayerCursor, at offset: Int, width: Int, as fields: (PIM, PIM)) throws(DissectionStop) {
    if width == 4 {
      try c.add(fields.0, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: 3)
    } else {
      try c.add(fields.1, at: offset, 16, depth: 3)
    }
  }

  private static func parts(_ c: LayerCursor, at offset: Int, family: UInt8) throws(DissectionStop) {
    try c.add(PIM.addressFamily, at: offset, 1, value: UInt64(family), depth: 3)
    try c.add(PIM.encodingType, at: offset + 1, 1, value: UInt64(try c.uint8(offset + 1)), depth: 3)
  }
}
