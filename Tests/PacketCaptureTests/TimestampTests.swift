import PacketCapture
import Testing

@Suite struct TimestampTests {
  @Test func printsLikeTshark() {
    #expect(Timestamp(seconds: 1_340_954_905, nanoseconds: 298_858_000).description == "1340954905.298858000")
    #expect(Timestamp(nanosecondsSinceEpoch: -250_000_000).description == "-0.250000000")
    #expect(Timestamp(nanosecondsSinceEpoch: -2_000_000_000).description == "-2.000000000")
    #expect(Timestamp(seconds: .min, nanoseconds: 0).description == "-9223372036854775808.000000000")
  }

  @Test func convertsBothWays() {
    let time = Timestamp(nanosecondsSinceEpoch: -1)
    #expect(time == Timestamp(seconds: -1, nanoseconds: 999_999_999))
    #expect(time.nanosecondsSinceEpoch == -1)
    #expect(Timestamp(seconds: .max, nanoseconds: 0).nanosecondsSinceEpoch == nil)
    #expect(Timestamp(seconds: 1, nanoseconds: 2_500_000_000) == Timestamp(seconds: 3, nanoseconds: 500_000_000))
    #expect(Timestamp(seconds: 1, nanoseconds: 9) < Timestamp(seconds: 2, nanoseconds: 0))
  }
}
