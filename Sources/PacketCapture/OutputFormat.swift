/// The container a `CaptureWriter` writes.
public enum OutputFormat: Hashable, Sendable {
  /// libpcap with nanosecond timestamps (magic 0xa1b23c4d, little-endian):
  /// one link type, no comments, no interface names.
  case pcap
  /// pcapng with one section, nanosecond timestamps and packet comments.
  case pcapng

  /// pcapng for paths ending in `.pcapng` or `.ntar` (any case), else pcap.
  public static func forPath(_ path: String) -> OutputFormat {
    let name = path.lowercased()
    return name.hasSuffix(".pcapng") || name.hasSuffix(".ntar") ? .pcapng : .pcap
  }
}
