import PacketWire

/// A packet that owns its bytes, ready to be written.
public struct OwnedPacket: Hashable, Sendable {
  /// Written as is; a packet read without a timestamp (a pcapng Simple
  /// Packet Block) carries zero and is written with time zero.
  public var timestamp: Timestamp
  public var capturedBytes: [UInt8]
  public var originalLength: Int
  /// Index into the `interfaces` given to `CaptureWriter.write`; nil picks
  /// the first interface with the packet's link type.
  public var interfaceIndex: Int?
  public var linkType: LinkType
  /// pcapng `opt_comment`s; pcap has nowhere to keep them.
  public var comments: [String]

  public init(
    timestamp: Timestamp, capturedBytes: [UInt8], originalLength: Int? = nil,
    interfaceIndex: Int? = nil, linkType: LinkType, comments: [String] = []
  ) {
    self.timestamp = timestamp
    self.capturedBytes = capturedBytes
    self.originalLength = originalLength ?? capturedBytes.count
    self.interfaceIndex = interfaceIndex
    self.linkType = linkType
    self.comments = comments
  }

  /// Lends the packet to `body` as record `number` (1-based), the form the
  /// dissector reads: for packets that are not in a file yet, such as
  /// those of a live capture. The record's bytes are valid only inside `body`.
  public func withRecord<R>(number: Int, _ body: (PacketRecord) throws -> R) rethrows -> R {
    try capturedBytes.withUnsafeBytes { raw in
      try body(
        PacketRecord(
          number: number, timestamp: timestamp, hasTimestamp: true, capturedLength: raw.count,
          originalLength: originalLength, interfaceIndex: interfaceIndex, linkType: linkType,
          comments: comments, bytes: ByteView(raw)))
    }
  }

  /// Copies a packet out of a capture file.
  public init(_ record: PacketRecord) {
    self.init(
      timestamp: record.timestamp, capturedBytes: record.bytes.copyBytes(),
      originalLength: record.originalLength, interfaceIndex: record.interfaceIndex,
      linkType: record.linkType, comments: record.comments)
  }
}
