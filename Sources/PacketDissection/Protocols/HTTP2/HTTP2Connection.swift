/// What an HTTP/2 connection carries from one frame to the next: the HPACK
/// decoder of each direction, and the header table size each side
/// announced in SETTINGS, applied to the decoder of what it receives once
/// the peer acknowledges it (RFC 9113 section 6.5.3), as Wireshark does.
/// Held by `DissectionState` by TCP stream index; side 0 is the direction
/// `ConversationKey.make` calls forward.
final class HTTP2Connection {
  var decoders = [HPACKDecoder(), HPACKDecoder()]
  /// The header table size each side announced and the peer has not yet
  /// acknowledged.
  var announcedTableSizes: [UInt64?] = [nil, nil]
  /// The message bodies under way, by `bodyKey`.
  var bodies: [UInt32: HTTP2Body] = [:]

  /// Connections kept at most; past it they are all forgotten (headers of
  /// the connections then under way decode against an empty table).
  static let maximumConnections = 4096

  /// The connection of the segment under the cursor: a fresh one, not
  /// kept, when TCP does not follow connections.
  static func find(_ c: LayerCursor) -> HTTP2Connection {
    guard let stream = TCPSegment.streamIndex(c) else { return HTTP2Connection() }
    if let known = c.state.http2Connections[stream] { return known }
    if c.state.http2Connections.count >= maximumConnections { c.state.http2Connections = [:] }
    let connection = HTTP2Connection()
    c.state.http2Connections[stream] = connection
    return connection
  }

  /// 0 or 1: which direction the segment under the cursor goes.
  static func side(_ c: LayerCursor) -> Int {
    guard let (source, destination) = TCPSegment.ports(c) else { return 0 }
    let (_, forward) = ConversationKey.make(
      c.state.networkSource, source, c.state.networkDestination, destination)
    return forward ? 0 : 1
  }

  func decode(_ c: LayerCursor, _ fragment: [UInt8], endsHeaders: Bool) -> HPACKDecoder.Block {
    decoders[Self.side(c)].decode(fragment, endsHeaders: endsHeaders)
  }

  func announceTableSize(_ c: LayerCursor, _ size: UInt64) {
    announcedTableSizes[Self.side(c)] = size
  }

  /// A SETTINGS acknowledgement: the peer's announced size now bounds the
  /// decoder of this side's frames.
  func acknowledgeSettings(_ c: LayerCursor) {
    let side = Self.side(c)
    guard let size = announcedTableSizes[1 - side] else { return }
    decoders[side].allow(size: size)
    announcedTableSizes[1 - side] = nil
  }
}
