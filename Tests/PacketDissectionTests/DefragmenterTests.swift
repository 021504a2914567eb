import PacketWire
import Testing

@testable import PacketDissection

/// The defragmenter on hostile fragments: overlaps, offsets far past any
/// datagram, second tails, and more open datagrams than it may hold.
@Suite struct DefragmenterTests {
  static let key = IPDefragmenter.Key(
    source: NetworkAddress(low: 1), destination: NetworkAddress(low: 2), identification: 7, proto: 17)

  static func add(
    _ d: IPDefragmenter, _ bytes: [UInt8], at offset: Int, more: Bool, frame: Int, key: IPDefragmenter.Key = key
  ) -> IPDefragmenter.Reassembled? {
    bytes.withUnsafeBytes { d.add(key, frame: frame, offset: offset, bytes: ByteView($0), more: more) }
  }

  @Test func inOrderAndOutOfOrder() {
    let d = IPDefragmenter()
    #expect(Self.add(d, [5, 6], at: 8, more: false, frame: 1) == nil)
    let whole = Self.add(d, Array(0..<8), at: 0, more: true, frame: 2)
    #expect(whole?.data == [0, 1, 2, 3, 4, 5, 6, 7, 5, 6])
    #expect(whole?.fragments.map(\.frame) == [2, 1])
    // Put together, it is forgotten: the same identity starts again.
    #expect(Self.add(d, [1], at: 0, more: false, frame: 3)?.data == [1])
  }

  @Test func overlapsKeepTheEarlierBytesAndAreFlagged() {
    let d = IPDefragmenter()
    #expect(Self.add(d, [1, 1, 1, 1], at: 0, more: true, frame: 1) == nil)
    let whole = Self.add(d, [9, 9, 2, 2], at: 2, more: false, frame: 2)
    #expect(whole?.data == [1, 1, 1, 1, 2, 2])
    #expect(whole?.fragments[1].overlap == true)
    #expect(whole?.fragments[1].conflict == true)
  }

  @Test func secondTailAndBytesPastTheEnd() {
    let d = IPDefragmenter()
    #expect(Self.add(d, [1, 2], at: 0, more: true, frame: 1) == nil)
    #expect(Self.add(d, [3], at: 100_000, more: false, frame: 2) == nil)
    // A second last fragment: the first one's length stands, so this one
    // runs past the end.
    #expect(Self.add(d, [3, 4], at: 8, more: false, frame: 3) == nil)
    #expect(Self.add(d, Array(repeating: 0, count: 8), at: 2, more: true, frame: 4) == nil)
    let d2 = IPDefragmenter()
    #expect(Self.add(d2, [1, 2, 3], at: 0, more: false, frame: 1)?.data == [1, 2, 3])
    #expect(Self.add(d2, [1], at: 8, more: false, frame: 2) == nil)
    #expect(Self.add(d2, Array(repeating: 1, count: 8), at: 0, more: false, frame: 3)?.fragments.first?.multipleTails == true)
  }

  @Test func holdsAtMostItsLimitOfDatagrams() {
    let d = IPDefragmenter()
    func key(_ n: Int) -> IPDefragmenter.Key {
      var key = Self.key
      key.identification = UInt32(n)
      return key
    }
    for n in 0..<(IPDefragmenter.maximumOpen + 100) {
      #expect(Self.add(d, Array(repeating: 0, count: 8), at: 0, more: true, frame: n, key: key(n)) == nil)
    }
    #expect(d.openCount == IPDefragmenter.maximumOpen)
    // The oldest were dropped: their last fragment completes nothing; a
    // later one's does.
    #expect(Self.add(d, [1], at: 8, more: false, frame: 0, key: key(0)) == nil)
    #expect(Self.add(d, [1], at: 8, more: false, frame: 0, key: key(200))?.data.count == 9)
  }

  /// A datagram held unread (`addUnread`) keeps the places of its
  /// fragments, completes where `add` would complete it, and builds nothing.
  @Test func unreadDatagramsCompleteAsHeldOnesDo() {
    let d = IPDefragmenter()
    // Nothing known of a datagram that starts elsewhere: for `add`.
    #expect(!d.addUnread(Self.key, frame: 1, offset: 8, length: 8, more: true, startsUnread: false))
    #expect(d.openCount == 0)
    #expect(d.addUnread(Self.key, frame: 1, offset: 0, length: 8, more: true, startsUnread: true))
    #expect(d.addUnread(Self.key, frame: 2, offset: 16, length: 4, more: false, startsUnread: false))
    #expect(d.openCount == 1)
    #expect(d.addUnread(Self.key, frame: 3, offset: 8, length: 8, more: true, startsUnread: false))
    #expect(d.openCount == 0)
    // Put together and forgotten: a later fragment with its identity is for `add` again.
    #expect(!d.addUnread(Self.key, frame: 4, offset: 16, length: 4, more: false, startsUnread: false))
  }

  @Test func aFirstFragmentAfterOthersDropsTheirBytes() {
    let d = IPDefragmenter()
    #expect(Self.add(d, [1, 2], at: 8, more: false, frame: 1) == nil)
    #expect(d.addUnread(Self.key, frame: 2, offset: 0, length: 8, more: true, startsUnread: true))
    #expect(d.openCount == 0)
    // `add` on a datagram held unread answers nothing when it completes it.
    #expect(d.addUnread(Self.key, frame: 3, offset: 0, length: 8, more: true, startsUnread: true))
    #expect(Self.add(d, [1, 2], at: 8, more: false, frame: 4) == nil)
    #expect(d.openCount == 0)
  }

  @Test func theFirstBytesAtOffsetZeroDecide() {
    let d = IPDefragmenter()
    // A first fragment held with its bytes (a tunnel's ports) comes first:
    // another at offset 0 cannot make the datagram unread.
    #expect(Self.add(d, Array(repeating: 0, count: 8), at: 0, more: true, frame: 1) == nil)
    #expect(!d.addUnread(Self.key, frame: 2, offset: 0, length: 8, more: true, startsUnread: true))
    #expect(Self.add(d, [1], at: 8, more: false, frame: 3)?.data.count == 9)
  }
}
