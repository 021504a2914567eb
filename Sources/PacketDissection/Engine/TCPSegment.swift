/// The TCP segment under an application layer, as the text protocols read
/// it: its ports and its connection's stream index.
enum TCPSegment {
  /// The source and destination ports of the TCP layer below the cursor's.
  static func ports(_ c: LayerCursor) -> (source: UInt16, destination: UInt16)? {
    ports(c.dissection)
  }

  /// The source and destination ports of the packet's last TCP layer.
  static func ports(_ dissection: Dissection) -> (source: UInt16, destination: UInt16)? {
    guard let tcp = dissection.layers.last(where: { $0.protocolID == .tcp }),
      let source = dissection.packet.uint16(at: tcp.start), let destination = dissection.packet.uint16(at: tcp.start + 2)
    else { return nil }
    return (source, destination)
  }

  /// The stream index of the segment's connection; nil when connections
  /// are not tracked.
  static func streamIndex(_ c: LayerCursor) -> Int? {
    streamIndex(dissection: c.dissection, state: c.state)
  }

  /// The stream index of the connection of the packet's last TCP layer:
  /// the one TCP's dissector gave it when it tracked the segment, else
  /// looked up by address and port (a segment quoted in an ICMP error).
  static func streamIndex(dissection: Dissection, state: DissectionState) -> Int? {
    guard let (source, destination) = ports(dissection) else { return nil }
    if let stream = state.segmentStream { return stream }
    let (key, _) = ConversationKey.make(state.networkSource, source, state.networkDestination, destination)
    return state.tcpStreams[key]?.index
  }

  /// The connection of the segment under the cursor, when TCP's dissector
  /// tracked it.
  static func stream(_ c: LayerCursor) -> TCPStream? {
    guard let index = c.state.segmentStream, let last = c.state.lastTCPStream, last.stream.index == index else { return nil }
    return last.stream
  }

  /// Whether the segment goes from the server to the client, the server
  /// being the port the dissector was found by (Wireshark's
  /// `pinfo->match_uint`: of two bound ports, the lower).
  static func fromServer(_ c: LayerCursor, serverPorts: Set<UInt16>) -> Bool {
    guard let (source, destination) = ports(c) else { return false }
    let bound = [source, destination].filter(serverPorts.contains)
    guard let server = bound.min() else { return false }
    return destination != server
  }
}
