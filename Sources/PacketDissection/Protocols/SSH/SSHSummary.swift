/// How SSH shows: Info is the side (`Client: `, `Server: `) and what the
/// segment holds, comma-separated: `Protocol (SSH-2.0-OpenSSH_7.4)`,
/// message names (`Key Exchange Init`), `Encrypted packet (len=…)` (for
/// protocol version 1, the length the packet declares).
/// The Protocol column is `SSH` until the client's banner settles the
/// version, then `SSHv2` (or `SSHv1`).
extension SSH {
  static var hue: LayerHue? { .brightBlue }

  /// Its own fields, and TCP's stream (the memory's key) and length.
  static var summaryFields: [FieldID] { allCases.map(\.fieldID) + [TCP.stream.fieldID, TCP.len.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let stream = f.lastTopLayer(.tcp)?.uint(TCP.stream).map { Int($0) }
    let memory = layer.memory.sshKeyExchanges
    let version = stream.flatMap { memory.versions[$0] } ?? 0
    let fromServer = f.uint(direction) == 1
    var items: [String] = []
    var newVersion = version
    var encryptedStart: Int?
    // Protocol version 1: the length of the packet read last, and of one
    // shown without its type (encrypted), named when the next one starts.
    var version1Length: UInt64?
    var version1Encrypted: UInt64?
    func nameVersion1Encrypted() {
      if let length = version1Encrypted { items.append("Encrypted packet (len=\(length))") }
      version1Encrypted = nil
    }
    for (field, record) in f.occurrences(of: SSH.self) {
      switch field {
      case .protocolBanner:
        let text = f.text(record)
        items.append("Protocol (\(text))")
        guard !fromServer else { break }
        let lower = text.lowercased()
        if lower.hasPrefix("ssh-2.") || lower.hasPrefix("ssh-1.99-") {
          newVersion = 2
        } else if lower.hasPrefix("ssh-1.") {
          newVersion = 1
        }
      case .packetLength where newVersion == 1:
        version1Length = record.value
      case .paddingLength where newVersion == 1:
        nameVersion1Encrypted()
        (version1Encrypted, version1Length) = (version1Length ?? 0, nil)
      case .messageCode where newVersion == 1:
        version1Encrypted = nil
        items.append(SSHNames.version1Name(UInt8(truncatingIfNeeded: record.value)))
      case .messageCode:
        let method = stream.flatMap { memory.methods[$0] } ?? .diffieHellman
        items.append(SSHNames.messageName(UInt8(truncatingIfNeeded: record.value), method: method))
      case .packetLengthEncrypted:
        encryptedStart = Int(record.offset)
      case .encryptedPacket:
        let start = encryptedStart ?? Int(record.offset)
        let end = f.lastTopLayer(.tcp).flatMap(segmentEnd) ?? start
        items.append("Encrypted packet (len=\(end - start))")
      case .kexAlgorithms:
        if let stream { memory.proposed(f.text(record), fromServer: fromServer, stream: stream) }
      default:
        break
      }
    }
    nameVersion1Encrypted()
    if let stream, newVersion != version { memory.versions[stream] = newVersion }
    let name = version == 2 ? "SSHv2" : version == 1 ? "SSHv1" : "SSH"
    // A message cut short ends Wireshark's dissector before it names the side.
    let side = layer.complete ? (fromServer ? "Server: " : "Client: ") : ""
    row.set(name, info: side + items.joined(separator: ", "))
  }

  /// Where the TCP segment's payload ends, as the segment declares it.
  private static func segmentEnd(_ tcp: LayerFields) -> Int? {
    tcp.uint(TCP.len).map { tcp.span.end &+ Int(clamping: $0) }
  }
}

/// What the SSH summaries of earlier packets leave for later ones, by TCP
/// stream: the version the banners settled, and the key exchange method
/// the two Key Exchange Init messages agreed on (which names the method's
/// messages). Forgets everything past `limit` streams.
final class SSHKeyExchanges {
  static let limit = 4096
  var versions: [Int: Int] = [:]
  var methods: [Int: SSHNames.KeyExchangeMethod] = [:]
  private var proposals: [Int: (client: String?, server: String?)] = [:]

  /// Notes one side's kex_algorithms; once both are known (and no method
  /// was chosen yet) picks the first of the client's that the server lists.
  func proposed(_ list: String, fromServer: Bool, stream: Int) {
    if versions.count > Self.limit || proposals.count > Self.limit {
      versions.removeAll()
      methods.removeAll()
      proposals.removeAll()
    }
    var pair = proposals[stream] ?? (nil, nil)
    if fromServer { pair.server = list } else { pair.client = list }
    proposals[stream] = pair
    guard methods[stream] == nil, let client = pair.client, let server = pair.server else { return }
    guard let chosen = SSHConnection.firstCommon(Array(client.utf8), Array(server.utf8)) else { return }
    methods[stream] = SSHNames.KeyExchangeMethod(name: String(decoding: chosen, as: UTF8.self)) ?? .diffieHellman
  }
}
