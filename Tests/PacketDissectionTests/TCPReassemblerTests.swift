import PacketWire
import Testing

@testable import PacketDissection

/// The PDUs held across TCP segments: one made whole in order, one with a
/// segment missing (never whole), one that runs to the FIN, and more PDUs
/// and bytes than it may hold.
@Suite struct TCPReassemblerTests {
  static func start(_ r: TCPReassembler, flow: Int, seq: UInt32, next: UInt32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { r.start(flow, seq: seq, nextPDU: next, wholeSegment: false, untilFIN: false, frame: 1, bytes: ByteView($0)) }
  }

  static func add(_ r: TCPReassembler, flow: Int = 0, seq: UInt32, _ bytes: [UInt8], frame: Int) -> TCPReassembler.PDU? {
    let end = seq &+ UInt32(bytes.count)
    let last = !sequenceBefore(end, r.pdu(flow)?.nextPDU ?? end)
    return bytes.withUnsafeBytes { r.add(flow, seq: seq, frame: frame, bytes: ByteView($0), last: last, segmentEnd: end) }
  }

  @Test func wholeInOrderEvenAcrossTheSequenceWrap() {
    let r = TCPReassembler()
    Self.start(r, flow: 0, seq: 0xffff_fffe, next: 4, [1, 2])
    #expect(r.pdu(0)?.continues(at: 0) == true)
    #expect(Self.add(r, seq: 0, [3, 4], frame: 2) == nil)
    let whole = Self.add(r, seq: 2, [5, 6], frame: 3)
    #expect(whole?.data.view.copyBytes() == [1, 2, 3, 4, 5, 6])
    #expect(whole?.segments.map(\.frame) == [1, 2, 3])
    #expect(r.openCount == 0)
  }

  @Test func aMissingSegmentMeansItIsNeverWhole() {
    let r = TCPReassembler()
    Self.start(r, flow: 0, seq: 100, next: 110, [1, 2])
    #expect(Self.add(r, seq: 105, [6, 7], frame: 2) == nil)
    #expect(Self.add(r, seq: 107, [8, 9, 10], frame: 3) == nil)
    #expect(r.openCount == 0)
  }

  @Test func aPDUUntilTheFINTakesEverySegmentAndEndsAtTheFIN() {
    let r = TCPReassembler()
    [UInt8]([1, 2]).withUnsafeBytes {
      r.start(0, seq: 10, nextPDU: 13, wholeSegment: false, untilFIN: true, frame: 1, bytes: ByteView($0))
    }
    let more: [UInt8] = [3, 4, 5]
    let held = more.withUnsafeBytes { r.add(0, seq: 12, frame: 2, bytes: ByteView($0), last: false, segmentEnd: 15) }
    #expect(held == nil)
    #expect(r.pdu(0)?.continues(at: 15) == true)
    // The FIN segment carries no byte and completes the PDU.
    let whole = [UInt8]().withUnsafeBytes { r.add(0, seq: 15, frame: 3, bytes: ByteView($0), last: true, segmentEnd: 15) }
    #expect(whole?.data.view.copyBytes() == [1, 2, 3, 4, 5])
    #expect(whole?.segments.map(\.frame) == [1, 2, 3])
    #expect(r.openCount == 0)
  }

  @Test func holdsNoMoreThanItsLimits() {
    let r = TCPReassembler()
    for flow in 0..<(TCPReassembler.maximumOpen + 10) { Self.start(r, flow: flow, seq: 0, next: 100, [0]) }
    #expect(r.openCount == TCPReassembler.maximumOpen)
    #expect(r.pdu(0) == nil && r.pdu(TCPReassembler.maximumOpen + 9) != nil)
    let big = [UInt8](repeating: 0, count: 1 << 20)
    for flow in 0..<40 { Self.start(r, flow: 10_000 + flow, seq: 0, next: 2 << 20, big) }
    #expect(r.openCount <= TCPReassembler.maximumOpen)
    #expect(r.pdu(10_000) == nil && r.pdu(10_039) != nil)
  }
}
