import PacketDissection

/// A filter checked and compiled once, ready to test packet after packet.
///
/// `fields` and `deepest` tell the dissector what to do for it: record only
/// those fields, and stop below the deepest protocol they belong to.
public struct CompiledFilter: @unchecked Sendable {
  public let fields: [FieldID]
  public let deepest: LayerLevel
  let test: (Dissection) -> Bool

  /// True when the dissected packet passes the filter.
  @inline(__always) public func matches(_ dissection: Dissection) -> Bool { test(dissection) }

  /// A filter that passes every packet.
  public static let all = CompiledFilter(fields: [], deepest: .frame, test: { _ in true })

  /// Both filters must pass.
  public func and(_ other: CompiledFilter) -> CompiledFilter {
    let (a, b) = (test, other.test)
    return CompiledFilter(
      fields: Array(Set(fields + other.fields)).sorted(), deepest: max(deepest, other.deepest),
      test: { a($0) && b($0) })
  }
}
