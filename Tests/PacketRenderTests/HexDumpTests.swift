import PacketDissection
import PacketWire
import Testing

@testable import PacketRender

@Suite struct HexDumpTests {
  @Test func matchesTsharkByteForByte() throws {
    let golden = try RenderPaths.golden("hexdump-many-protocols.txt")
    var dumps: [String] = []
    try eachDissection(RenderPaths.corpus + "/real/many-protocols.pcap", limit: 40) { d in
      dumps.append(HexDump.render(d.packet))
    }
    // tshark ends each packet's dump with a blank line.
    let ours = dumps.map { $0 + "\n" }.joined()
    #expect(ours == golden)
  }

  private func bytes(_ values: [UInt8]) -> String {
    values.withUnsafeBytes { HexDump.render(ByteView($0)) }
  }

  @Test func shortRowPadsToTheAsciiColumn() {
    #expect(bytes([0x45, 0x00, 0x41]) == "0000  45 00 41" + String(repeating: " ", count: 42) + "E.A\n")
  }

  @Test func offsetsWidenPast64KiB() {
    #expect(HexDump.offsetDigits(0x10000) == 4)
    #expect(HexDump.offsetDigits(0x10001) == 5)
    #expect(HexDump.offsetDigits(0x1000001) == 7)
  }

  @Test func bracketsKeepTheColumns() {
    let data: [UInt8] = Array(0x30..<0x44)
    let text = data.withUnsafeBytes { HexDump.render(ByteView($0), marked: [1..<3, 15..<17], colour: false) }
    let lines = text.split(separator: "\n")
    #expect(lines[0] == "0000  30[31 32]33 34 35 36 37 38 39 3a 3b 3c 3d 3e[3f]  0123456789:;<=>?")
    #expect(lines[1] == "0010 [40]41 42 43" + String(repeating: " ", count: 39) + "@ABC")
  }

  @Test func colourMarksHexAndAscii() {
    let data: [UInt8] = [0x41, 0x42, 0x43]
    let text = data.withUnsafeBytes { HexDump.render(ByteView($0), marked: [1..<3], colour: true) }
    #expect(text.contains("\u{1b}[30;43m42\u{1b}[30;43m") == false)
    #expect(text.contains("\u{1b}[30;43m42 43\u{1b}[0m"))
    #expect(text.contains("A\u{1b}[30;43mBC\u{1b}[0m"))
  }

  @Test func layersAreSeparated() throws {
    var text = ""
    try eachDissection(RenderPaths.corpus + "/real/many-protocols.pcap", limit: 27) { d in
      if d.frame.number == 27 { text = HexDump.renderLayers(d, colour: false) }
    }
    // Ethernet (14 bytes), IPv4 (20), TCP (20), then the payload (2) and
    // the Ethernet padding (4), which no layer claims.
    let lines = text.split(separator: "\n")
    #expect(lines[0].hasPrefix("0000 [6c f0"))
    #expect(lines[0].contains("08 00|45 00"))
    #expect(lines[3] == "0030 [00 7f d8 01 00 00]89 00 ca 72 4e 0c               .........rN.")
  }
}
