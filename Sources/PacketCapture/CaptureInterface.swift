/// What a capture says about one interface: a pcapng Interface Description
/// Block, or the file header of a pcap file (which describes one interface).
public struct CaptureInterface: Hashable, Sendable {
  public var linkType: LinkType
  /// Longest packet prefix the capture kept; 0 means no limit (pcapng).
  public var snapLength: UInt32
  /// `if_name` (pcapng option 2).
  public var name: String?
  /// `if_description` (pcapng option 3).
  public var description: String?
  /// `if_tsresol`: the unit of this interface's timestamps in the file.
  public var timestampResolution: TimestampResolution
  /// `if_tsoffset`: seconds added to every timestamp of this interface.
  public var timestampOffset: Int64
  /// 0-based number of the pcapng section that declared the interface
  /// (always 0 for pcap). pcapng numbers interfaces per section; the
  /// section lets a caller recover that local number from a global index.
  public var section: Int

  public init(
    linkType: LinkType, snapLength: UInt32 = 0, name: String? = nil, description: String? = nil,
    timestampResolution: TimestampResolution = .microseconds, timestampOffset: Int64 = 0,
    section: Int = 0
  ) {
    self.linkType = linkType
    self.snapLength = snapLength
    self.name = name
    self.description = description
    self.timestampResolution = timestampResolution
    self.timestampOffset = timestampOffset
    self.section = section
  }
}
