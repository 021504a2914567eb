/// Fiber Distributed Data Interface (link type 10, ISO 9314): a frame
/// control byte, then the destination and source addresses, in canonical
/// order as Linux captures them. Asynchronous LLC frames (frame control
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
    try c.fixed(dst)
    try c.add(addr, at: 1, 6, flags: .hidden)
    try c.fixed(src)
    try c.add(addr, at: 7, 6, flags: .hidden)
    let payload = c.start + headerLength
    return control & classMask == asyncLLCClass ? .layer(.llc, at: payload, end: c.end) : .data(at: payload, end: c.end)
  }
}

extension ValueNames {
  static let fddiClasses = ValueNames(FDDINames.className)
  static let fddiSMTSubtypes = ValueNames(FDDINames.smtSubtypeName)
  static let fddiMACSubtypes = ValueNames(FDDINames.macSubtypeName)
}
