import PacketDissection

/// A filter checked and compiled once, ready to test packet after packet.
///
/// `fields` and `deepest` tell the dissector what to do for it: record only
/// those fields, and stop below the deepest protocol they belong to. The
/// expression and the `let` names it was checked with stay with it, so
/// that other back ends (classic BPF) can translate the same filter.
public struct CompiledFilter: @unchecked Sendable {
  public let fields: [FieldID]
  public let deepest: LayerLevel
  public let expression: Expr
  public let bindings: [String: Expr]
  let test: (Dissection) -> Bool

  /// True when the dissected packet passes the filter.
  @inline(__always) public func matches(_ dissection: Dissection) -> Bool { test(dissection) }
}
