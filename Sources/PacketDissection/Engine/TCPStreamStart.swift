/// When a TCP segment on a conversation already seen starts a new stream
/// (a new `tcp.stream`, and so a new row of `conversations tcp`), and where
/// each direction's relative sequence numbers count from, as tshark 4.0
/// decides them. The one statement of the rules: the dissector's stream
/// tracking and the conversation table both ask here.
public enum TCPStreamStart {
  /// A SYN without ACK starts a new stream when its sequence number is not
  /// where its direction's relative numbers count from (`base`, nil while
  /// unknown); a SYN that repeats it stays, even after a FIN or RST.
  public static func startsAnew(flags: UInt16, base: UInt32?, seq: UInt32) -> Bool {
    guard flags & (syn | ack) == syn, let base else { return false }
    return base != seq
  }

  /// Moves the bases of a segment's direction (`mine`) and of the other
  /// (`theirs`), nil while unknown: a direction counts from its SYN, or
  /// from one before its first segment; an ACK gives the other direction
  /// its base when unknown (one before the number acknowledged); a SYN-ACK
  /// whose number differs from the base known moves it there (ports reused).
  public static func advanceBases(flags: UInt16, seq: UInt32, ack: UInt32, mine: inout UInt32?, theirs: inout UInt32?) {
    if flags & (syn | self.ack) == syn | self.ack, mine != nil { mine = seq }
    if mine == nil { mine = flags & syn != 0 ? seq : seq &- 1 }
    if flags & self.ack != 0 && theirs == nil { theirs = ack &- 1 }
  }

  private static let syn: UInt16 = 0x002
  private static let ack: UInt16 = 0x010
}
