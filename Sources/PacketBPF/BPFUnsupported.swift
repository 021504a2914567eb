import PacketLanguage

/// Why a filter cannot become a BPF program, and the part of it that
/// cannot (the whole filter when it is too long, or for a link type
/// without a translation).
public struct BPFUnsupported: Error, Sendable, CustomStringConvertible {
  public let reason: String
  public let location: SourceLocation

  public init(_ reason: String, at location: SourceLocation) {
    self.reason = reason
    self.location = location
  }

  public var description: String { reason }
}
