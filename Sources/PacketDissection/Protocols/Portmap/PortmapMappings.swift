import PacketWire

/// The UDP services Portmap's GETPORT replies announce, as tshark 4.0's
/// Portmap dissector takes them: a version 2 GETPORT call that asks for a
/// UDP port is remembered by transaction, and its successful reply with a
/// port other than 0 opens a conversation on the replying server's address
/// and that port with any peer (`DissectionState.openUDPToAnyPeer`), so the
/// datagrams of every client port to that service share one `udp.stream`.
///
/// Read by UDP's conversation tracking from the datagrams on Portmap's port,
/// not by the RPC layer, so that stream numbers come out the same whether
/// or not a question dissects the layers above UDP. Only the UDP transport
/// is read (a GETPORT over TCP asking for a UDP port is not followed).
final class PortmapMappings {
  static let port: UInt16 = 111
  private static let program: UInt32 = 100_000
  private static let getPort: UInt32 = 3
  private static let udpProtocol: UInt32 = 17

  /// The GETPORT calls for a UDP port awaiting their replies, keyed as
  /// RPC's calls over UDP are (the caller's address and the port called).
  private var calls = OldestHalfForgottenTable<RPCCalls.Key, Bool>(capacity: RPCCalls.capacity)

  /// Reads the RPC message of a UDP datagram from or to Portmap's port:
  /// remembers a GETPORT call for a UDP port; opens the mapped service to
  /// any peer at the reply to one.
  func note(
    _ packet: ByteView, payload: Int, end: Int, ports: (source: UInt16, destination: UInt16), state: DissectionState
  ) {
    var message = XDRReader(packet: packet, offset: payload, end: end)
    guard let xid = message.uint32(), let kind = message.uint32() else { return }
    if kind == RPC.call, ports.destination == Self.port {
      guard message.uint32() == 2, message.uint32() == Self.program, message.uint32() == 2,
        message.uint32() == Self.getPort,
        // The credential and the verifier (flavor, body), then the program and version asked for.
        message.uint32() != nil, message.opaque(limit: RPC.largestOpaque) != nil,
        message.uint32() != nil, message.opaque(limit: RPC.largestOpaque) != nil,
        message.uint32() != nil, message.uint32() != nil, message.uint32() == Self.udpProtocol
      else { return }
      let caller = ConversationKey(a: state.networkSource, b: NetworkAddress(), ports: UInt32(ports.destination))
      calls.set(RPCCalls.Key(xid: xid, conversation: caller), true)
    } else if kind == RPC.reply, ports.source == Self.port, !calls.isEmpty {
      let caller = ConversationKey(a: state.networkDestination, b: NetworkAddress(), ports: UInt32(ports.source))
      // Accepted (0), a verifier, success (0), then the port.
      guard calls[RPCCalls.Key(xid: xid, conversation: caller)] != nil, message.uint32() == 0,
        message.uint32() != nil, message.opaque(limit: RPC.largestOpaque) != nil, message.uint32() == 0,
        let port = message.uint32(), port != 0, let mapped = UInt16(exactly: port)
      else { return }
      state.openUDPToAnyPeer(address: state.networkSource, port: mapped)
    }
  }
}
