/// GTPv1's information elements (3GPP TS 29.060 section 7.7), the ones
/// Wireshark shows fields for that the corpus holds: each as its fields,
/// the others skipped by their length. An element of type below 128 has a
/// fixed length (`fixedLength`); one of 128 or more a two-byte length.
extension GTP {
  /// The length of a fixed-length element's value, by its type; nil for
  /// a type Wireshark does not know, where the walk stops.
  static func fixedLength(_ type: UInt8) -> Int? {
    switch type {
    case 1, 8, 11, 13, 14, 15, 19, 20, 21, 23, 24, 29, 126: 1
    case 25, 26, 27, 28: 2
    case 12: 3
    case 4, 5, 16, 17, 127: 4
    case 18: 5
    case 3: 6
    case 2: 8
    case 22: 9
    case 9: 28
    default: nil
    }
  }

  /// Walks the elements from `start` to the layer's end, then hands the
  /// PPP containers of its configuration options on as data.
  static func elements(_ c: inout LayerCursor, from start: Int) throws(DissectionStop) {
    var containers: [Range<Int>] = []
    defer { handOn(c, containers) }
    var offset = start
    while offset < c.length {
      let type = try c.uint8(offset)
      if type < 128 {
        guard let size = fixedLength(type) else { return }
        try c.check(offset + 1, size)
        try fixedElement(&c, type, at: offset)
        offset += 1 + size
      } else {
        let size = Int(try c.uint16(offset + 1))
        try c.check(offset + 3, size)
        try lengthElement(&c, type, at: offset, size, &containers)
        offset += 3 + size
      }
    }
  }

  private static func fixedElement(_ c: inout LayerCursor, _ type: UInt8, at offset: Int) throws(DissectionStop) {
    let value = offset + 1
    switch type {
    case 1: try c.add(cause, at: offset, 2, value: UInt64(try c.uint8(value)))
    case 2:
      let digits = try bcdDigits(c, at: value, 8)
      c.computed(imsi, at: value, 8, bytes: digits)
      c.computed(associationIMSI, at: value, 8, bytes: digits, flags: .generated)
      if let mcc = countryCode(digits) { try c.add(imsiMCC, at: value, 2, value: mcc, depth: 2) }
    case 3:
      if let mcc = countryCode(try bcdDigits(c, at: value, 2)) {
        try c.add(routingAreaMCC, at: value, 2, value: mcc, depth: 2)
      }
      try c.add(locationAreaCode, at: value + 3, 2, value: UInt64(try c.uint16(value + 3)), depth: 2)
      try c.add(routingAreaCode, at: value + 5, 1, value: UInt64(try c.uint8(value + 5)), depth: 2)
    case 8: try c.add(reordering, at: offset, 2, value: UInt64(try c.uint8(value) & 0x01))
    case 14: try c.add(recovery, at: offset, 2, value: UInt64(try c.uint8(value)))
    case 15: try c.add(selectionMode, at: value, 1, value: UInt64(try c.uint8(value) & 0x03), depth: 2)
    case 16: try c.add(teidData, at: value, 4, value: UInt64(try c.uint32(value)))
    case 17: try c.add(teidControl, at: value, 4, value: UInt64(try c.uint32(value)))
    case 20: try c.add(nsapi, at: value, 1, value: UInt64(try c.uint8(value) & 0x0f), depth: 2)
    case 26:
      let bits = UInt64(try c.uint16(value))
      try c.add(chargingCharacteristics, at: value, 2, value: bits)
      for (field, mask) in [
        (chargingSpare, 0xf000), (chargingNormal, 0x0800), (chargingPrepaid, 0x0400), (chargingFlatRate, 0x0200),
        (chargingHotBilling, 0x0100), (chargingReserved, 0x00ff),
      ] as [(GTP, UInt64)] {
        try c.add(field, at: value, 2, value: (bits & mask) >> UInt64(mask.trailingZeroBitCount), depth: 2)
      }
    case 127: try c.add(chargingID, at: offset, 5, value: UInt64(try c.uint32(value)))
    default: break
    }
  }

