/// The TCP segment under an application layer, as the text protocols read
/// it: its ports and its connection's stream index.
enum TCPSegment {
  /// The source and destination ports of the TCP layer below the cursor's.
  static func ports(_ c: LayerCursor) -> (source: UInt16, destination: UInt16)? {
    guard let tcp = c.dissection.layers.last(where: { $0.protocolID == .tcp }),
      let source = c.packet.uint16(at: tcp.start), let destination = c.packet.uint16(at: tcp.start + 2)
    else { return nil }
    return (source, destination)
  }

  /// The stream index of the segment's connection; nil when connections
  /// are not tracked.
  static func streamIndex(_ c: LayerCursor) -> Int? {
    guard let (source, destination) = ports(c) else { return nil }
    let (key, _) = ConversationKey.make(c.state.networkSource, source, c.state.networkDestination, destination)
    return c.state.tcpStreams[key]?.index
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
