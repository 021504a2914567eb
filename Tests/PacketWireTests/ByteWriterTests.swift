import PacketWire
import Testing

@Suite struct ByteWriterTests {
  @Test func appendsAndGrowsPastItsCapacity() {
    var writer = ByteWriter(capacity: 16)
    for i in 0..<1000 { writer.append(UInt8(truncatingIfNeeded: i)) }
    writer.append(contentsOf: "tail".utf8)
    #expect(writer.count == 1004)
    writer.withBytes { bytes in
      #expect(bytes[999] == UInt8(truncatingIfNeeded: 999))
      #expect(Array(bytes[1000...]) == Array("tail".utf8))
    }
  }

  @Test func writeKeepsOnlyWhatTheWriterSaysItWrote() {
    var writer = ByteWriter(capacity: 16)
    writer.append(contentsOf: "ab".utf8)
    writer.write(upTo: 24) { p in
      p[0] = UInt8(ascii: "c")
      return 1
    }
    #expect(writer.text == "abc")
    writer.removeAll()
    #expect(writer.count == 0)
    writer.append(contentsOf: [0xff, 0x41])
    #expect(writer.text == "\u{FFFD}A")
  }
}
