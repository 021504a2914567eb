/// Where one packet lives in the file and its header facts: 32 bytes, kept
/// in one flat array for the whole capture.
struct IndexEntry {
  /// File offset of the first captured byte.
  var offset: Int64
  /// Nanoseconds since the epoch (saturated at the `Int64` limits).
  var nanoseconds: Int64
  var capturedLength: UInt32
  var originalLength: UInt32
  /// Global interface index (0 for pcap, whose one interface is implicit).
  var interface: Int32
  var flags: Flags

  struct Flags: OptionSet {
    var rawValue: UInt32
    static let hasTimestamp = Flags(rawValue: 1)
  }
}

/// Everything indexing a file produces.
struct PacketIndex {
  var format: CaptureFormat
  var interfaces: [CaptureInterface] = []
  var entries: [IndexEntry] = []
  /// Comments by 0-based packet index; most packets have none.
  var comments: [Int: [String]] = [:]
  /// Why indexing stopped before the end of the file, if it did.
  var problem: String?

  init(format: CaptureFormat) { self.format = format }
}
