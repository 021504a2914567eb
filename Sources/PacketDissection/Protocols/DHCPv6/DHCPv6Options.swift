/// DHCPv6 options (RFC 8415 section 21), as Wireshark 4.0 shows them: a
/// subtree each, its code and length, then its fields. An option running
/// past its container is malformed.
struct DHCPv6Options {
  let c: LayerCursor
  let nesting: Int

  static let secondsTo2000: Int64 = 946_684_800

  func walk(from start: Int, to end: Int, depth: UInt8) throws(DissectionStop) {
    var offset = start
    while offset < end {
      guard end - offset >= 4 else { throw .malformed }
      let code = try c.uint16(offset)
      let length = Int(try c.uint16(offset + 2))
      try c.add(DHCPv6.optionType, at: offset, 2, value: UInt64(code), depth: depth + 1)
      try c.add(DHCPv6.optionLength, at: offset + 2, 2, value: UInt64(length), depth: depth + 1)
      let body = offset + 4
      guard length <= end - body else { throw .malformed }
      try c.check(body, length)
      try option(code, at: body, length, depth: depth + 1)
      offset = body + length
    }
  }

  private func option(_ code: UInt16, at offset: Int, _ length: Int, depth: UInt8) throws(DissectionStop) {
    switch code {
    case 1, 2:
      try duid(at: offset, length, depth: depth)
    case 3, 25:
      guard length >= 12 else { return }
      try iaid(.iaid, at: offset, depth: depth)
      try uint(.iaT1, at: offset + 4, 4, depth: depth)
      try uint(.iaT2, at: offset + 8, 4, depth: depth)
      try walk(from: offset + 12, to: offset + length, depth: depth)
    case 4:
      guard length >= 4 else { return }
      try iaid(.iata, at: offset, depth: depth)
      try walk(from: offset + 4, to: offset + length, depth: depth)
    case 5:
      guard length >= 24 else { return }
      try c.add(DHCPv6.iaAddress, at: offset, 16, depth: depth)
      try uint(.iaPreferredLifetime, at: offset + 16, 4, depth: depth)
      try uint(.iaValidLifetime, at: offset + 20, 4, depth: depth)
      try walk(from: offset + 24, to: offset + length, depth: depth)
    case 6:
      for at in stride(from: offset, to: offset + length - 1, by: 2) { try uint(.requestedOption, at: at, 2, depth: depth) }
    case 7 where length >= 1:
      try uint(.preference, at: offset, 1, depth: depth)
    case 8 where length >= 2:
      let hundredths = UInt64(try c.uint16(offset))
      try c.add(DHCPv6.elapsedTime, at: offset, 2, value: hundredths * 10, depth: depth)
    case 9:
      if nesting < DHCPv6.maximumNesting, length > 0 {
        try DHCPv6.message(c, at: offset, end: offset + length, depth: depth + 1, nesting: nesting + 1)
      }
    case 12 where length >= 16:
      try c.add(DHCPv6.serverUnicast, at: offset, 16, depth: depth)
    case 13 where length >= 2:
      try uint(.statusCode, at: offset, 2, depth: depth)
      try text(.statusMessage, at: offset + 2, length - 2, depth: depth)
    case 18:
      try c.add(DHCPv6.interfaceID, at: offset, length, depth: depth)
    case 19 where length >= 1:
      try uint(.reconfigureMessage, at: offset, 1, depth: depth)
    case 23:
      for at in stride(from: offset, to: offset + length - 15, by: 16) { try c.add(DHCPv6.dnsServer, at: at, 16, depth: depth) }
    case 26:
      guard length >= 25 else { return }
      try uint(.prefixPreferredLifetime, at: offset, 4, depth: depth)
      try uint(.prefixValidLifetime, at: offset + 4, 4, depth: depth)
      try uint(.prefixLength, at: offset + 8, 1, depth: depth)
      try c.add(DHCPv6.prefixAddress, at: offset + 9, 16, depth: depth)
      try walk(from: offset + 25, to: offset + length, depth: depth)
    default:
      break
    }
  }

  /// A DUID (RFC 8415 section 11): its bytes, its type, and the parts of
  /// the three common types.
  private func duid(at offset: Int, _ length: Int, depth: UInt8) throws(DissectionStop) {
    try c.add(DHCPv6.duid, at: offset, length, depth: depth)
    guard length >= 2 else { return }
    let type = try c.uint16(offset)
    try uint(.duidType, at: offset, 2, depth: depth)
    switch type {
    case 1 where length >= 8:
      try uint(.duidLLTHardwareType, at: offset + 2, 2, depth: depth)
      let seconds = Int64(try c.uint32(offset + 4)) + Self.secondsTo2000
      try c.add(DHCPv6.duidLLTTime, at: offset + 4, 4, value: UInt64(bitPattern: seconds * 1_000_000_000), depth: depth)
      if length > 8 { try linkLayerAddress(.duidLLTLinkLayerAddress, at: offset + 8, length - 8, depth: depth) }
    case 2 where length >= 6:
      try uint(.duidENEnterprise, at: offset + 2, 4, depth: depth)
      if length > 6 { try c.add(DHCPv6.duidENIdentifier, at: offset + 6, length - 6, depth: depth) }
    case 3 where length >= 4:
      try uint(.duidLLHardwareType, at: offset + 2, 2, depth: depth)
      if length > 4 { try linkLayerAddress(.duidLLLinkLayerAddress, at: offset + 4, length - 4, depth: depth) }
    default:
      break
    }
  }

  /// A link-layer address as Wireshark writes it: hex bytes joined by colons.
  private func linkLayerAddress(_ field: DHCPv6, at offset: Int, _ count: Int, depth: UInt8) throws(DissectionStop) {
    try c.check(offset, count)
    let text = c.bytes.slice(offset, count).copyBytes().map { FieldText.hexByte($0) }.joined(separator: ":")
    c.computed(field, at: offset, count, bytes: Array(text.utf8), depth: depth)
  }

  /// An identity association's IAID, shown as its hex bytes.
  private func iaid(_ field: DHCPv6, at offset: Int, depth: UInt8) throws(DissectionStop) {
    try c.check(offset, 4)
    let text = c.bytes.slice(offset, 4).copyBytes().map { FieldText.hexByte($0) }.joined()
    c.computed(field, at: offset, 4, bytes: Array(text.utf8), depth: depth)
  }

  private func uint(_ field: DHCPv6, at offset: Int, _ count: Int, depth: UInt8) throws(DissectionStop) {
    try c.add(field, at: offset, count, value: try c.uint(offset, count), depth: depth)
  }

  private func text(_ field: DHCPv6, at offset: Int, _ count: Int, depth: UInt8) throws(DissectionStop) {
    try c.check(offset, count)
    c.computed(field, at: offset, count, bytes: HTTP.asciiText(c.bytes.slice(offset, count).copyBytes()), depth: depth)
  }
}
