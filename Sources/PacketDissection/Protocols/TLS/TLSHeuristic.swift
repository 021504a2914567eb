import PacketWire

/// Wireshark's `ssl` heuristic on TCP, tried when neither port is bound:
/// a payload that starts like a Handshake or Application Data record of
/// SSL 3.0 or TLS 1.0-1.2 (or an SSL 2.0-compatible ClientHello) is TLS,
/// and so is the rest of its connection from then on.
extension TLS {
  static func claims(_ packet: ByteView, at start: Int, end: Int, dissection: Dissection, state: DissectionState) -> Bool {
    let bytes = packet.slice(start, max(0, min(end, packet.count) - start))
    let looksLikeTLS = looksLikeRecordStart(bytes) || looksLikeVersion2ClientHello(bytes)
    // Most payloads on unbound ports, in captures without TLS: no lookup.
    guard looksLikeTLS || !state.tlsConversations.isEmpty,
      let key = TCPSegment.streamIndex(dissection: dissection, state: state)
    else { return false }
    if state.tlsConversations[key]?.claimedByHeuristic == true { return true }
    guard looksLikeTLS else { return false }
    state.tlsConversations[key, default: TLSConversation()].claimedByHeuristic = true
    return true
  }

  /// Handshake or Application Data, SSL 3.0 to TLS 1.2 (or TLCP), and a
  /// length from 1 to 2^14 + 2048.
  static func looksLikeRecordStart(_ bytes: ByteView) -> Bool {
    guard bytes.count >= 5 else { return false }
    let type = bytes.byte(0)
    guard type == contentHandshake || type == contentApplicationData else { return false }
    let version = bytes.uint16(at: 1) ?? 0
    guard (0x0300...0x0303).contains(version) || version == 0x0101 else { return false }
    let length = Int(bytes.uint16(at: 3) ?? 0)
    return length > 0 && length < 16384 + 2048
  }

  /// An SSL 2.0-compatible ClientHello (RFC 5246 appendix E.2) with a
  /// one-byte length, non-empty cipher specs of three bytes each, a session
  /// id of 0 or 16 bytes and a 32-byte challenge.
  static func looksLikeVersion2ClientHello(_ bytes: ByteView) -> Bool {
    guard bytes.count >= 46, bytes.byte(0) == 0x80, bytes.byte(2) == 1,
      let specs = bytes.uint16(at: 5), let session = bytes.uint16(at: 7), let challenge = bytes.uint16(at: 9)
    else { return false }
    return specs != 0 && specs % 3 == 0 && (session == 0 || session == 16) && challenge == 32
  }
}
