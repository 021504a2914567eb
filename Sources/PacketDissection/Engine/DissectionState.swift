import PacketCapture

/// A network-layer address as dissectors compare it: 16 bytes, IPv4 held
/// in the low four.
public struct NetworkAddress: Hashable, Sendable {
  public var high: UInt64 = 0
  public var low: UInt64 = 0
  public init(high: UInt64 = 0, low: UInt64 = 0) {
    self.high = high
    self.low = low
  }
}

/// A conversation between two endpoints, in a canonical order so that both
/// directions find the same entry.
struct ConversationKey: Hashable {
  var a: NetworkAddress
  var b: NetworkAddress
  var ports: UInt32

  /// One word into the hasher, not five: the key is looked up for most
  /// TCP and UDP packets, and each word combined costs about as much as
  /// the rest of the lookup. Equal keys mix to equal words.
  func hash(into hasher: inout Hasher) {
    let first = a.high &* 0x9e37_79b9_7f4a_7c15 ^ a.low &* 0xc2b2_ae3d_27d4_eb4f
    let second = b.high &* 0x1656_67b1_9e37_79f9 ^ b.low &* 0x27d4_eb2f_1656_67c5
    hasher.combine(first ^ (second << 29 | second >> 35) ^ UInt64(ports))
  }

  /// Returns the key and whether (src, srcPort) is the key's first endpoint.
  static func make(
    _ src: NetworkAddress, _ srcPort: UInt16, _ dst: NetworkAddress, _ dstPort: UInt16
  ) -> (ConversationKey, forward: Bool) {
    let forward = (src.high, src.low, srcPort) <= (dst.high, dst.low, dstPort)
    return forward
      ? (ConversationKey(a: src, b: dst, ports: UInt32(srcPort) << 16 | UInt32(dstPort)), true)
      : (ConversationKey(a: dst, b: src, ports: UInt32(dstPort) << 16 | UInt32(srcPort)), false)
  }
}

/// One direction of a TCP conversation.
struct TCPFlow {
  /// Sequence number that relative numbers count from; nil until seen.
  var baseSeq: UInt32?
  /// Window scale shift from this side's SYN: -1 unknown, -2 no scaling offered.
  var windowScale: Int = -1
  var sawSyn = false
}

/// One TCP conversation. A class, so that the conversation table's entry
/// is changed in place, not copied out and back for every segment; only
/// the dissector that owns the table touches it.
final class TCPStream {
  let index: Int
  @exclusivity(unchecked) var flows = (TCPFlow(), TCPFlow())
  /// The opening SYN asked for Accurate ECN (AE, CWR and ECE all set):
  /// later segments carry the 3-bit ACE counter in those bits.
  @exclusivity(unchecked) var accurateECN = false
  let firstTime: Int64
  /// The frame that opened the conversation (Wireshark's conversation setup frame).
  let firstFrame: Int
  @exclusivity(unchecked) var lastTime: Int64
  /// The first and last frames' times as Wireshark holds them, kept once
  /// a frame of the stream had a pcap fraction of a second or more
  /// (`UnnormalisedTimes`): the stream's times subtract these.
  @exclusivity(unchecked) var unnormalisedTimes: (first: NSTime, last: NSTime)?
  /// Sequence analysis, kept only while the dissector runs it.
  @exclusivity(unchecked) var analysis: TCPConversationAnalysis?

  init(index: Int, firstTime: Int64, lastTime: Int64, firstFrame: Int) {
    self.index = index
    self.firstTime = firstTime
    self.firstFrame = firstFrame
    self.lastTime = lastTime
  }
}

struct UDPStream {
  var index: Int
  var firstTime: Int64
  var lastTime: Int64
}

