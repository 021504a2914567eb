/// A time as Wireshark holds it (its `nstime_t`): seconds, and nanoseconds
/// in a signed 32-bit integer that need not lie below a second.
///
/// Wireshark reads a pcap record's fraction field into that integer as it
/// is (microseconds times 1,000, wrapping at 32 bits), so a fraction of a
/// second or more, seen in fuzzed files, is not carried into the seconds;
/// it subtracts and prints such times as they are (`.1000000000`). pktsh
/// normalises every `Timestamp`, and keeps this form beside it only for
/// such records (`PacketRecord.unnormalisedTime`), to show them as tshark
/// does.
public struct NSTime: Equatable, Sendable {
  public var seconds: Int64
  public var nanoseconds: Int32

  public init(seconds: Int64, nanoseconds: Int32) {
    self.seconds = seconds
    self.nanoseconds = nanoseconds
  }

  /// A normalised time, whose nanoseconds always fit.
  public init(_ timestamp: Timestamp) {
    self.init(seconds: timestamp.seconds, nanoseconds: Int32(truncatingIfNeeded: timestamp.nanoseconds))
  }

  /// A time of `nanoseconds` since the epoch, normalised.
  public init(nanosecondsSinceEpoch: Int64) {
    self.init(Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch))
  }

  /// The time as one count of nanoseconds (wrapping at the `Int64` limits).
  public var totalNanoseconds: Int64 { seconds &* 1_000_000_000 &+ Int64(nanoseconds) }

  /// The time from `earlier` to this one as Wireshark's `nstime_delta`
  /// computes it: the two parts apart, the nanoseconds moved by one second
  /// to share the seconds' sign (32-bit nanosecond sums wrap, as in C).
  public func since(_ earlier: NSTime) -> NSTime {
    var seconds = self.seconds &- earlier.seconds
    var nanoseconds = self.nanoseconds &- earlier.nanoseconds
    if self.seconds < earlier.seconds, nanoseconds > 0 {
      nanoseconds &-= 1_000_000_000
      seconds &+= 1
    } else if self.seconds > earlier.seconds, nanoseconds < 0 {
      nanoseconds &+= 1_000_000_000
      seconds &-= 1
    }
    return NSTime(seconds: seconds, nanoseconds: nanoseconds)
  }
}
