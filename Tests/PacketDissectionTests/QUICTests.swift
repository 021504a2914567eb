import Crypto
import PacketCapture
import Testing

@testable import PacketDissection

/// QUIC's Initial keys against the published test vectors, its CRYPTO
/// stream's order, and its connection table's bound.
@Suite struct QUICTests {
  func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(index, offsetBy: 2)
      bytes.append(UInt8(text[index..<next], radix: 16)!)
      index = next
    }
    return bytes
  }

  func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

  /// RFC 9001 appendix A.1: the client's Initial keys for DCID 8394c8f03e515708.
  @Test func version1ClientKeys() throws {
    let keys = QUICInitialKeys(version: 1, clientDCID: hex("8394c8f03e515708"), fromServer: false)
    #expect(bytes(keys.key) == hex("1f369613dd76d5467730efcbe3b1a22d"))
    #expect(keys.iv == hex("fa044b2f42a3fd3b46fb255c"))
    #expect(bytes(keys.headerProtection) == hex("9f50449e04a0e810283a1e9933adedd2"))
  }

  /// RFC 9001 appendix A.1: the server's.
  @Test func version1ServerKeys() throws {
    let keys = QUICInitialKeys(version: 1, clientDCID: hex("8394c8f03e515708"), fromServer: true)
    #expect(bytes(keys.key) == hex("cf3a5331653c364c88f0f379b6067e37"))
    #expect(keys.iv == hex("0ac1493ca1905853b0bba03e"))
    #expect(bytes(keys.headerProtection) == hex("c206b8d9b9f0f37644430b490eeaa314"))
  }

  /// RFC 9001 appendix A.2: the header protection mask of the client's Initial.
  @Test func headerProtectionMask() throws {
    let keys = QUICInitialKeys(version: 1, clientDCID: hex("8394c8f03e515708"), fromServer: false)
    let mask = try #require(keys.mask(hex("d1b1c98dd7689fb8ec11d242b123dc9b")))
    #expect(Array(mask.prefix(5)) == hex("437b9aec36"))
  }

  /// RFC 9369 appendix A.1: version 2's client keys.
  @Test func version2ClientKeys() throws {
    let keys = QUICInitialKeys(version: QUICNames.version2, clientDCID: hex("8394c8f03e515708"), fromServer: false)
    #expect(bytes(keys.key) == hex("8b1a0bc121284290a29e0971b5cd045d"))
    #expect(keys.iv == hex("91f73e2351d8fa91660e909f"))
    #expect(bytes(keys.headerProtection) == hex("45b95e15235d6f45a6b19cbcb0294ba9"))
  }

  /// Versions without a salt of their own take version 1's, as in
  /// Wireshark 4.0; those that force version negotiation take draft 29's.
  @Test func saltsOfOtherVersions() {
    #expect(QUICInitialKeys.salt(0x1234_5678) == QUICInitialKeys.salt(1))
    #expect(QUICInitialKeys.salt(0x1a2a_3a4a) == QUICInitialKeys.salt(0xff00_001d))
    #expect(QUICInitialKeys.salt(0x1a2a_3a4a) != QUICInitialKeys.salt(1))
  }

  /// A payload that does not authenticate opens to nothing, without trapping.
  @Test func tamperedPayloadDoesNotOpen() throws {
    let keys = QUICInitialKeys(version: 1, clientDCID: hex("8394c8f03e515708"), fromServer: false)
    #expect(keys.open(header: [0xc3], sealed: [UInt8](repeating: 7, count: 40), packetNumber: 2) == nil)
    #expect(keys.open(header: [0xc3], sealed: [1, 2, 3], packetNumber: 2) == nil)
  }

  /// In-order data goes on at once; once a later piece comes first, the
  /// pieces wait for the gap and go on together (tshark 4.0's order).
  @Test func cryptoStreamHandsOnInOrder() {
    var stream = QUICCryptoStream()
    #expect(stream.add(offset: 0, bytes: [1, 2, 3]) == [1, 2, 3])
    #expect(stream.add(offset: 0, bytes: [1, 2, 3]) == nil)
    #expect(stream.add(offset: 6, bytes: [7, 8]) == nil)
    #expect(stream.add(offset: 3, bytes: [4]) == nil)
    #expect(stream.add(offset: 4, bytes: [5, 6]) == [4, 5, 6, 7, 8])
    #expect(stream.add(offset: 8, bytes: [9]) == [9])
  }

  @Test func cryptoStreamBoundsWaitingPieces() {
    var stream = QUICCryptoStream()
    let piece = [UInt8](repeating: 1, count: QUICCryptoStream.waitingLimit)
    #expect(stream.add(offset: 10, bytes: piece) == nil)
    #expect(stream.add(offset: UInt64(10 + piece.count), bytes: [2]) == nil)
    #expect(stream.waitingBytes == QUICCryptoStream.waitingLimit)
    #expect(stream.add(offset: UInt64.max - 1, bytes: [1, 2]) == nil)
  }

  /// The table forgets its oldest connection past its limit.
  @Test func connectionTableIsBounded() {
    let connections = QUICConnections()
    let server = QUICEndpoint(address: NetworkAddress(low: 1), port: 443)
    for i in 0...QUICConnections.limit {
      let key = ConversationKey.make(NetworkAddress(low: 2), UInt16(truncatingIfNeeded: i), server.address, 443).0
      _ = connections.create(
        version: 1, dcid: [UInt8(i & 0xff), UInt8(i >> 8), 9, 9], scid: [], conversation: key, server: server)
    }
    #expect(connections.connections.count == QUICConnections.limit)
    #expect(connections[0] == nil)
    #expect(connections[QUICConnections.limit] != nil)
  }
}

/// Damaged QUIC never traps: every prefix of real Initial packets, and the
/// same packets with a byte changed at each place, dissect with every field.
extension FuzzRegressionTests {
  @Test func quicInitialsCutAndChanged() throws {
    let path = Paths.corpus + "/wild/zeek__testing_btest_Traces_quic_quicv2-echo-443.pcap"
    let file = try CaptureFile(path: path)
    var packets: [[UInt8]] = []
    try file.forEachPacket { record in
      packets.append(record.bytes.copyBytes())
      return packets.count < 5
    }
    #expect(packets.count == 5)
    let fields = ["quic.dcid", "quic.packet_number", "quic.frame_type", "quic.crypto.offset", "data.len", "frame.protocols"]
    for packet in packets {
      // The Initial first (so the connection is known), then the damaged packet.
      var cuts: [[UInt8]] = []
      for length in stride(from: 0, to: packet.count, by: 7) { cuts.append(Array(packet[..<length])) }
      for place in stride(from: 42, to: packet.count, by: 11) {
        var changed = packet
        changed[place] ^= 0x5a
        cuts.append(changed)
      }
      for damaged in cuts {
        let lines = try dissect(pcap(originalLength: UInt32(packets[0].count), packet: packets[0]) + record(damaged), fields: fields)
        #expect(lines.count == 2)
      }
    }
  }

  /// A second pcap record (the header already written).
  private func record(_ packet: [UInt8]) -> [UInt8] {
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
    return le32(1) + le32(0) + le32(UInt32(packet.count)) + le32(UInt32(packet.count)) + packet
  }
}
