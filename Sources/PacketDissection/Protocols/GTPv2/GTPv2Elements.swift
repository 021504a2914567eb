/// GTPv2's information elements (TS 29.274 section 8): each a type, a
/// two-byte length, the CR flag and the instance, then its value, whose
/// fields are read for the commonest types; a grouped element's members
/// follow as elements of their own. The PPP containers of configuration
/// options are handed on as data after the walk, as GTP's are.
extension GTPv2 {
  /// Grouped elements deeper than this are listed without their members:
  /// the walk recurses once per level.
  static let maximumNesting = 8

  /// The types whose value is a list of elements (Wireshark's grouped IEs).
  static func isGrouped(_ type: UInt8) -> Bool {
    switch type {
    case 93, 109, 180, 181, 191, 195: true
    default: false
    }
  }

  /// Walks the elements between `start` and `end` (offsets in the layer).
  /// An element running past `end` ends the walk after its header: the
  /// message is malformed.
  static func elements(
    _ c: inout LayerCursor, from start: Int, to end: Int, nesting: Int, _ containers: inout [Range<Int>]
  ) throws(DissectionStop) {
    let depth = UInt8(2 + nesting)
    var offset = start
    while offset < end {
      let type = try c.uint8(offset)
      let size = Int(try c.uint16(offset + 1))
      let flagsByte = UInt64(try c.uint8(offset + 3))
      try c.add(elementType, at: offset, 1, value: UInt64(type), depth: depth)
      try c.add(elementLength, at: offset + 1, 2, value: UInt64(size), depth: depth)
      try c.add(crFlag, at: offset + 3, 1, value: flagsByte >> 4, depth: depth)
      try c.add(instance, at: offset + 3, 1, value: flagsByte & 0x0f, depth: depth)
      guard offset + 4 + size <= end else { throw .malformed }
      try c.check(offset + 4, size)
      if isGrouped(type) {
        if nesting < maximumNesting {
          try elements(&c, from: offset + 4, to: offset + 4 + size, nesting: nesting + 1, &containers)
        }
      } else if type == 78 {  // Protocol configuration options
        try GTP.configurationOptions(c, at: offset + 4, size, into: &containers)
      } else {
        try value(&c, type, at: offset + 4, size, depth: depth)
      }
      offset += 4 + size
    }
  }

