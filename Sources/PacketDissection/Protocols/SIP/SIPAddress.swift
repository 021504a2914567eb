/// A SIP address as Wireshark's `dissect_sip_name_addr_or_addr_spec` and
/// `dissect_sip_uri` read one: an optional display name before `<`, the
/// URI (in angle brackets, or up to the first `;`, `,` or space), and in
/// the URI its user, host, port and parameters. Ranges index the
/// message's bytes.
struct SIPAddress {
  var displayInfo: Range<Int>?
  var uri: Range<Int>
  var user: Range<Int>?
  var host: Range<Int>?
  var port: Range<Int>?
  var parameters: [Range<Int>] = []
  /// Where the address ends: after its `>`, or after the URI.
  var end: Int

  /// The address in `bytes[start..<end]`, or nil if none is there.
  static func nameAddrOrAddrSpec(_ bytes: [UInt8], from start: Int, to end: Int) -> SIPAddress? {
    var offset = start
    while offset < end, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
    guard offset < end else { return nil }
    var searchFrom = offset
    var displayEnd: Int?
    if bytes[offset] == 0x22 {
      // A quoted display name, quotes included: the `<` is looked for after it.
      var i = offset + 1
      while i < end, bytes[i] != 0x22 {
        i += bytes[i] == 0x5c ? 2 : 1
      }
      searchFrom = min(i + 1, end)
      displayEnd = searchFrom
    }
    if let open = bytes[searchFrom..<end].firstIndex(of: 0x3c) {
      guard let close = bytes[(open + 1)..<end].firstIndex(of: 0x3e) else { return nil }
      guard var address = uri(bytes, open + 1..<close, end: close + 1) else { return nil }
      let display = displayEnd ?? open
      if display > offset { address.displayInfo = offset..<display }
      return address
    }
    // An addr-spec: the URI runs to the first `;`, `,` or white space.
    let uriEnd = bytes[offset..<end].firstIndex { $0 == 0x3b || $0 == 0x2c || $0 == 0x20 || $0 == 0x09 } ?? end
    return uri(bytes, offset..<uriEnd, end: uriEnd)
  }

  /// The parts of the URI at `range`: scheme, then user before `@`, host,
  /// port after `:`, parameters after `;`.
  static func uri(_ bytes: [UInt8], _ range: Range<Int>, end: Int) -> SIPAddress? {
    guard !range.isEmpty, let colon = bytes[range].firstIndex(of: 0x3a) else { return nil }
    var address = SIPAddress(uri: range, end: end)
    var hostStart = colon + 1
    // A user part ends at `@`; a password after its `:` is not shown apart.
    let paramsStart = bytes[hostStart..<range.upperBound].firstIndex(of: 0x3b) ?? range.upperBound
    if let at = bytes[hostStart..<range.upperBound].lastIndex(of: 0x40) {
      let userEnd = bytes[hostStart..<at].firstIndex(of: 0x3a) ?? at
      address.user = hostStart..<userEnd
      hostStart = at + 1
    }
    let hostPartEnd = max(hostStart, bytes[hostStart..<range.upperBound].firstIndex { $0 == 0x3b || $0 == 0x3f } ?? range.upperBound)
    var hostEnd = hostPartEnd
    if hostStart < hostPartEnd, bytes[hostStart] == 0x5b, let close = bytes[hostStart..<hostPartEnd].firstIndex(of: 0x5d) {
      hostEnd = close + 1
    } else if let portColon = bytes[hostStart..<hostPartEnd].firstIndex(of: 0x3a) {
      hostEnd = portColon
    }
    address.host = hostStart..<hostEnd
    if hostEnd < hostPartEnd, bytes[hostEnd] == 0x3a { address.port = hostEnd + 1..<hostPartEnd }
    if paramsStart >= hostStart, paramsStart < range.upperBound {
      address.parameters = parameters(bytes, from: paramsStart, to: range.upperBound)
    }
    return address
  }

  /// The `;`-separated parameters from the `;` at `start` to `end`.
  static func parameters(_ bytes: [UInt8], from start: Int, to end: Int) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var offset = start
    while offset < end, bytes[offset] == 0x3b {
      let next = bytes[(offset + 1)..<end].firstIndex(of: 0x3b) ?? end
      result.append(offset + 1..<next)
      offset = next
    }
    return result
  }
}
