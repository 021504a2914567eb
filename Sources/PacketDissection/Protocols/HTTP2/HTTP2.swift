/// HTTP/2 (RFC 9113), on a connection HTTP switched to it: by an
/// `Upgrade: h2c` response, or by the client's connection preface (prior
/// knowledge). pktsh reads the preface and each frame's header (section
/// 4.1), not the frames' payloads (HPACK header blocks are not decoded).
/// A frame that runs past the segment tells TCP where it ends, as
/// Wireshark's PDU tracking does.
enum HTTP2: UInt8, ProtocolModule {
  case item, magic, length, type, flags, reserved, streamID

  static var protocolID: ProtocolID { .http2 }
  static var level: LayerLevel { .application }
  static let headerBits = 72
  static let variablePart: String? = "Frame Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("http2", "HyperText Transfer Protocol 2")
    case .magic: .loose("http2.magic", "Magic", .string)
    case .length: .uint("http2.length", "Length", at: 0, bytes: 3)
    case .type: .uint("http2.type", "Type", at: 3, bytes: 1, values: .http2FrameTypes)
    case .flags: .uint("http2.flags", "Flags", at: 4, bytes: 1, base: .hex)
    case .reserved: .uint("http2.r", "Reserved", at: 5, bytes: 4, mask: 0x8000_0000, base: .hex)
    case .streamID: .uint("http2.streamid", "Stream Identifier", at: 5, bytes: 4, mask: 0x7fff_ffff)
    }
  }

  static let frameHeaderLength = 9

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    let preface = HTTP.http2Preface
    if c.capturedLength >= preface.count, c.bytes.slice(0, preface.count).copyBytes() == preface {
      c.computed(magic, at: 0, preface.count, bytes: preface)
      offset = preface.count
    }
    while offset < c.length {
      guard offset + frameHeaderLength <= c.length else { break }
      let size = Int(try c.uint(offset, 3))
      let frameEnd = offset + frameHeaderLength + size
      TCPSegment.pdu(c, at: offset, length: frameHeaderLength + size)
      try c.add(length, at: offset, 3, value: UInt64(size))
      try c.add(type, at: offset + 3, 1, value: UInt64(try c.uint8(offset + 3)))
      try c.add(flags, at: offset + 4, 1, value: UInt64(try c.uint8(offset + 4)))
      let word = try c.uint32(offset + 5)
      try c.add(reserved, at: offset + 5, 4, value: UInt64(word >> 31))
      try c.add(streamID, at: offset + 5, 4, value: UInt64(word & 0x7fff_ffff))
      offset = frameEnd
    }
    return .stop
  }
}
