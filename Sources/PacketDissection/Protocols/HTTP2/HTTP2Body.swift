/// A message body arriving in DATA frames, on one stream in one direction,
/// as Wireshark's HTTP/2 body reassembly keeps it: begun by that
/// direction's header block (without one the frames are only shown), put
/// together until a frame ends the stream, then handed to the reader its
/// Content-Type picks.
struct HTTP2Body {
  /// The first `content-type` header's value, parameters and all (a
  /// multipart body's reader reads its boundary there).
  var contentType: [UInt8]?
  /// The first `content-encoding` header's value.
  var contentEncoding: [UInt8]?
  /// A `transfer-encoding` header, or a CONNECT request: Wireshark shows
  /// such DATA frames without putting them together.
  var unassembled = false
  /// A 206 response: part of an entity, which is not inflated.
  var partialContent = false
  /// The DATA payloads so far, padding left out.
  var data: [UInt8] = []
  /// The frame of each payload, in order (one frame may carry several).
  var frames: [Int] = []

  /// More than this many bytes and the body is given up: memory stays
  /// bounded whatever a capture holds.
  static let maximumBytes = 16 << 20

  /// Notes what a header block's fields say about the body.
  mutating func read(_ block: HPACKDecoder.Block) {
    for field in block.fields {
      switch String(decoding: field.name, as: UTF8.self) {
      case "content-type" where contentType == nil: contentType = field.value
      case "content-encoding" where contentEncoding == nil: contentEncoding = field.value
      case "transfer-encoding": unassembled = true
      case ":method" where field.value == Array("CONNECT".utf8): unassembled = true
      case ":status" where field.value == Array("206".utf8): partialContent = true
      default: break
      }
    }
  }

  /// The body inflated, when its encoding starts with `gzip` or `deflate`
  /// (compared as Wireshark compares, case and all) and it inflates; nil
  /// when its reader reads it as it came.
  var inflated: [UInt8]? {
    guard !partialContent, let encoding = contentEncoding,
      encoding.starts(with: "gzip".utf8) || encoding.starts(with: "deflate".utf8)
    else { return nil }
    return HTTP.inflated(data)
  }
}

extension HTTP2Connection {
  /// Keys the bodies under way: the direction (0 or 1) in the top bit, as
  /// stream identifiers have 31.
  static func bodyKey(_ c: LayerCursor, stream: UInt32) -> UInt32 {
    UInt32(side(c)) << 31 | stream & 0x7fff_ffff
  }

  /// Bodies under way at most on one connection; past it a new one is not
  /// kept.
  static let maximumBodies = 1024

  /// A header block on `stream`: the body its direction sends next begins
  /// (Wireshark reassembles only bodies whose headers it saw), typed by the
  /// block's fields.
  func noteHeaders(_ c: LayerCursor, stream: UInt32, _ block: HPACKDecoder.Block) {
    let key = Self.bodyKey(c, stream: stream)
    guard bodies[key] != nil || bodies.count < Self.maximumBodies else { return }
    bodies[key, default: HTTP2Body()].read(block)
  }
}
