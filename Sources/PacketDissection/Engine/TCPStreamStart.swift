/// When a TCP segment on a conversation already seen starts a new stream
/// (a new `tcp.stream`, and so a new row of `conversations tcp`), as
/// tshark 4.0 decides port reuse. The one statement of the rule: the
/// dissector's stream tracking and the conversation table both ask it.
public enum TCPStreamStart {
  /// A SYN without ACK starts a new stream when either side of the
  /// conversation has sent a FIN or RST (`closed`), or when the SYN's
  /// direction opened with a SYN of another sequence number
  /// (`openedWithOtherSeq`).
  public static func startsAnew(flags: UInt16, closed: Bool, openedWithOtherSeq: Bool) -> Bool {
    flags & (syn | ack) == syn && (closed || openedWithOtherSeq)
  }

  /// A FIN or RST: after it, the conversation counts as `closed`.
  public static func closes(flags: UInt16) -> Bool { flags & (fin | rst) != 0 }

  private static let fin: UInt16 = 0x001
  private static let syn: UInt16 = 0x002
  private static let rst: UInt16 = 0x004
  private static let ack: UInt16 = 0x010
}
