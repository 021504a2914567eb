import PacketWire

/// Handshake messages sent in fragments, put back together as Wireshark
/// does: by UDP conversation, direction and message sequence, fragments in
/// order. A message is read once its last byte arrives. Keeps at most
/// `limit` messages in progress.
struct DTLSFragments {
  struct Key: Hashable {
    var conversation: ConversationKey
    var forward: Bool
    var sequence: UInt16
  }

  struct Message {
    var bytes: [UInt8]
    var received: Int
  }

  static let limit = 256
  static let maximumLength = 1 << 20
  private var messages: [Key: Message] = [:]

  /// Adds a fragment; answers the whole message when this one completes it.
  mutating func add(_ key: Key, length: Int, offset: Int, _ fragment: [UInt8]) -> [UInt8]? {
    guard length <= Self.maximumLength, offset + fragment.count <= length else { return nil }
    if messages[key] == nil {
      guard offset == 0 else { return nil }
      if messages.count >= Self.limit { messages.removeAll() }
      messages[key] = Message(bytes: [UInt8](repeating: 0, count: length), received: 0)
    }
    guard var message = messages[key], message.bytes.count == length, offset <= message.received else { return nil }
    message.bytes.replaceSubrange(offset..<offset + fragment.count, with: fragment)
    message.received = max(message.received, offset + fragment.count)
    guard message.received == length else {
      messages[key] = message
      return nil
    }
    messages[key] = nil
    return message.bytes
  }
}
