import Testing

@testable import PacketWire

@Suite struct ByteViewTests {
  let bytes: [UInt8] = [0x45, 0x00, 0x00, 0x54, 0xab, 0xcd, 0x40, 0x00, 0x40, 0x01]

  @Test func readsBigEndianIntegers() {
    bytes.withUnsafeBytes { raw in
      let view = ByteView(raw)
      #expect(view.uint8(at: 0) == 0x45)
      #expect(view.uint16(at: 2) == 0x0054)
      #expect(view.uint32(at: 2) == 0x0054_abcd)
      #expect(view.uint16LittleEndian(at: 2) == 0x5400)
      #expect(view.uint(at: 4, length: 3) == 0xabcd40)
    }
  }

  @Test func refusesReadsOutsideTheView() {
    bytes.withUnsafeBytes { raw in
      let view = ByteView(raw)
      #expect(view.uint8(at: 10) == nil)
      #expect(view.uint16(at: 9) == nil)
      #expect(view.uint32(at: -1) == nil)
      #expect(view.uint64(at: 3) == nil)
      #expect(view.uint(at: 0, length: 9) == nil)
      #expect(view.contains(Int.max, 2) == false)
      #expect(view.slice(8, Int.max).count == 2)
      #expect(view.slice(20, 4).count == 0)
    }
  }

  @Test func readsBitFieldsMostSignificantFirst() {
    bytes.withUnsafeBytes { raw in
      let view = ByteView(raw)
      #expect(view.bits(at: 0, width: 4) == 4)  // IPv4 version
      #expect(view.bits(at: 4, width: 4) == 5)  // header length
      #expect(view.bits(at: 49, width: 1) == 1)  // don't fragment
      #expect(view.bits(at: 51, width: 13) == 0)
      #expect(view.bits(at: 78, width: 4) == nil)
    }
  }
}
