import PacketWire

/// Wireshark's `http_tcp` heuristic, tried on TCP payloads whose ports are
/// bound to no protocol: a payload whose first line (ended by CR or LF
/// within the segment) starts or ends with `HTTP/1.`, case-insensitively,
/// is HTTP, and so is the rest of its connection from then on.
extension HTTP {
  /// Whether the heuristic claimed the packet's connection before.
  static func claimed(_ packet: ByteView, at start: Int, end: Int, dissection: Dissection, state: DissectionState) -> Bool {
    // Most captures have no connection the heuristic claimed: no lookup.
    guard state.httpClaimedByHeuristic, let key = TCPSegment.streamIndex(dissection: dissection, state: state) else { return false }
    return state.httpConversations[key]?.claimedByHeuristic == true
  }

  /// Whether the payload is HTTP by its first line; if so its connection is
  /// HTTP from now on.
  static func claims(_ packet: ByteView, at start: Int, end: Int, dissection: Dissection, state: DissectionState) -> Bool {
    let bytes = packet.slice(start, max(0, min(end, packet.count) - start))
    guard startsOrEndsFirstLine(bytes), let key = TCPSegment.streamIndex(dissection: dissection, state: state) else { return false }
    state.httpConversations[key, default: Conversation()].claimedByHeuristic = true
    state.httpClaimedByHeuristic = true
    return true
  }

  /// Whether the first line starts or ends with `HTTP/1.`. As in Wireshark,
  /// a line of exactly 8 bytes is refused, and for a line shorter than 8 the
  /// "end" is counted back from the end of the payload.
  static func startsOrEndsFirstLine(_ bytes: ByteView) -> Bool {
    var length = 0
    while length < bytes.count, bytes.byte(length) != 0x0d, bytes.byte(length) != 0x0a { length += 1 }
    guard length < bytes.count, length != 8 else { return false }
    let tailStart = length >= 8 ? length - 8 : bytes.count + length - 8
    return matchesVersionPrefix(bytes, at: tailStart) || matchesVersionPrefix(bytes, at: 0)
  }

  /// Whether `HTTP/1.` (letters in any case) is at `offset`.
  private static func matchesVersionPrefix(_ bytes: ByteView, at offset: Int) -> Bool {
    let prefix = "http/1.".utf8
    guard offset >= 0, offset + prefix.count <= bytes.count else { return false }
    for (i, b) in prefix.enumerated() {
      let byte = bytes.byte(offset + i)
      guard (b >= 0x61 && b <= 0x7a ? byte | 0x20 : byte) == b else { return false }
    }
    return true
  }
}