  private static func value(
    _ c: inout LayerCursor, _ type: UInt8, at v: Int, _ size: Int, depth: UInt8
  ) throws(DissectionStop) {
    switch type {
    case 1 where size > 0:  // IMSI
      let digits = try GTP.bcdDigits(c, at: v, size)
      c.computed(GTP.imsi, at: v, size, bytes: digits, depth: depth)
      c.computed(GTP.associationIMSI, at: v, size, bytes: digits, depth: depth, flags: .generated)
      if let mcc = GTP.countryCode(digits) { try c.add(GTP.imsiMCC, at: v, 2, value: mcc, depth: depth + 1) }
    case 2 where size >= 2:  // Cause
      try c.add(cause, at: v, 1, value: UInt64(try c.uint8(v)), depth: depth)
      let bits = UInt64(try c.uint8(v + 1))
      try c.add(causeSpare, at: v + 1, 1, value: bits >> 3, depth: depth)
      try c.add(pdnConnectionError, at: v + 1, 1, value: bits >> 2 & 1, depth: depth)
      try c.add(bearerContextError, at: v + 1, 1, value: bits >> 1 & 1, depth: depth)
      try c.add(causeSource, at: v + 1, 1, value: bits & 1, depth: depth)
    case 3 where size >= 1: try c.add(recovery, at: v, 1, value: UInt64(try c.uint8(v)), depth: depth)
    case 71: c.computed(apn, at: v, size, bytes: try GTP.apnText(c, at: v, size), depth: depth)
    case 72 where size >= 8:  // AMBR
      try c.add(ambrUplink, at: v, 4, value: UInt64(try c.uint32(v)), depth: depth)
      try c.add(ambrDownlink, at: v + 4, 4, value: UInt64(try c.uint32(v + 4)), depth: depth)
    case 73 where size >= 1:  // EBI
      let byte = UInt64(try c.uint8(v))
      try c.add(spareBits, at: v, 1, value: byte >> 4, depth: depth)
      try c.add(ebi, at: v, 1, value: byte & 0x0f, depth: depth)
    case 75 where size > 0: c.computed(mei, at: v, size, bytes: try GTP.bcdDigits(c, at: v, size), depth: depth)
    case 79 where size >= 1: try addressAllocation(&c, at: v, size, depth: depth)
    case 80 where size >= 22:  // Bearer QoS
      let byte = UInt64(try c.uint8(v))
      try c.add(qosPCI, at: v, 1, value: byte >> 6 & 1, depth: depth)
      try c.add(qosPL, at: v, 1, value: byte >> 2 & 0x0f, depth: depth)
      try c.add(qosPVI, at: v, 1, value: byte & 1, depth: depth)
      try c.add(qosQCI, at: v + 1, 1, value: UInt64(try c.uint8(v + 1)), depth: depth)
      for (k, field) in [qosMaximumUplink, qosMaximumDownlink, qosGuaranteedUplink, qosGuaranteedDownlink].enumerated() {
        try c.add(field, at: v + 2 + 5 * k, 5, value: try c.uint(v + 2 + 5 * k, 5), depth: depth)
      }
    case 83 where size >= 3:  // Serving network
      if let mcc = GTP.countryCode(try GTP.bcdDigits(c, at: v, 2)) {
        try c.add(GTP.imsiMCC, at: v, 2, value: mcc, depth: depth)
      }
    case 82 where size >= 1: try c.add(ratType, at: v, 1, value: UInt64(try c.uint8(v)), depth: depth)
    case 87 where size >= 5: try fullyQualifiedTEID(&c, at: v, size, depth: depth)
    case 99 where size >= 1:  // PDN type
      let byte = UInt64(try c.uint8(v))
      try c.add(spareBits, at: v, 1, value: byte >> 3, depth: depth)
      try c.add(pdnType, at: v, 1, value: byte & 0x07, depth: depth)
    case 127 where size >= 1: try c.add(apnRestriction, at: v, 1, value: UInt64(try c.uint8(v)), depth: depth)
    case 128 where size >= 1: try c.add(selectionMode, at: v, 1, value: UInt64(try c.uint8(v) & 0x03), depth: depth)
    case 135 where size >= 1: try c.add(nodeType, at: v, 1, value: UInt64(try c.uint8(v)), depth: depth)
    default: break
    }
  }

  /// A PDN address allocation: the PDN type, then an IPv4 address, an
  /// IPv6 prefix length and address, or both (the IPv6 first).
  private static func addressAllocation(
    _ c: inout LayerCursor, at v: Int, _ size: Int, depth: UInt8
  ) throws(DissectionStop) {
    let kind = try c.uint8(v) & 0x07
    try c.add(pdnType, at: v, 1, value: UInt64(kind), depth: depth)
    if kind == 1 && size >= 5 {
      try c.add(paaIPv4, at: v + 1, 4, value: UInt64(try c.uint32(v + 1)), depth: depth)
    }
    if (kind == 2 && size >= 18) || (kind == 3 && size >= 22) {
      try c.add(paaIPv6PrefixLength, at: v + 1, 1, value: UInt64(try c.uint8(v + 1)), depth: depth)
      try c.add(paaIPv6, at: v + 2, 16, depth: depth)
    }
    if kind == 3 && size >= 22 {
      try c.add(paaIPv4, at: v + 18, 4, value: UInt64(try c.uint32(v + 18)), depth: depth)
    }
  }

  /// A fully qualified TEID: which addresses follow, the interface, the
  /// TEID or GRE key, then the addresses.
  private static func fullyQualifiedTEID(
    _ c: inout LayerCursor, at v: Int, _ size: Int, depth: UInt8
  ) throws(DissectionStop) {
    let byte = UInt64(try c.uint8(v))
    try c.add(fteidV4, at: v, 1, value: byte >> 7, depth: depth)
    try c.add(fteidV6, at: v, 1, value: byte >> 6 & 1, depth: depth)
    try c.add(fteidInterface, at: v, 1, value: byte & 0x3f, depth: depth)
    try c.add(fteidKey, at: v + 1, 4, value: UInt64(try c.uint32(v + 1)), depth: depth)
    var at = v + 5
    if byte & 0x80 != 0 && at + 4 <= v + size {
      try c.add(fteidIPv4, at: at, 4, value: UInt64(try c.uint32(at)), depth: depth)
      at += 4
    }
    if byte & 0x40 != 0 && at + 16 <= v + size {
      try c.add(fteidIPv6, at: at, 16, depth: depth)
    }
  }
}
