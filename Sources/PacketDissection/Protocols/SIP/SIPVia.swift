/// A Via header's value as Wireshark's `dissect_sip_via_header` reads it:
/// each comma-separated via has a transport (after `SIP/2.0/`), a sent-by
/// address and port, and parameters, of which the known ones are fields.
struct SIPVia {
  let bytes: [UInt8]
  let c: LayerCursor

  /// The via parameters pktsh records, by name.
  static let parameters: [[UInt8]: SIP] = [
    Array("branch".utf8): .viaBranch, Array("maddr".utf8): .viaMaddr, Array("received".utf8): .viaReceived,
    Array("rport".utf8): .viaRport, Array("ttl".utf8): .viaTTL,
  ]

  func dissect(_ value: Range<Int>) {
    let end = value.upperBound
    var offset = value.lowerBound
    while true {
      offset = skipSpace(offset, end)
      guard offset < end else { return }
      // The transport follows the second slash, up to white space.
      var slashes = 0
      var transportStart: Int?
      while offset < end {
        let b = bytes[offset]
        if b == 0x2f {
          slashes += 1
        } else if transportStart == nil, slashes == 2 {
          transportStart = offset
        } else if transportStart != nil, b == 0x20 || b == 0x09 {
          break
        }
        offset += 1
      }
      if let start = transportStart { record(.viaTransport, start..<offset) }
      offset = skipSpace(offset, end)
      let addressStart = offset
      var inBrackets = false
      while offset < end {
        let b = bytes[offset]
        if b == 0x5b { inBrackets = true }
        if b == 0x5d { inBrackets = false }
        if !inBrackets, b == 0x3a || b == 0x3b || b == 0x20 || b == 0x09 || b == 0x2c { break }
        offset += 1
      }
      record(.viaSentByAddress, addressStart..<offset)
      if offset < end, bytes[offset] == 0x3a {
        let portStart = offset + 1
        offset = portStart
        while offset < end, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
        let port = SIPMessage.leadingNumber(bytes[portStart..<offset])
        if offset > portStart, port <= UInt64(UInt16.max) {
          try? c.add(SIP.viaSentByPort, at: portStart, offset - portStart, value: port, depth: 3)
        }
      }
      offset = skipSpace(offset, end)
      guard parameters(&offset, end) else { return }
    }
  }

  /// The parameters after the sent-by; false when the header ends with
  /// them, true when a comma starts another via.
  private func parameters(_ offset: inout Int, _ end: Int) -> Bool {
    while offset < end {
      let b = bytes[offset]
      if b == 0x2c {
        offset += 1
        return true
      }
      guard b == 0x3b else {
        offset += 1
        continue
      }
      offset = skipSpace(offset + 1, end)
      let nameStart = offset
      while offset < end, isNameByte(bytes[offset]) { offset += 1 }
      let name = nameStart..<offset
      offset = skipSpace(offset, end)
      var valueRange: Range<Int>?
      if offset < end, bytes[offset] == 0x3d {
        offset = skipSpace(offset + 1, end)
        let valueStart = offset
        while offset < end, ![0x20, 0x09, 0x3b, 0x2c].contains(bytes[offset]) { offset += 1 }
        valueRange = valueStart..<offset
      }
      let lowered = bytes[name].map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
      if let field = SIPVia.parameters[lowered] { record(field, valueRange ?? name) }
    }
    return false
  }

  private func isNameByte(_ b: UInt8) -> Bool {
    (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a || b == 0x2d
  }

  private func skipSpace(_ offset: Int, _ end: Int) -> Int {
    var offset = offset
    while offset < end, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
    return offset
  }

  private func record(_ field: SIP, _ range: Range<Int>) {
    c.computed(field, at: range.lowerBound, range.count, bytes: HTTP.asciiText(bytes[range]), depth: 3)
  }
}