  private static func lengthElement(
    _ c: inout LayerCursor, _ type: UInt8, at offset: Int, _ size: Int, _ containers: inout [Range<Int>]
  ) throws(DissectionStop) {
    let value = offset + 3
    let sizeValue = UInt64(size)
    switch type {
    case 128:  // End user address
      try c.add(length, at: offset + 1, 2, value: sizeValue, depth: 2)
      guard size >= 2 else { return }
      try c.add(pdpOrganization, at: value, 1, value: UInt64(try c.uint8(value) & 0x0f), depth: 2)
      let kind = try c.uint8(value + 1)
      try c.add(pdpType, at: value + 1, 1, value: UInt64(kind), depth: 2)
      for (address, at) in endUserAddresses(kind: kind, size: size) {
        if address == .userIPv4 {
          try c.add(userIPv4, at: value + at, 4, value: UInt64(try c.uint32(value + at)), depth: 2)
        } else {
          try c.add(userIPv6, at: value + at, 16, depth: 2)
        }
      }
    case 131:  // Access Point Name
      try c.add(apnLength, at: offset + 1, 2, value: sizeValue, depth: 2)
      c.computed(apn, at: value, size, bytes: try apnText(c, at: value, size), depth: 2)
    case 132:  // Protocol configuration options
      try c.add(length, at: offset + 1, 2, value: sizeValue, depth: 2)
      try configurationOptions(c, at: value, size, into: &containers)
    case 134:  // MSISDN
      try c.add(length, at: offset + 1, 2, value: sizeValue, depth: 2)
    case 133:  // GSN address
      try c.add(gsnLength, at: offset + 1, 2, value: sizeValue, depth: 2)
      if size == 4 {
        try c.add(gsnIPv4, at: value, 4, value: UInt64(try c.uint32(value)), depth: 2)
      } else if size == 16 {
        try c.add(gsnIPv6, at: value, 16, depth: 2)
      }
    case 135: try qualityOfService(&c, at: value, size)
    case 151:  // RAT type
      try c.add(elementLength, at: offset + 1, 2, value: sizeValue, depth: 2)
      if size >= 1 { try c.add(ratType, at: value, 1, value: UInt64(try c.uint8(value)), depth: 2) }
    case 153:  // MS time zone
      try c.add(elementLength, at: offset + 1, 2, value: sizeValue, depth: 2)
      guard size >= 2 else { return }
      let zone = try c.uint8(value)
      // Quarter hours, two BCD digits with the nibbles swapped; bit 3 is the sign.
      try c.add(timezone, at: value, 1, value: UInt64(zone >> 4) + UInt64(zone & 0x07) * 10, depth: 2)
      try c.add(timezoneDST, at: value + 1, 1, value: UInt64(try c.uint8(value + 1) & 0x03), depth: 2)
    case 255:  // Private extension
      try c.add(elementLength, at: offset + 1, 2, value: sizeValue, depth: 2)
      guard size >= 2 else { return }
      try c.add(extensionID, at: value, 2, value: UInt64(try c.uint16(value)), depth: 2)
      if size > 2 { try c.add(extensionValue, at: value + 2, size - 2, depth: 2) }
    default: break
    }
  }

  /// The protocol configuration options (TS 24.008 10.5.6.3): a byte
  /// naming the configuration protocol, then containers of an ID, a
  /// length and content. Wireshark hands a container of a PPP protocol
  /// (LCP, PAP, CHAP, IPCP) to PPP's dissector, which pktsh does not
  /// have: its content (in the layer) is added to `containers`, to be
  /// data as in Wireshark with those protocols disabled.
  static func configurationOptions(
    _ c: LayerCursor, at offset: Int, _ size: Int, into containers: inout [Range<Int>]
  ) throws(DissectionStop) {
    var at = 1
    while at + 3 <= size {
      let id = try c.uint16(offset + at)
      let count = Int(try c.uint8(offset + at + 2))
      let content = offset + at + 3
      guard at + 3 + count <= size else { return }
      if count > 0, [0xc021, 0xc023, 0xc223, 0x8021].contains(id) { containers.append(content..<content + count) }
      at += 3 + count
    }
  }

  /// Dissects each container as data nested in the layer, after the
  /// layer's own fields: a nested layer's records end the layer's.
  static func handOn(_ c: LayerCursor, _ containers: [Range<Int>]) {
    for range in containers {
      c.nested(.data(at: c.start + range.lowerBound, end: c.start + range.upperBound))
    }
  }

  /// Where an end user address's IPv4 and IPv6 addresses sit after the
  /// organization and type bytes, by the PDP type and the element's size.
  private static func endUserAddresses(kind: UInt8, size: Int) -> [(GTP, Int)] {
    switch (kind, size) {
    case (0x21, 6...), (0x8d, 6): [(.userIPv4, 2)]
    case (0x57, 18...), (0x8d, 18): [(.userIPv6, 2)]
    case (0x8d, 22...): [(.userIPv4, 2), (.userIPv6, 6)]
    default: []
    }
  }

