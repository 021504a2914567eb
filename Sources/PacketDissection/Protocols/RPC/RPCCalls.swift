/// The RPC calls seen, by transaction ID, so that a reply finds its call's
/// program, version and procedure, as Wireshark keeps them per
/// conversation: on TCP the connection, on UDP the caller's address and
/// the port called (a reply may come from another address, and a client
/// may retransmit from another port). Bounded: past `capacity` calls the
/// oldest half is forgotten.
final class RPCCalls {
  struct Key: Hashable {
    var xid: UInt32
    var conversation: ConversationKey
  }

  struct Call {
    var frame: Int
    var program: UInt32
    var version: UInt32
    var procedure: UInt32
    var time: Int64
    /// The frame of the first reply; 0 until one is seen.
    var replyFrame: Int = 0
  }

  static let capacity = 65_536

  private var calls = OldestHalfForgottenTable<Key, Call>(capacity: RPCCalls.capacity)
  /// TCP connections a call was seen on: their segments are RPC even when
  /// they do not start a message (Wireshark's conversation dissector).
  private(set) var connections: Set<ConversationKey> = []

  var isEmpty: Bool { calls.isEmpty }

  func call(_ key: Key) -> Call? { calls[key] }

  func record(_ key: Key, _ call: Call) { calls.set(key, call) }

  func noteConnection(_ key: ConversationKey) {
    if connections.count >= Self.capacity { connections.removeAll() }
    connections.insert(key)
  }

  /// The conversation a call belongs to (`call`) or a reply looks in.
  static func conversation(tcp: Bool, call: Bool, _ c: LayerCursor, ports: (source: UInt16, destination: UInt16))
    -> ConversationKey
  {
    let state = c.state
    if tcp {
      return ConversationKey.make(state.networkSource, ports.source, state.networkDestination, ports.destination).0
    }
    // The caller's address and the port it called.
    return call
      ? ConversationKey(a: state.networkSource, b: NetworkAddress(), ports: UInt32(ports.destination))
      : ConversationKey(a: state.networkDestination, b: NetworkAddress(), ports: UInt32(ports.source))
  }
}

/// What the RPC layer tells the program layer after it: the call's
/// program, version and procedure, and whether this is the call.
struct RPCMessage {
  var program: UInt32 = 0
  var version: UInt32 = 0
  var procedure: UInt32 = 0
  var isCall = true
}
