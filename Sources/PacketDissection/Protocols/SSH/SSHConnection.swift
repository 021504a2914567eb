/// What SSH remembers about one TCP connection: the protocol version the
/// client's banner settled, the algorithms the two Key Exchange Init
/// messages agreed on, and for each side where it is in the key exchange.
struct SSHConnection {
  struct Peer {
    /// The frame that carried the side's banner (a banner is looked for
    /// until then, and in that frame).
    var bannerFrame: Int?
    /// A Key Exchange Init was dissected whole, and New Keys was sent:
    /// after both, the side's packets are encrypted. (Without the first,
    /// Wireshark goes on reading packets as the key exchange's.)
    var kexInitDone = false
    var newKeysSeen = false
    /// The sequence number Wireshark shows, counted as it counts it.
    var sequenceNumber: UInt32 = 0
    /// The side's Key Exchange Init lists: kex algorithms, and encryption
    /// client-to-server and server-to-client.
    var kexProposal: [UInt8]?
    var encryptionProposals: [[UInt8]] = [[], []]
    /// The encryption the side sends with once both proposals are known.
    var encryption: [UInt8]?
  }

  /// 0 until the client's banner says; then 1 or 2.
  var version = 0
  /// The client's side, then the server's.
  var peers = [Peer(), Peer()]
  /// The key exchange family, chosen once both sides proposed; Wireshark
  /// reads messages 30 to 39 as Diffie-Hellman's until then.
  var method = SSHNames.KeyExchangeMethod.diffieHellman
  var methodChosen = false

  /// Chooses the method and each side's encryption once both Key
  /// Exchange Init messages were seen.
  mutating func choose() {
    guard let client = peers[0].kexProposal, let server = peers[1].kexProposal else { return }
    if !methodChosen, let name = Self.firstCommon(client, server) {
      methodChosen = true
      if let family = SSHNames.KeyExchangeMethod(name: String(decoding: name, as: UTF8.self)) { method = family }
    }
    for side in 0..<2 where peers[side].encryption == nil {
      peers[side].encryption = Self.firstCommon(
        peers[0].encryptionProposals[side], peers[1].encryptionProposals[side])
    }
  }

  /// The first name of the client's list that the server's list has.
  static func firstCommon(_ client: [UInt8], _ server: [UInt8]) -> [UInt8]? {
    let comma = UInt8(ascii: ",")
    let offered = Set(server.split(separator: comma, omittingEmptySubsequences: false).map(Array.init))
    return client.split(separator: comma, omittingEmptySubsequences: false).map(Array.init).first(where: offered.contains)
  }

  /// Whether Wireshark 4.0 would set up a cipher for the side (one it can
  /// decrypt): it then shows nothing of an encrypted packet it has no keys
  /// for, rather than `Encrypted packet (len=…)`.
  /// Its decryption does not cover the group exchange.
  func hasCipher(side: Int) -> Bool {
    guard method != .groupExchange, let name = peers[side].encryption else { return false }
    return [
      "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr",
      "aes256-ctr",
    ].contains {
      Array($0.utf8) == name
    }
  }
}