/// What dissection remembers from one packet to the next, as Wireshark's
/// first pass does: the first and previous timestamps, TCP and UDP
/// conversations (stream numbers, relative sequence numbers, window scaling).
///
/// Because of this, packets must be dissected in capture order for those
/// fields to be right; a `Dissector` does that.
///
/// Its stored properties skip run-time exclusivity checks, as `Dissection`'s
/// do: only its dissector touches them, once per layer of every packet.
public final class DissectionState {
  @exclusivity(unchecked) var firstTime: Int64?
  @exclusivity(unchecked) var previousTime: Int64?
  /// The first and the previous frame's times as Wireshark holds them,
  /// when those are not normalised (`NSTime`).
  @exclusivity(unchecked) var firstUnnormalised: NSTime?
  @exclusivity(unchecked) var previousUnnormalised: NSTime?
  @exclusivity(unchecked) var tcpStreams: [ConversationKey: TCPStream] = [:]
  /// The conversation of the last segment tracked, and its key: the entry
  /// `tcpStreams` holds for that key (`trackTCP` is its only writer).
  @exclusivity(unchecked) var lastTCPStream: (key: ConversationKey, stream: TCPStream)?
  @exclusivity(unchecked) var udpStreams: [ConversationKey: UDPStream] = [:]
  /// UDP conversations open to any peer on one side, keyed by that side's
  /// address and port (`b` empty): Portmap's mapped services. A datagram
  /// with no conversation of its own joins one (see `trackUDP`); its
  /// stream index is -1 until a datagram does.
  @exclusivity(unchecked) var udpToAnyPeer: [ConversationKey: UDPStream] = [:]
  /// The GETPORT calls whose replies open `udpToAnyPeer` conversations.
  let portmapMappings = PortmapMappings()
  /// Whether TCP and UDP follow conversations; when off, stream fields are
  /// absent and sequence numbers are raw. Set by `Dissector`.
  @exclusivity(unchecked) var tracksConversations = true
  /// Whether TCP conversations also run tshark's sequence analysis
  /// (`tcp.analysis.*`, `tcp.completeness`); only while they are tracked.
  /// Set by `Dissector`.
  @exclusivity(unchecked) var analyzesSequences = true
  /// Whether a question reads the analysis's own fields; when not, it runs
  /// only to keep retransmitted payload from the dissectors above TCP.
  /// Set by `Dissector`.
  @exclusivity(unchecked) var recordsAnalysis = true
  /// Whether the analysis works out bytes in flight (`TCP.inFlight`);
  /// when not, a segment's `tcp.analysis` item may be missing where
  /// tshark shows one for them alone. Set by `Dissector`.
  @exclusivity(unchecked) var measuresFlight = true
  /// Whether a question reads any of TCP's fields besides the analysis's
  /// own (`TCP.headerFields`); when not, TCP's dissector only checks the
  /// header's bytes and runs the analysis. Set by `Dissector`.
  @exclusivity(unchecked) var recordsTCPHeader = true
  /// Whether IPv4 and IPv6 fragments go to `defragmenter`. Set by `Dissector`.
  @exclusivity(unchecked) var defragments = true
  /// The IP datagrams being put back together.
  let defragmenter = IPDefragmenter()
  /// Whether TCP puts the PDUs of the layers above back together from its
  /// segments (`reassembler`); only while sequences are analysed. Set by
  /// `Dissector`.
  @exclusivity(unchecked) var reassemblesTCP = true
  /// The PDUs being put back together from TCP segments.
  let reassembler = TCPReassembler()
  @exclusivity(unchecked) var nextTCPStream = 0
  /// The stream index TCP's dissector gave the packet's last TCP segment
  /// when it tracked it; nil otherwise (see `TCPSegment.streamIndex`).
  @exclusivity(unchecked) var segmentStream: Int?
  @exclusivity(unchecked) var nextUDPStream = 0
  /// HTTP's memory of each TCP stream (by stream index).
  /// The last PDU each TCP direction (stream * 2, + 1 for the second side)
  /// was found to continue past its segment (`TCPSegment.pdu`).
  @exclusivity(unchecked) var tcpPDUs: [Int: TCPMultisegmentPDU] = [:]
  /// The Content-Type value of the body HTTP (or a multipart part) last
  /// handed on, for the reader's parameters (a multipart boundary).
  @exclusivity(unchecked) var httpBodyContentType: [UInt8] = []
  @exclusivity(unchecked) var httpConversations: [Int: HTTP.Conversation] = [:]
  /// Whether HTTP's heuristic has claimed any connection yet.
  @exclusivity(unchecked) var httpClaimedByHeuristic = false
  /// SSH's memory of each TCP stream (by stream index).
  @exclusivity(unchecked) var sshConnections: [Int: SSHConnection] = [:]
  /// FTP's memory of each control connection (by stream index).
  @exclusivity(unchecked) var ftpConversations: [Int: FTP.Conversation] = [:]
  /// The data connections FTP control connections announced.
  @exclusivity(unchecked) var ftpDataChannels = FTPDataChannels()
  /// SMTP's memory of each TCP connection (by stream index).
  @exclusivity(unchecked) var smtpConversations: [Int: SMTPConversation] = [:]
  /// IMAP's memory of each TCP stream (by stream index): STARTTLS and tags.
  @exclusivity(unchecked) var imapConversations: [Int: IMAPConversation] = [:]
  /// QUIC's connections, found by connection ID or conversation.
  let quicConnections = QUICConnections()
  /// The UDP conversations of SNMP requests seen (see `trackUDP`).
  @exclusivity(unchecked) var snmpRequestConversations: Set<ConversationKey> = []
  /// TLS's memory of each TCP stream (by stream index).
  @exclusivity(unchecked) var tlsConversations: [Int: TLSConversation] = [:]
  /// PostgreSQL's memory of each TCP stream (by stream index).
  @exclusivity(unchecked) var pgsqlConversations: [Int: PGSQL.Conversation] = [:]
  /// MySQL's memory of each TCP stream (by stream index).
  @exclusivity(unchecked) var mysqlConversations: [Int: MySQLConversation] = [:]
  /// The DTLS version each UDP conversation settled on.
  @exclusivity(unchecked) var dtlsVersions: [ConversationKey: UInt16] = [:]
  /// DTLS handshake messages arriving in fragments.
  @exclusivity(unchecked) var dtlsFragments = DTLSFragments()
  /// The TSN each side of an SCTP association counts from.
  @exclusivity(unchecked) var sctpTSNBases = SCTPTSNBases()
  /// SIP's transactions over UDP, for resends and the requests responses answer.
  let sipTransactions = SIPTransactions()
  /// ONC RPC's calls, for the replies that match them.
  let rpcCalls = RPCCalls()
  /// The shares SMB2's Tree Connects named, by session and tree id.
  let smb2Trees = SMB2Trees()
  /// The information levels SMB2's Find and Get Info requests asked for.
  let smb2InfoLevels = SMB2InfoLevels()
  /// The RPC message the program layer after RPC belongs to.
  @exclusivity(unchecked) var rpcMessage = RPCMessage()
  /// TCP connections DCE/RPC was found on.
  @exclusivity(unchecked) var dcerpcConnections: Set<ConversationKey> = []
  /// VNC's handshake step on each TCP stream (by stream index).
  @exclusivity(unchecked) var vncConnections: [Int: VNCConnection] = [:]
  /// The contexts DCE/RPC connections bound, and the calls made on them.
  let dcerpcBindings = DCERPCBindings()
  /// LDAP's memory of each TCP stream (by stream index): binds and SASL.
  @exclusivity(unchecked) var ldapConversations: [Int: LDAPConversation] = [:]
  /// The MQTT version each TCP stream's Connect named (by stream index).
  @exclusivity(unchecked) var mqttVersions: [Int: UInt8] = [:]
  /// HTTP/2's header decompression state of each TCP stream (by stream index).
  @exclusivity(unchecked) var http2Connections: [Int: HTTP2Connection] = [:]
  /// Network addresses of the packet being dissected (Wireshark's
  /// `pinfo->src`/`dst`), set by IPv4 and IPv6 for the layers above.
  @exclusivity(unchecked) public var networkSource = NetworkAddress()
  @exclusivity(unchecked) public var networkDestination = NetworkAddress()

  public init() {}
}
