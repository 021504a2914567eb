/// PIM version 1, which runs inside IGMP (type 0x14): the IGMP type as
/// text, the message code, checksum, version and three reserved bytes,
/// then a Query's mode and hold time, a Register-Stop's group and source,
/// an RP-Reachable's group, mask, RP and hold time, an Assert's group,
/// mask and metrics, as Wireshark 4.0 reads them. A Join/Prune's, a
/// Graft's and a Register's bodies are not taken apart. A message whose
/// version byte is not 1 shows its checksum and version only.
enum PIMVersion1 {
  static func dissect(_ c: LayerCursor) throws(DissectionStop) -> Next {
    c.computed(PIM.igmpType, at: 0, 0, bytes: Array("PIM (0x14)".utf8))
    let code = UInt64(try c.uint8(1))
    try c.add(PIM.code, at: 1, 1, value: code)
    let versionByte = UInt64(try c.uint8(4))
    try c.fixed(PIM.checksum)
    try c.add(PIM.version, at: 4, 1, value: versionByte >> 4)
    guard versionByte >> 4 == 1 else { return .stop }
    try c.add(PIM.reserved.fieldID, at: 5, 3)
    guard c.length > 8 else { return .stop }
    switch code {
    case query:
      try c.add(PIM.mode, at: 8, 1, value: UInt64(try c.uint8(8)) >> 4, depth: 2)
      try holdTime(c, at: 10)
    case registerStop:
      try address(c, PIM.group, at: 8)
      try address(c, PIM.source, at: 12)
    case rpReachable:
      try address(c, PIM.groupAddress, at: 8)
      try address(c, PIM.groupMask, at: 12)
      try address(c, PIM.rp, at: 16)
      try c.add(PIM.reserved.fieldID, at: 20, 2)
      try holdTime(c, at: 22)
    case assert:
      try address(c, PIM.groupAddress, at: 8)
      try address(c, PIM.groupMask, at: 12)
      let preference = UInt64(try c.uint32(16))
      try c.add(PIM.rpt, at: 16, 1, value: preference >> 31, depth: 2)
      try c.add(PIM.metricPreference, at: 16, 4, value: preference & 0x7fff_ffff, depth: 2)
      try c.add(PIM.metric, at: 20, 4, value: UInt64(try c.uint32(20)), depth: 2)
    default: break
    }
    return .stop
  }

  static let query: UInt64 = 0, registerStop: UInt64 = 2, rpReachable: UInt64 = 4, assert: UInt64 = 5

  private static func address(_ c: LayerCursor, _ field: PIM, at offset: Int) throws(DissectionStop) {
    try c.add(field, at: offset, 4, value: UInt64(try c.uint32(offset)), depth: 2)
  }

  private static func holdTime(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    try c.add(PIM.holdTime, at: offset, 2, value: UInt64(try c.uint16(offset)), depth: 2)
  }
}