  /// The quality of service profile (TS 24.008 10.5.6.5) after the
  /// allocation/retention priority: the GPRS octets, and the UMTS ones
  /// when the element holds them.
  private static func qualityOfService(_ c: inout LayerCursor, at value: Int, _ size: Int) throws(DissectionStop) {
    try c.add(qosLength, at: value - 2, 2, value: UInt64(size), depth: 2)
    guard size >= 1 else { return }
    try c.add(qosRetentionPriority, at: value, 1, value: UInt64(try c.uint8(value)), depth: 2)
    let bitfields: [(GTP, Int, UInt8)] = [
      (.qosSpare1, 1, 0xc0), (.qosDelay, 1, 0x38), (.qosReliability, 1, 0x07), (.qosPeak, 2, 0xf0),
      (.qosSpare2, 2, 0x08), (.qosPrecedence, 2, 0x07), (.qosSpare3, 3, 0xe0), (.qosMean, 3, 0x1f),
      (.qosTrafficClass, 4, 0xe0), (.qosDeliveryOrder, 4, 0x18), (.qosErroneousDelivery, 4, 0x07),
      (.qosMaximumSDUSize, 5, 0), (.qosMaximumUplink, 6, 0), (.qosMaximumDownlink, 7, 0),
      (.qosResidualBER, 8, 0xf0), (.qosSDUErrorRatio, 8, 0x0f), (.qosTransferDelay, 9, 0xfc),
      (.qosHandlingPriority, 9, 0x03), (.qosGuaranteedUplink, 10, 0), (.qosGuaranteedDownlink, 11, 0),
    ]
    for (field, at, mask) in bitfields {
      // The GPRS octets come as three, the UMTS ones as eight more.
      guard at < (size >= 12 ? 12 : min(size, 4)) else { break }
      let byte = try c.uint8(value + at)
      let shown: UInt64 =
        switch field {
        case .qosMaximumSDUSize: maximumSDUSize(byte)
        case .qosMaximumUplink, .qosMaximumDownlink, .qosGuaranteedUplink, .qosGuaranteedDownlink: bitRate(byte)
        default: UInt64((byte & mask) >> UInt8(mask.trailingZeroBitCount))
        }
      try c.add(field, at: value + at, 1, value: shown, depth: 2)
    }
  }

  /// The maximum SDU size in octets (TS 24.008): tens of octets up to
  /// 1500, then three sizes by code; other codes as they are.
  static func maximumSDUSize(_ code: UInt8) -> UInt64 {
    switch code {
    case 1...150: UInt64(code) * 10
    case 151: 1502
    case 152: 1510
    case 153: 1520
    default: UInt64(code)
    }
  }

  /// A bit rate in kbps (TS 24.008): 1 kbps steps to 63, 8 kbps to 568,
  /// 64 kbps to 8640; 255 is 0 kbps.
  static func bitRate(_ code: UInt8) -> UInt64 {
    switch code {
    case 0...63: UInt64(code)
    case 64...127: 64 + UInt64(code - 64) * 8
    case 128...254: 576 + UInt64(code - 128) * 64
    default: 0
    }
  }

  /// Telephony BCD: two digits a byte, the low nibble first, up to a
  /// filler nibble (0xf).
  static func bcdDigits(_ c: LayerCursor, at offset: Int, _ count: Int) throws(DissectionStop) -> [UInt8] {
    var digits: [UInt8] = []
    for i in 0..<count {
      let byte = try c.uint8(offset + i)
      for nibble in [byte & 0x0f, byte >> 4] {
        guard nibble != 0x0f else { return digits }
        digits.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "?"))
      }
    }
    return digits
  }

  /// The mobile country code (the first three digits) as a number; nil
  /// unless all three are there and decimal.
  static func countryCode(_ identity: [UInt8]) -> UInt64? {
    let digits = identity.prefix(3)
    guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
    return digits.reduce(0) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
  }

  /// An APN's labels, each a length byte and its characters, joined by dots.
  static func apnText(_ c: LayerCursor, at offset: Int, _ size: Int) throws(DissectionStop) -> [UInt8] {
    var text: [UInt8] = []
    var at = 0
    while at < size {
      let count = Int(try c.uint8(offset + at))
      if !text.isEmpty { text.append(UInt8(ascii: ".")) }
      for i in 0..<min(count, size - at - 1) { text.append(try c.uint8(offset + at + 1 + i)) }
      at += 1 + count
    }
    return text
  }
}
