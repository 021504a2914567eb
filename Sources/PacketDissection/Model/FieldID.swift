/// A field's identity: its protocol in the high byte, its index in that
/// protocol's declaration list in the low byte. Cheap to store and compare.
public struct FieldID: Hashable, Sendable, Comparable {
  public let raw: UInt16

  @inlinable public init(raw: UInt16) { self.raw = raw }
  @inlinable public init(_ proto: ProtocolID, _ index: Int) {
    raw = UInt16(proto.rawValue) << 8 | UInt16(truncatingIfNeeded: index)
  }

  @inlinable public var protocolID: ProtocolID { ProtocolID(rawValue: UInt8(raw >> 8))! }
  @inlinable public var index: Int { Int(raw & 0xff) }
  public var decl: FieldDecl { Registry.protocols[Int(raw >> 8)].fields[index] }

  public static func < (a: FieldID, b: FieldID) -> Bool { a.raw < b.raw }
}

/// A set of fields, as a fixed bitmap: used to record only what a filter reads.
public struct FieldIDSet: Sendable, Equatable {
  @usableFromInline var words: [UInt64]

  /// 256 possible fields per protocol, 64 per word.
  static let wordCount = ProtocolID.allCases.count * 4

  public init() { words = Array(repeating: 0, count: FieldIDSet.wordCount) }

  public init(_ ids: some Sequence<FieldID>) {
    self.init()
    for id in ids { insert(id) }
  }

  public mutating func insert(_ id: FieldID) {
    words[Int(id.raw >> 6)] |= 1 << UInt64(id.raw & 63)
  }

  @inlinable @inline(__always) public func contains(_ id: FieldID) -> Bool {
    words[Int(id.raw >> 6)] & (1 << UInt64(id.raw & 63)) != 0
  }
}
