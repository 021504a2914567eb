import PacketWire

/// The bytes handshake messages are read from: a record's body in the
/// packet, or bytes another dissector hands over that are not the packet's
/// own (QUIC's decrypted CRYPTO frames). Reads past `reported` are
/// malformed, past the captured bytes truncated, as in a layer.
public struct TLSBytes {
  let view: ByteView
  /// Bytes the enclosing structure declares (at least those captured).
  let reported: Int
  /// Where byte 0 sits in the current layer, when the bytes are the
  /// packet's: fields then point at them. Otherwise values are copied.
  let origin: Int?

  init(_ view: ByteView, reported: Int, origin: Int?) {
    self.view = view
    self.reported = max(reported, view.count)
    self.origin = origin
  }

  /// Bytes that are not the packet's (decrypted ones): their fields carry
  /// copies of their values and cover no packet bytes.
  public init(detached view: ByteView) {
    self.init(view, reported: view.count, origin: nil)
  }

  @inline(__always) func check(_ offset: Int, _ count: Int) throws(DissectionStop) {
    guard offset >= 0, count >= 0, offset + count <= reported else { throw .malformed }
    guard offset + count <= view.count else { throw .truncated }
  }

  func uint(_ offset: Int, _ count: Int) throws(DissectionStop) -> UInt64 {
    try check(offset, count)
    return view.uncheckedUInt(at: offset, length: count)
  }

  func uint8(_ offset: Int) throws(DissectionStop) -> UInt8 { UInt8(try uint(offset, 1)) }
  func uint16(_ offset: Int) throws(DissectionStop) -> UInt16 { UInt16(try uint(offset, 2)) }

  /// Wireshark's test for a handshake record it cannot read: 16 bytes or
  /// more that start with five zero bytes (an AEAD nonce), follow the
  /// sender's ChangeCipherSpec, or do not start with a known message type
  /// and a length under 64 KiB.
  func looksEncrypted(afterChangeCipherSpec: Bool) -> Bool {
    guard reported >= 16, view.count >= 5 else { return false }
    if view.uncheckedUInt(at: 0, length: 5) == 0 || afterChangeCipherSpec { return true }
    if TLSValueNames.handshakeType(UInt64(view.byte(0))) == nil { return true }
    return view.uncheckedUInt(at: 1, length: 3) >= 0x1_0000
  }
}
