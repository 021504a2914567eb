/// One occurrence of a field in a dissected packet. 24 bytes, no references.
///
/// Integer fields carry their value (already masked and shifted) in
/// `value`. Addresses, bytes and strings are read back from the packet at
/// `offset..<offset+length`, or from the dissection's arena when the value
/// was computed (a decompressed DNS name): then `flags` has `.inArena` and
/// `value` packs the arena offset (high 32 bits) and length (low 32 bits).
public struct FieldRecord: Sendable {
  public var field: FieldID
  /// Nesting in the tree: 0 for a protocol item, 1 for its fields, 2 for
  /// the bits of a flags field, and so on (embedded layers add to it).
  public var depth: UInt8
  public var flags: Flags
  /// Byte range in the packet (absolute); `length` 0 for generated fields.
  public var offset: Int32
  public var length: Int32
  public var value: UInt64

  /// The flags are computed properties, inlined where they are tested:
  /// a stored `static let` in another module cost a call and a lazy
  /// initialisation check on every record the tree writes.
  public struct Flags: OptionSet, Sendable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Computed by the dissector rather than read from the bytes
    /// (Wireshark shows these in brackets).
    @inlinable public static var generated: Flags { Flags(rawValue: 1) }
    /// Not shown in the tree, only filterable (`ip.addr`, `tcp.port`).
    @inlinable public static var hidden: Flags { Flags(rawValue: 2) }
    /// The value bytes live in the dissection's arena.
    @inlinable public static var inArena: Flags { Flags(rawValue: 4) }
    /// A byte field the dissector added over no bytes at all (an option
    /// with an empty value): tshark prints `<MISSING>` rather than `<none>`.
    /// On a time, an all-zero NTP timestamp, which tshark prints `NULL`.
    @inlinable public static var missing: Flags { Flags(rawValue: 8) }
    /// An integer read little-endian (SMB2's header): the tree reads its
    /// bits back in that order.
    @inlinable public static var littleEndian: Flags { Flags(rawValue: 16) }
    /// A generated time whose value is Wireshark's unnormalised time
    /// (`NSTime`) as one count of nanoseconds, and whose `offset` holds
    /// its nanosecond part, to print it as tshark does.
    @inlinable public static var unnormalisedTime: Flags { Flags(rawValue: 32) }
  }

  public var byteRange: Range<Int> { Int(offset)..<Int(offset) + Int(length) }
}

/// Why a layer stopped before its end.
public enum DissectionStop: Error, Sendable {
  /// A read ran past the captured bytes, but not past what was on the wire
  /// (the capture's snap length cut the packet): Wireshark's
  /// "[Packet size limited during capture]".
  case truncated
  /// A read ran past the length the packet itself declares, or a value made
  /// no sense: Wireshark's "[Malformed Packet]".
  case malformed
}

/// What a layer hands its payload to.
public enum Next: Sendable {
  /// Nothing follows.
  case stop
  /// `protocol` continues at packet offset `at` and ends at `end` (absolute).
  case layer(ProtocolID, at: Int, end: Int)
  /// Another PDU of `protocol` at `at`, found by that protocol's own loop
  /// over the bytes it was handed (Wireshark's `tcp_dissect_pdus`, which
  /// calls the PDU's dissector itself): a layer of its own in the tree,
  /// not named again in `frame.protocols`.
  case furtherPDU(ProtocolID, at: Int, end: Int)
  /// Look `key` up in `table`; unknown keys make the rest `data`.
  case dispatch(DispatchTable, key: UInt32, at: Int, end: Int)
  /// Try the lower port, then the higher one, as Wireshark does.
  case ports(DispatchTable, UInt32, UInt32, at: Int, end: Int)
  /// The rest is undissected payload.
  case data(at: Int, end: Int)
}
