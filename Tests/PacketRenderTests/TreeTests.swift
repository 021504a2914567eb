import PacketDissection
import Testing

@testable import PacketRender

@Suite struct TreeTests {
  /// Frame 611 of many-protocols.pcap: a SYN-ACK with options.
  private func tree(byteRanges: Bool = false, colour: Bool = false) throws -> [Substring] {
    var text = ""
    try eachDissection(RenderPaths.corpus + "/real/many-protocols.pcap", limit: 611) { d in
      if d.frame.number == 611 { text = PacketTree.render(d, byteRanges: byteRanges, colour: colour) }
    }
    return text.split(separator: "\n")
  }

  @Test func headlinesMatchTshark() throws {
    let lines = try tree()
    // As `tshark -V` heads the layers of this packet.
    for headline in [
      "Frame 611: 66 bytes on wire (528 bits), 66 bytes captured (528 bits)",
      "Ethernet II, Src: 30:46:9a:23:fb:fa, Dst: 6c:f0:49:b2:de:6e",
      "Internet Protocol Version 4, Src: 173.194.66.157, Dst: 10.0.0.1",
      "Transmission Control Protocol, Src Port: 80, Dst Port: 55214, Seq: 0, Ack: 1, Len: 0",
    ] {
      #expect(lines.contains(Substring(headline)))
    }
  }

  @Test func fieldsIndentByDepthWithBitPatterns() throws {
    let lines = try tree()
    #expect(lines.contains("    0100 .... = Version: 4"))
    #expect(lines.contains("    .... 0101 = Header Length: 20 bytes (5)"))
    #expect(lines.contains("        .... ..0. .... .... .... .... = LG bit: Globally unique address (factory default)"))
    // The whole 16-bit container (Wireshark draws 12 bits for TCP flags).
    #expect(lines.contains("        .... .... .... ..1. = Syn: Set"))
    #expect(lines.contains("    Source Address: 173.194.66.157"))
    #expect(lines.contains("    [Stream index: 22]"))
  }

  @Test func hiddenFieldsAreLeftOut() throws {
    let lines = try tree()
    #expect(!lines.contains { $0.contains("Source or Destination") })
  }

  @Test func byteRangesAreInclusiveAndAbsolute() throws {
    let lines = try tree(byteRanges: true)
    #expect(lines.contains("Internet Protocol Version 4, Src: 173.194.66.157, Dst: 10.0.0.1 [14..33]"))
    #expect(lines.contains("    Source Address: 173.194.66.157 [26..29]"))
    #expect(lines.contains("    [Stream index: 22]"))
  }

  @Test func colourBoldsHeadlinesAndDimsGeneratedFields() throws {
    let lines = try tree(colour: true)
    #expect(lines.contains("\u{1b}[1;32mInternet Protocol Version 4, Src: 173.194.66.157, Dst: 10.0.0.1\u{1b}[0m"))
    #expect(lines.contains("    \u{1b}[2m[Stream index: 22]\u{1b}[0m"))
  }

  @Test func bitPatternGroupsByNibble() {
    #expect(BitPattern.text(bits: 0x0002, mask: 0x0002, bytes: 2) == ".... .... .... ..1.")
    #expect(BitPattern.text(bits: 0x00, mask: 0xe0, bytes: 1) == "000. ....")
  }
}
