/// What SSH remembers about one TCP connection: the protocol version the
/// banners settled, and for each side where it is in the key exchange.
struct SSHConnection {
  struct Peer {
    /// The frame that carried the side's banner (a banner is looked for
    /// until then, and in that frame).
    var bannerFrame: Int?
    /// New Keys was sent: the side's later packets are encrypted.
    var newKeysSeen = false
    /// Sequence number of the side's next binary packet.
    var sequenceNumber: UInt32 = 0
  }

  /// 0 until a banner says; then 1 or 2.
  var version = 0
  /// The client's side, then the server's.
  var peers = [Peer(), Peer()]
}
