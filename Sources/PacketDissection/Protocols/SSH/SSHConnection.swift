/// What SSH remembers about one TCP connection: the protocol version the
/// client's banner settled, the algorithms the two Key Exchange Init
/// messages agreed on, and for each side where it is in the key exchange.
struct SSHConnection {
  struct Peer {
    /// The frame that carried the side's banner (a banner is looked for
    /// until then, and in that frame).
    var bannerFrame: Int?
    /// The frame of the side's first Key Exchange Init dissected whole,
    /// and whether it sent New Keys: after both, the side's packets are
    /// encrypted. (Without the first, Wireshark goes on reading packets as
    /// the key exchange's.)
    var kexInitFrame: Int?
    var newKeysSeen = false
    /// Protocol version 1: the frame whose packets showed their type.
    var version1TypedFrame: Int?
    /// The side's message counter, moved as Wireshark moves it.
    var sequenceNumber: UInt32 = 0
    /// The side's Key Exchange Init lists: kex algorithms, and encryption
    /// client-to-server and server-to-client.
    var kexProposal: [UInt8]?
    var encryptionProposals: [[UInt8]] = [[], []]
    /// The encryption the side sends with once both proposals are known.
    var encryption: [UInt8]?
  }

  /// The sequence numbers Wireshark 4.0 shows for the key exchange's
  /// messages. It does not count every message: it keeps one number per
  /// kind of message, taken from the counter of the side the kind belongs
  /// to (the method's requests are the client's, its replies the server's,
  /// whichever side carried them), and moves that counter only while the
  /// number is still 0; a message of any other kind shows 0.
  struct Sequences {
    enum Step: Hashable {
      case keyExchangeInit(side: Int), newKeys(side: Int)
      case dhInit, dhReply, gexRequest, gexGroup, gexInit, gexReply, ecdhInit, ecdhReply

      /// The step of the key exchange method's message `code` (30 to 39);
      /// nil for one Wireshark gives no number.
      init?(code: UInt8, method: SSHNames.KeyExchangeMethod) {
        switch (method, code) {
        case (.diffieHellman, 30): self = .dhInit
        case (.diffieHellman, 31): self = .dhReply
        case (.groupExchange, 31): self = .gexGroup
        case (.groupExchange, 32): self = .gexInit
        case (.groupExchange, 33): self = .gexReply
        case (.groupExchange, 34): self = .gexRequest
        case (.ellipticCurve, 30): self = .ecdhInit
        case (.ellipticCurve, 31): self = .ecdhReply
        default: return nil
        }
      }

      /// Whose counter the step takes its number from.
      var side: Int {
        switch self {
        case .keyExchangeInit(let side), .newKeys(let side): side
        case .dhInit, .gexRequest, .gexInit, .ecdhInit: 0
        case .dhReply, .gexGroup, .gexReply, .ecdhReply: 1
        }
      }

      /// Whether the counter moves before the number is taken (the
      /// Diffie-Hellman and group exchange messages) or after.
      var countsFirst: Bool {
        switch self {
        case .dhInit, .dhReply, .gexRequest, .gexGroup, .gexInit, .gexReply: true
        case .keyExchangeInit, .newKeys, .ecdhInit, .ecdhReply: false
        }
      }
    }

    private var numbers: [Step: UInt32] = [:]

    subscript(step: Step) -> UInt32 {
      get { numbers[step] ?? 0 }
      set { numbers[step] = newValue }
    }
  }

  var sequences = Sequences()

  /// Gives `step` its number from its side's counter, as Wireshark does
  /// while the step's number is 0.
  mutating func counted(_ step: Sequences.Step) {
    guard sequences[step] == 0 else { return }
    let side = step.side
    if step.countsFirst { peers[side].sequenceNumber &+= 1 }
    sequences[step] = peers[side].sequenceNumber
    if !step.countsFirst { peers[side].sequenceNumber &+= 1 }
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
