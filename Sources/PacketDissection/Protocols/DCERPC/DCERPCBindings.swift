/// What a DCE/RPC connection has bound, as Wireshark's first pass keeps
/// it: each presentation context a Bind or Alter_context offered, by
/// connection and context id, and each request made on a bound context,
/// by connection and call id, so that its response names the operation
/// and the interface (Wireshark's `dcerpc_binds` and `dcerpc_cn_calls`).
/// A class, so that the tables are changed in place.
final class DCERPCBindings {
  /// An interface as a context item names it: its UUID as text, and its
  /// major version.
  struct Interface {
    var uuid: String
    var version: UInt16
  }

  struct Call {
    var opnum: UInt16
    var interface: Interface
  }

  private struct Key: Hashable {
    var connection: ConversationKey
    var id: UInt32
  }

  /// Entries remembered past this many are forgotten, all at once.
  static let largestCount = 65_536

  private var contexts: [Key: Interface] = [:]
  private var calls: [Key: Call] = [:]

  func bind(_ connection: ConversationKey, context: UInt16, to interface: Interface) {
    if contexts.count >= Self.largestCount { contexts.removeAll() }
    contexts[Key(connection: connection, id: UInt32(context))] = interface
  }

  /// Records a request on `context` and answers the interface bound
  /// there; nil, and nothing recorded, when the context was never bound.
  func request(_ connection: ConversationKey, call: UInt32, context: UInt16, opnum: UInt16) -> Interface? {
    guard let interface = contexts[Key(connection: connection, id: UInt32(context))] else { return nil }
    if calls.count >= Self.largestCount { calls.removeAll() }
    calls[Key(connection: connection, id: call)] = Call(opnum: opnum, interface: interface)
    return interface
  }

  /// The request a response or fault answers, if it was seen.
  func call(_ connection: ConversationKey, _ call: UInt32) -> Call? {
    calls[Key(connection: connection, id: call)]
  }
}
