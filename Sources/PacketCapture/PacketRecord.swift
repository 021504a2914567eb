import PacketWire

/// One packet as stored: header facts plus a borrowed view of the captured
/// bytes.
///
/// `bytes` points into the capture file's mapping: it is valid only while
/// the `CaptureFile` is alive and only inside the closure that received the
/// record. Copy it (`OwnedPacket(record)`, `bytes.copyBytes()`) to keep it.
public struct PacketRecord {
  /// 1-based frame number, as Wireshark counts.
  public var number: Int
  /// Zero when `hasTimestamp` is false.
  public var timestamp: Timestamp
  /// False for pcapng Simple Packet Blocks, which carry no time (tshark
  /// shows no `frame.time_epoch` for them).
  public var hasTimestamp: Bool
  public var capturedLength: Int
  /// Length of the packet on the wire; larger than `capturedLength` when
  /// the capture kept only a prefix.
  public var originalLength: Int
  /// Global index into `CaptureFile.interfaces` (numbered across all
  /// sections in file order). Nil for pcap files, which name no interface:
  /// tshark leaves `frame.interface_id` empty for them too.
  public var interfaceIndex: Int?
  public var linkType: LinkType
  /// The packet's pcapng `opt_comment` options; empty for pcap.
  public var comments: [String]
  public var bytes: ByteView
  /// The time as Wireshark holds it, when that differs from `timestamp`:
  /// a pcap record whose fraction field is a second or more (`NSTime`).
  public var unnormalisedTime: NSTime? = nil
}
