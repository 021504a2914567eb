/// When a TCP segment on a conversation already seen starts a new stream
/// (a new `tcp.stream`, and so a new row of `conversations tcp`), as
/// tshark 4.0 decides port reuse. The one statement of the rule: the
/// dissector's stream tracking asks `startsAnew(flags:base:seq:)`; the
/// conversation table, which reads no sequence numbers, asks its stand-in.
public enum TCPStreamStart {
  /// A SYN without ACK starts a new stream when its sequence number is not
  /// where its direction's relative numbers count from (`base`, nil while
  /// unknown); a SYN that repeats it stays, even after a FIN or RST.
  public static func startsAnew(flags: UInt16, base: UInt32?, seq: UInt32) -> Bool {
    guard flags & (syn | ack) == syn, let base else { return false }
    return base != seq
  }

  /// The rule without sequence numbers: a SYN without ACK after either side
  /// sent a FIN or RST (`closed`) is taken for one of another number. It
  /// differs from `startsAnew(flags:base:seq:)` only for a SYN repeated
  /// after a close, or a new SYN on a conversation never closed.
  public static func startsAnew(flags: UInt16, closed: Bool) -> Bool {
    flags & (syn | ack) == syn && closed
  }

  /// A FIN or RST: after it, the conversation counts as `closed`.
  public static func closes(flags: UInt16) -> Bool { flags & (fin | rst) != 0 }

  private static let fin: UInt16 = 0x001
  private static let syn: UInt16 = 0x002
  private static let rst: UInt16 = 0x004
  private static let ack: UInt16 = 0x010
}
