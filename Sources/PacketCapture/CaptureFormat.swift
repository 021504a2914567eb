/// The container format of a capture file that was read.
public enum CaptureFormat: Hashable, Sendable {
  /// Classic libpcap: `nanosecond` for magic 0xa1b23c4d (else microseconds),
  /// `bigEndian` when the header was written big-endian.
  case pcap(nanosecond: Bool, bigEndian: Bool)
  /// pcapng; each section carries its own byte order.
  case pcapng
}
