/// Fiber Distributed Data Interface (link type 10, ISO 9314): a frame
/// control byte, then the destination and source addresses. Wireshark
/// reads link type 10 as bit-swapped FDDI: it shows each address with the
/// bits of every byte reversed, and hides a second copy of each (the same
/// reversed bytes, as `fddi.dst` and `fddi.addr` again). Asynchronous LLC frames (frame control
/// 0x50–0x5f) carry LLC; Wireshark shows the rest as data.
enum FDDI: UInt8, ProtocolModule {
  case item, fc, clf, prio, smtSubtype, macSubtype, dst, src, addr

  static var protocolID: ProtocolID { .fddi }
  static var level: LayerLevel { .link }
  static let bindings = [Binding(.linkType, 10)]
  static let headerBits = 104
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("fddi", "Fiber Distributed Data Interface")
    case .fc: .uint("fddi.fc", "Frame Control", at: 0, bytes: 1, base: .hex)
    case .clf: .uint("fddi.fc.clf", "Class/Length/Format", at: 0, bytes: 1, mask: 0xf0, base: .hex, values: .fddiClasses)
    case .prio: .uint("fddi.fc.prio", "Priority", at: 0, bytes: 1, mask: 0x07)
    case .smtSubtype: .uint("fddi.fc.smt_subtype", "SMT Subtype", at: 0, bytes: 1, mask: 0x0f, values: .fddiSMTSubtypes)
    case .macSubtype: .uint("fddi.fc.mac_subtype", "MAC Subtype", at: 0, bytes: 1, mask: 0x0f, values: .fddiMACSubtypes)
    case .dst: .fixed("fddi.dst", "Destination", .ether, at: 1, bytes: 6, blurb: "Destination Hardware Address")
    case .src: .fixed("fddi.src", "Source", .ether, at: 7, bytes: 6)
    case .addr: .loose("fddi.addr", "Source or Destination Address", .ether, blurb: "Source or Destination Hardware Address")
    }
  }

  /// The class bits of frame control, and the classes they name.
  static let classMask: UInt8 = 0xf0
  static let smtClass: UInt8 = 0x40
  static let macClass: UInt8 = 0xc0
  static let asyncLLCClass: UInt8 = 0x50
  /// An asynchronous frame with this bit set is a restricted one, which has no priority.
  static let asyncRestricted: UInt8 = 0x08
  static let restrictedToken: UInt8 = 0xc0
  static let headerLength = 13

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let control = UInt8(try c.fixed(fc))
    try c.fixed(clf, depth: 2)
    switch control & classMask {
    case smtClass: try c.fixed(smtSubtype, depth: 2)
    case macClass where control != restrictedToken: try c.fixed(macSubtype, depth: 2)
    case asyncLLCClass where control & asyncRestricted == 0: try c.fixed(prio, depth: 2)
    default: break
    }
    try address(c, dst, at: 1)
    try address(c, src, at: 7)
    let payload = c.start + headerLength
    return control & classMask == asyncLLCClass ? .layer(.llc, at: payload, end: c.end) : .data(at: payload, end: c.end)
  }


  private static func address(_ c: LayerCursor, _ field: FDDI, at offset: Int) throws(DissectionStop) {
    try c.check(offset, 6)
    var swapped: [UInt8] = []
    for i in 0..<6 { swapped.append(bitReversed(try c.uint8(offset + i))) }
    c.computed(field, at: offset, 6, bytes: swapped)
    c.computed(addr, at: offset, 6, bytes: swapped, flags: .hidden)
    c.computed(field, at: offset, 6, bytes: swapped, flags: .hidden)
    c.computed(addr, at: offset, 6, bytes: swapped, flags: .hidden)
  }

  static func bitReversed(_ byte: UInt8) -> UInt8 {
    var result: UInt8 = 0
    for bit in 0..<8 where byte & (1 << bit) != 0 { result |= 0x80 >> bit }
    return result
  }
}

extension ValueNames {
  static let fddiClasses = ValueNames(FDDINames.className)
  static let fddiSMTSubtypes = ValueNames(FDDINames.smtSubtypeName)
  static let fddiMACSubtypes = ValueNames(FDDINames.macSubtypeName)
}
