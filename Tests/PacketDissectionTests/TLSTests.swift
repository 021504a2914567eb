import Foundation
import PacketCapture
import PacketWire
import Testing

@testable import PacketDissection

/// TLS beyond what the field goldens hold: JA4 (tshark 4.0 has none)
/// against references pktsh did not write, and the handshake reader as
/// QUIC calls it, on bytes that are not the packet's.
@Suite struct TLSTests {
  /// The worked examples of FoxIO's specification (technical_details/JA4.md).
  @Test func ja4HashesOfTheSpecificationsExamples() {
    #expect(
      TLSHelloFacts.truncatedHash("002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9")
        == "8daaf6152771")
    let extensions = "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"
    #expect(TLSHelloFacts.truncatedHash(extensions + "_0403,0804,0401,0503,0805,0501,0806,0601") == "e5627efa2ab1")
    #expect(TLSHelloFacts.truncatedHash(extensions) == "6d807ffa2a79")
    #expect(TLSHelloFacts.ja4ALPN(Array("h2".utf8)) == "h2")
    #expect(TLSHelloFacts.ja4ALPN(Array("http/1.1".utf8)) == "h1")
    #expect(TLSHelloFacts.ja4ALPN([0xab]) == "ab")
    #expect(TLSHelloFacts.ja4ALPN([0x30, 0x31, 0xab, 0xcd]) == "3d")
    #expect(TLSHelloFacts.ja4ALPN([0x30, 0xab, 0xcd, 0x31]) == "01")
    #expect(TLSHelloFacts.ja4ALPN([]) == "00")
  }

  /// The ClientHello of suricata-verify's ja4-tls test, whose expected
  /// output (tests/ja4-tls/test.yaml) gives its JA4.
  @Test func ja4AsSuricataComputesIt() throws {
    let values = try fields(of: 4, in: "wild/suricata-verify__tests_ja4-tls_input.pcap", ["tls.handshake.ja4"])
    #expect(values == ["t12i1810s1_27d4652c4487_06a4338d0495"])
  }

  /// The same ClientHello handed over without its record header, as QUIC
  /// hands over a decrypted CRYPTO frame: the same fields, JA4 with `q`.
  @Test func handshakeMessagesWithoutRecordsAsQUICHandsThemOver() throws {
    let path = Paths.corpus + "/wild/suricata-verify__tests_ja4-tls_input.pcap"
    let names = ["tls.handshake.type", "tls.handshake.ciphersuite", "tls.handshake.extension.type", "tls.handshake.ja3", "tls.handshake.ja4"]
    var expected: [String] = []
    var body: [UInt8] = []
    let file = try CaptureFile(path: path)
    let dissector = Dissector()
    try file.forEachPacket { record in
      let d = dissector.dissect(record)
      guard d.frame.number == 4, let tls = d.layers.first(where: { $0.protocolID == .tls }) else { return true }
      expected = names.map { name in text(d, name) }
      body = d.packet.slice(tls.start + 5, d.packet.count - tls.start - 5).copyBytes()
      return false
    }
    let dissection = Dissection()
    let state = DissectionState()
    let frame = [UInt8](repeating: 0, count: 8)
    let handed: [String] = frame.withUnsafeBytes { frameBytes in
      body.withUnsafeBytes { bodyBytes in
        dissection.reset(packet: ByteView(frameBytes))
        var c = LayerCursor(packet: ByteView(frameBytes), start: 0, end: 8, dissection: dissection, state: state, depth: 0)
        c.addInnerProtocol(.tls, at: 0, 8)
        try? TLS.dissectHandshakeMessages(c, TLSBytes(detached: ByteView(bodyBytes)))
        c.withdrawn = false
        return names.map { name in text(dissection, name) }
      }
    }
    #expect(handed[0..<4] == expected[0..<4])
    #expect(handed[4] == "q" + expected[4].dropFirst())
    #expect(!handed[1].isEmpty)
  }

  private func text(_ d: Dissection, _ name: String) -> String {
    guard let id = Registry.field(named: name) else { return "?" }
    return d.records.filter { $0.field == id }.map { FieldText.format($0, in: d) }.joined(separator: ",")
  }

  private func fields(of frame: Int, in capture: String, _ names: [String]) throws -> [String] {
    var out: [String] = []
    try eachPacket(Paths.corpus + "/" + capture) { d in
      guard d.frame.number == frame else { return true }
      out = names.map { text(d, $0) }
      return false
    }
    return out
  }

  private func eachPacket(_ path: String, _ body: (Dissection) -> Bool) throws {
    let file = try CaptureFile(path: path)
    let dissector = Dissector()
    try file.forEachPacket { record in body(dissector.dissect(record)) }
  }
}
