/// NetBIOS Session Service (RFC 1002 section 4.3) on TCP ports 139 and
/// 445, and the same framing with a 24-bit length (SMB over TCP, "CIFS"
/// framing, where the flags byte is the length's high byte): as tshark,
/// a segment is read with that framing when its first message carries an
/// SMB header, whichever the port (see `usesCIFSFraming`).
///
/// As tshark, a segment that does not start with a plausible message
/// header is a continuation of an earlier message; one that does is read
/// message by message to its end, each message a layer of its own after
/// the one before's payload (`Next.furtherPDU`). With TCP reassembly, a
/// message cut short waits for the segments with its rest.
enum NBSS: UInt8, ProtocolModule {
  case item, type, flags, flagsExtend, length, errorCode, retargetAddress, retargetPort, continuationData

  static var protocolID: ProtocolID { .nbss }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, 139), Binding(.tcpPort, 445)]
  static let headerBits = 32
  static var variablePart: String? { "Trailer" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nbss", "NetBIOS Session Service")
    case .type: .uint("nbss.type", "Message Type", at: 0, bytes: 1, base: .hex, values: .nbssMessageTypes)
    case .flags: .uint("nbss.flags", "Flags", at: 1, bytes: 1, base: .hex)
    case .flagsExtend: .flag("nbss.flags.e", "Extend", at: 1, bytes: 1, mask: 0x01, abbreviation: "E", values: .nbssExtend)
    case .length:
      .uint("nbss.length", "Length", at: 2, bytes: 2, blurb: "Length of trailer (payload) following this field in bytes")
    case .errorCode: .loose("nbss.error_code", "Error code", .uint(bytes: 1), base: .hex, values: .nbssErrorCodes)
    case .retargetAddress: .loose("nbss.retarget_ip_address", "Retarget IP address", .ipv4)
    case .retargetPort: .loose("nbss.retarget_port", "Retarget port", .uint(bytes: 2))
    case .continuationData: .loose("nbss.continuation_data", "Continuation data", .bytes)
    }
  }

  static let sessionMessage: UInt8 = 0x00
  static let sessionRequest: UInt8 = 0x81
  static let positiveResponse: UInt8 = 0x82
  static let negativeResponse: UInt8 = 0x83
  static let retargetResponse: UInt8 = 0x84
  static let keepAlive: UInt8 = 0x85
  static let smbOverTCPPort: UInt16 = 445
  static let sessionServicePort: UInt16 = 139

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // A later message of the bytes the first message's layer was handed
    // is read as it stands; so are bytes TCP put together.
    let further = c.dissection.layers.last?.listed == false
    let cifs = usesCIFSFraming(c, further: further)
    if !further, c.start < c.dissection.capturedCount, messageHeader(c, cifs: cifs) == nil {
      try c.add(continuationData, at: 0, c.capturedLength)
      return .stop
    }
    if c.canDesegment {
      // The header or the message runs past the bytes: ask TCP for the
      // rest (for a header cut short, one more segment) and show nothing.
      let length = header(c, at: 0, cifs: cifs)?.length
      let missing = length.map { 4 + $0 - c.capturedLength }
      if missing ?? 1 > 0 {
        c.needMore(at: 0, missing)
        c.withdrawn = true
        // tshark named the first message's type in Info before it asked.
        if !further, let kind = try? c.uint8(0) { c.dissection.infoBeforeRequest = info(kind: kind) }
        return .stop
      }
    }
    let kind = try c.uint8(0)
    try c.add(type, at: 0, 1, value: UInt64(kind))
    let length: Int
    if cifs {
      length = Int(try c.uint(1, 3))
      try c.add(NBSS.length, at: 1, 3, value: UInt64(length))
    } else {
      let flagByte = try c.fixed(flags)
      try c.fixed(flagsExtend, depth: 2)
      length = Int(flagByte & 0x01) << 16 | Int(try c.uint16(2))
      try c.add(NBSS.length, at: 2, 2, value: UInt64(length))
    }
    // As tshark, only a message that carries an SMB header (its "SMB" at
    // bytes 5 to 7) is tracked across segments.
    if carriesSMBHeader(c, at: c.start) {
      TCPSegment.pdu(c, at: 0, length: 4 + length)
    }
    let next = try payload(c, kind: kind, length: length)
    guard !further, 4 + length < c.length else {
      if kind != sessionMessage { c.limit(to: 4 + length) }
      return next
    }
    // More messages follow: this one's payload first, then each of them.
    c.runAbove(next)
    var offset = 4 + length
    while offset < c.length, c.dissection.desegmentRequest == nil, c.dissection.hasRoomForLayer {
      guard let (_, following) = header(c, at: offset, cifs: cifs) else {
        // tshark's read of a header cut short fails before it shows any of it.
        c.headerEnd = c.start + 4
        throw .truncated
      }
      c.runAbove(.furtherPDU(.nbss, at: c.start + offset, end: c.end))
      offset += 4 + following
    }
    c.headerEnd = c.start + 4
    return .stop
  }

  /// Reads what follows a message's header, and answers what its payload
  /// goes to.
  private static func payload(_ c: LayerCursor, kind: UInt8, length: Int) throws(DissectionStop) -> Next {
    let payload = c.start + 4
    let end = payload + length
    switch kind {
    case negativeResponse:
      try c.add(errorCode, at: 4, 1, value: UInt64(try c.uint8(4)))
    case retargetResponse:
      try c.add(retargetAddress, at: 4, 4, value: UInt64(try c.uint32(4)))
      try c.add(retargetPort, at: 8, 2, value: UInt64(try c.uint16(8)))
    case sessionMessage:
      guard length > 0, payload < c.packet.count else { return .stop }
      if SMB2.claims(c.packet, at: payload) { return .layer(.smb2, at: payload, end: end) }
      if SMB.claims(c.packet, at: payload) { return .layer(.smb, at: payload, end: end) }
      return .data(at: payload, end: min(end, c.end))
    default:
      break
    }
    return .stop
  }

  /// The type and length of the message header `offset` bytes into the
  /// layer, when its four bytes were captured.
  private static func header(_ c: LayerCursor, at offset: Int, cifs: Bool) -> (kind: UInt8, length: Int)? {
    guard offset >= 0, offset + 4 <= c.capturedLength, let kind = try? c.uint8(offset),
      let flagByte = try? c.uint8(offset + 1), let low = try? c.uint16(offset + 2)
    else { return nil }
    return (kind, (cifs ? Int(flagByte) : Int(flagByte & 0x01)) << 16 | Int(low))
  }

  /// Whether the messages of these bytes have a 24-bit length and no
  /// flags. tshark decides it once for the bytes TCP handed it, from their
  /// first message: a session message with an SMB header ("SMB" at bytes
  /// 5 to 7, SMB1's or SMB2's) has that framing on either port, anything
  /// else the 17-bit one of RFC 1002. Only bytes TCP put together go by
  /// the port: 445 when that is the port that matched, as tshark tries the
  /// lower port bound to NBSS first.
  private static func usesCIFSFraming(_ c: LayerCursor, further: Bool) -> Bool {
    let layers = c.dissection.layers
    // The segment's first message is the last NBSS layer `frame.protocols` names.
    guard let first = further ? layers.last(where: { $0.protocolID == .nbss && $0.listed }) : layers.last,
      let tcpIndex = layers.lastIndex(where: { $0.protocolID == .tcp && $0.start < first.start })
    else { return false }
    let start = first.start
    if start >= c.dissection.capturedCount {
      let tcp = layers[tcpIndex].start
      guard let source = c.packet.uint16(at: tcp), let destination = c.packet.uint16(at: tcp + 2) else { return false }
      return min(source, destination) != sessionServicePort && (source == smbOverTCPPort || destination == smbOverTCPPort)
    }
    return c.packet[start] == sessionMessage && carriesSMBHeader(c, at: start)
  }

  /// Whether the message at `start` (absolute) has "SMB" at its bytes 5
  /// to 7, captured within the layer's bytes: an SMB1 or SMB2 header.
  private static func carriesSMBHeader(_ c: LayerCursor, at start: Int) -> Bool {
    guard start + 8 <= min(c.end, c.packet.count) else { return false }
    return c.packet[start + 5] == UInt8(ascii: "S") && c.packet[start + 6] == UInt8(ascii: "M")
      && c.packet[start + 7] == UInt8(ascii: "B")
  }

  /// The message type and length, when the segment starts with a header
  /// whose length suits its type, as tshark tells a message from the
  /// middle of an earlier one; nil for a continuation.
  private static func messageHeader(_ c: LayerCursor, cifs: Bool) -> (UInt8, Int)? {
    guard let (kind, length) = header(c, at: 0, cifs: cifs) else { return nil }
    if !cifs, let flagByte = try? c.uint8(1), flagByte & 0xfe != 0 { return nil }
    switch kind {
    case sessionMessage: return length == 0 ? nil : (kind, length)
    case sessionRequest: return (2...256).contains(length) ? (kind, length) : nil
    case positiveResponse, keepAlive: return length == 0 ? (kind, length) : nil
    case negativeResponse: return length == 1 ? (kind, length) : nil
    case retargetResponse: return length == 6 ? (kind, length) : nil
    default: return nil
    }
  }
}
