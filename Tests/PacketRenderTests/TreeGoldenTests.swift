import PacketDissection
import Testing

@testable import PacketRender

/// `show`'s tree against `tshark -V`: the lines that name values, head
/// subtrees or summarize bytes (tree-named-lines.txt), taken from tshark
/// by make-tree-goldens.sh, must appear in pktsh's tree of the same
/// packet, in the same order and at the same indentation.
@Suite struct TreeGoldenTests {
  @Test(arguments: [
    ("tree-many-protocols.txt", "/real/many-protocols.pcap", false),
    ("tree-http-dns.txt", "/wild/suricata-verify__tests_datasets-04-http-dns_input.pcap", false),
    ("tree-reassembled-dns.txt", "/wild/suricata-verify__tests_dns_dns-incomplete_input.pcap", true),
    ("tree-reassembled-nbss.txt", "/wild/zeek__testing_btest_Traces_netbios_netbios-split-session-msg.pcap", true),
    ("tree-reassembled-ipv6.txt", "/wild/zeek__testing_btest_Traces_ipv6-fragmented-dns.pcap", true),
  ])
  func namedLinesMatchTshark(golden: String, capture: String, reassembles: Bool) throws {
    let expected = try goldenPackets(RenderPaths.golden(golden))
    var missing: [String] = []
    try eachDissection(RenderPaths.corpus + capture, limit: 300, reassembles: reassembles) { d in
      let tree = PacketTree.render(d).split(separator: "\n")
      var at = tree.startIndex
      for line in expected[d.frame.number] ?? [] {
        guard let found = tree[at...].firstIndex(of: line) else {
          missing.append("\(d.frame.number): \(line)")
          continue
        }
        at = found + 1
      }
    }
    #expect(missing.isEmpty, "\(missing.count) lines missing, first: \(missing.prefix(5))")
  }

  /// Golden lines by packet number (`### N` heads each packet).
  private func goldenPackets(_ text: String) -> [Int: [Substring]] {
    var packets: [Int: [Substring]] = [:]
    var number = 0
    for line in text.split(separator: "\n") {
      if line.hasPrefix("### ") {
        number = Int(line.dropFirst(4)) ?? 0
      } else {
        packets[number, default: []].append(line)
      }
    }
    return packets
  }

  @Test func broadcastIsNamed() throws {
    var text = ""
    try eachDissection(RenderPaths.corpus + "/wild/suricata-verify__tests_datasets-04-http-dns_input.pcap", limit: 1) {
      text = PacketTree.render($0)
    }
    #expect(text.contains("    Destination: Broadcast (ff:ff:ff:ff:ff:ff)\n"))
  }

  @Test func longBytesAreCutAndPayloadsCounted() throws {
    var lines: [Substring] = []
    try eachDissection(RenderPaths.corpus + "/real/http-packets.pcap", limit: 1) {
      lines = PacketTree.render($0).split(separator: "\n")
    }
    #expect(lines.contains("    TCP payload (513 bytes)"))
    #expect(lines.allSatisfy { $0.count < 200 })
  }

  @Test func longTextIsCutAndBodiesCounted() throws {
    var lines: [Substring] = []
    try eachDissection(RenderPaths.corpus + "/wild/suricata-verify__tests_bug-7657-01_input.pcap") {
      lines += PacketTree.render($0).split(separator: "\n")
    }
    #expect(lines.contains { $0.hasPrefix("    Request URI [truncated]: /?-%64+allow_url_include") })
    #expect(lines.contains { $0.hasPrefix("    File Data: ") && $0.hasSuffix(" bytes") })
    #expect(lines.allSatisfy { $0.utf8.count < 200 })
  }
}
