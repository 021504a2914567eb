/// The WebSocket Protocol (RFC 6455 section 5.2), on a connection an HTTP
/// response switched with `Upgrade: websocket`: HTTP hands the segments
/// on from the frame after that response. Each frame's header is read;
/// a frame that runs past the segment tells TCP where it ends, as
/// Wireshark's PDU tracking does.
enum WebSocket: UInt8, ProtocolModule {
  case item, fin, rsv, opcode, mask, payloadLength, payloadLength16, payloadLength64, maskingKey

  static var protocolID: ProtocolID { .websocket }
  static var level: LayerLevel { .application }
  static let headerBits = 16
  static let variablePart: String? = "Extended length, masking key, payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("websocket", "WebSocket")
    case .fin: .loose("websocket.fin", "Fin", .boolean(bytes: 1), mask: 0x80)
    case .rsv: .loose("websocket.rsv", "Reserved", .uint(bytes: 1), base: .hex, mask: 0x70)
    case .opcode: .loose("websocket.opcode", "Opcode", .uint(bytes: 1), base: .dec, mask: 0x0f, values: .webSocketOpcodes)
    case .mask: .loose("websocket.mask", "Mask", .boolean(bytes: 1), mask: 0x80)
    case .payloadLength: .loose("websocket.payload_length", "Payload length", .uint(bytes: 1), base: .dec, mask: 0x7f)
    case .payloadLength16: .loose("websocket.payload_length_ext_16", "Extended Payload length (16 bits)", .uint(bytes: 2), base: .dec)
    case .payloadLength64: .loose("websocket.payload_length_ext_64", "Extended Payload length (64 bits)", .uint(bytes: 8), base: .dec)
    case .maskingKey: .loose("websocket.masking_key", "Masking-Key", .bytes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    while offset + 2 <= c.length {
      let first = try c.uint8(offset)
      let second = try c.uint8(offset + 1)
      let short = Int(second & 0x7f)
      var header = 2 + (short == 126 ? 2 : short == 127 ? 8 : 0) + (second & 0x80 != 0 ? 4 : 0)
      var payload = UInt64(short)
      if short == 126 { payload = UInt64(try c.uint16(offset + 2)) }
      if short == 127 { payload = try c.uint(offset + 2, 8) }
      header = min(header, c.length - offset)
      let (total, overflow) = UInt64(header).addingReportingOverflow(payload)
      let frameEnd = overflow || total > UInt64(Int32.max) ? Int(Int32.max) : offset + Int(total)
      TCPSegment.pdu(c, at: offset, length: frameEnd - offset)
      TCPSegment.dissectsPDU(c, at: offset, length: frameEnd - offset)
      try c.add(fin, at: offset, 1, value: UInt64(first >> 7))
      try c.add(rsv, at: offset, 1, value: UInt64(first >> 4 & 7))
      try c.add(opcode, at: offset, 1, value: UInt64(first & 0x0f))
      try c.add(mask, at: offset + 1, 1, value: UInt64(second >> 7))
      try c.add(payloadLength, at: offset + 1, 1, value: UInt64(short))
      var at = offset + 2
      if short == 126 {
        try c.add(payloadLength16, at: at, 2, value: payload)
        at += 2
      } else if short == 127 {
        try c.add(payloadLength64, at: at, 8, value: payload)
        at += 8
      }
      if second & 0x80 != 0 { try c.add(maskingKey, at: at, 4) }
      guard frameEnd < c.length else { break }
      offset = frameEnd
    }
    return .stop
  }
}
