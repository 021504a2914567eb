import Testing

@testable import PacketDissection

/// HPACK decoding against RFC 7541's own examples (Appendix C), and input
/// that must fail without trapping.
@Suite struct HPACKTests {
  func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace }.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
  }

  func texts(_ block: HPACKDecoder.Block) -> [String] {
    block.fields.map { String(decoding: $0.name, as: UTF8.self) + ": " + String(decoding: $0.value, as: UTF8.self) }
  }

  @Test func huffmanCodedRequestsShareTheDynamicTable() {
    var decoder = HPACKDecoder()
    let first = decoder.decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"), endsHeaders: true)
    #expect(texts(first) == [":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"])
    let second = decoder.decode(hex("8286 84be 5886 a8eb 1064 9cbf"), endsHeaders: true)
    #expect(texts(second).last == "cache-control: no-cache")
    #expect(texts(second)[3] == ":authority: www.example.com")
    let third = decoder.decode(hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"), endsHeaders: true)
    #expect(texts(third).last == "custom-key: custom-value")
    #expect(decoder.tableSize == 164)
  }

  @Test func aRepresentationCutByAFrameEndsInTheNext() {
    var decoder = HPACKDecoder()
    let bytes = hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")
    let first = decoder.decode(Array(bytes[..<8]), endsHeaders: false)
    #expect(texts(first) == [":method: GET", ":scheme: http", ":path: /"])
    let second = decoder.decode(Array(bytes[8...]), endsHeaders: true)
    #expect(texts(second) == [":authority: www.example.com"])
    #expect(!decoder.failed)
  }

  @Test func badInputStopsTheDirection() {
    var cut = HPACKDecoder()
    _ = cut.decode(hex("410f 7777"), endsHeaders: true)
    #expect(cut.failed)
    #expect(cut.decode(hex("82"), endsHeaders: true).fields.isEmpty)
    var huge = HPACKDecoder()
    _ = huge.decode(hex("ff ffffffffffffffffff7f"), endsHeaders: true)
    #expect(huge.failed)
    var unknownIndex = HPACKDecoder()
    _ = unknownIndex.decode(hex("be"), endsHeaders: true)
    #expect(unknownIndex.failed)
    var tooLarge = HPACKDecoder()
    _ = tooLarge.decode(hex("3fe2 1f"), endsHeaders: true)
    #expect(tooLarge.failed)
    #expect(HPACKHuffman.decode(hex("ffffffff")) == nil)
  }

  @Test func theTableStaysWithinItsSize() {
    var decoder = HPACKDecoder()
    decoder.allow(size: 1 << 40)
    #expect(decoder.allowedSize == HPACKDecoder.hardSizeCap)
    let value = [UInt8](repeating: 0x61, count: 100)
    for _ in 0..<100 {
      _ = decoder.decode([0x40, 0x01, 0x78, UInt8(value.count)] + value, endsHeaders: true)
    }
    #expect(decoder.tableSize <= 4096)
  }

  @Test func jsonNestingIsBounded() {
    let deep = [UInt8](repeating: 0x5b, count: 100) + [UInt8](repeating: 0x5d, count: 100)
    #expect(JSONValue.parse(deep, maximumDepth: JSON.maximumDepth) == nil)
    let flat = Array(#"{"a": [1, "x\u00e9", true, null], "b": {}}"#.utf8)
    #expect(JSONValue.parse(flat, maximumDepth: JSON.maximumDepth) != nil)
  }
}
