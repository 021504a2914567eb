/// The frames of an opened payload (RFC 9000 section 19), recorded over
/// the packet bytes they were sealed in (the same places: AES-GCM keeps
/// lengths). Walks the frames an Initial packet may hold, and stops at a
/// frame it does not know or one cut short.
struct QUICFrames {
  let c: LayerCursor
  let plain: [UInt8]
  /// Where the payload starts in the layer.
  let base: Int
  private var at = 0

  init(c: LayerCursor, plain: [UInt8], base: Int) {
    self.c = c
    self.plain = plain
    self.base = base
  }

  /// CRYPTO data found in a frame: its offset in the stream, its bytes, and
  /// where in the layer they lie.
  struct CryptoPiece {
    var offset: UInt64
    var bytes: [UInt8]
    var at: Int
  }

  /// Reads a variable-length integer at the walk's place and records it
  /// as `field`.
  private mutating func varint(_ field: QUIC?) -> UInt64? {
    guard at < plain.count else { return nil }
    let size = 1 << Int(plain[at] >> 6)
    guard at + size <= plain.count else { return nil }
    var value = UInt64(plain[at] & 0x3f)
    for i in 1..<size { value = value << 8 | UInt64(plain[at + i]) }
    if let field, (try? c.add(field, at: base + at, size, value: value, depth: 2)) == nil { return nil }
    at += size
    return value
  }

  mutating func walk(_ crypto: (CryptoPiece) -> Void) {
    while at < plain.count {
      let start = at
      guard let type = varint(nil) else { return }
      if type == 0 {
        while at < plain.count && plain[at] == 0 { at += 1 }
        _ = try? c.add(QUIC.frameType, at: base + start, 1, value: 0, depth: 2)
        c.generated(QUIC.paddingLength, value: UInt64(at - start), depth: 2)
        continue
      }
      _ = try? c.add(QUIC.frameType, at: base + start, at - start, value: type, depth: 2)
      switch type {
      case 0x01:
        break
      case 0x02, 0x03:
        guard ack(ecn: type == 0x03) else { return }
      case 0x06:
        guard let offset = varint(.cryptoOffset), let length = varint(.cryptoLength),
          length <= UInt64(plain.count - at)
        else { return }
        crypto(CryptoPiece(offset: offset, bytes: Array(plain[at..<(at + Int(length))]), at: base + at))
        at += Int(length)
      case 0x07:
        guard let length = varint(.newTokenLength), length <= UInt64(plain.count - at) else { return }
        c.computed(QUIC.newToken, at: base + at, Int(length), bytes: plain[at..<(at + Int(length))], depth: 2)
        at += Int(length)
      case 0x1c, 0x1d:
        guard varint(type == 0x1c ? .closeErrorCode : .closeApplicationErrorCode) != nil,
          type == 0x1d || varint(.closeFrameType) != nil,
          let length = varint(.closeReasonLength), length <= UInt64(plain.count - at)
        else { return }
        c.computed(QUIC.closeReason, at: base + at, Int(length), bytes: plain[at..<(at + Int(length))], depth: 2)
        at += Int(length)
      default:
        return
      }
    }
  }

  private mutating func ack(ecn: Bool) -> Bool {
    guard varint(.ackLargest) != nil, varint(.ackDelay) != nil, let ranges = varint(.ackRangeCount),
      varint(.ackFirstRange) != nil
    else { return false }
    var left = ranges
    while left > 0 {
      guard varint(.ackGap) != nil, varint(.ackRange) != nil else { return false }
      left -= 1
    }
    if ecn {
      guard varint(.ackECT0) != nil, varint(.ackECT1) != nil, varint(.ackECNCE) != nil else { return false }
    }
    return true
  }
}
