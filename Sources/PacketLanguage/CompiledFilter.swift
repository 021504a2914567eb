import PacketDissection

/// A filter checked and compiled once, ready to test packet after packet.
///
/// `fields` and `deepest` tell the dissector what to do for it: record only
/// those fields, and stop below the deepest protocol they belong to. The
/// checked form stays with it, so that other back ends (classic BPF)
/// translate the same filter without checking it again.
public struct CompiledFilter: @unchecked Sendable {
  public let fields: [FieldID]
  public let deepest: LayerLevel
  public let checked: CheckedTest
  let test: (Dissection) -> Bool

  /// Compiles a checked filter to closures.
  public init(_ checked: CheckedTest) {
    var compiler = ClosureCompiler()
    test = compiler.test(checked)
    fields = compiler.used.sorted()
    deepest = deepestLevel(for: fields)
    self.checked = checked
  }

  /// Checks `expr` with `checker` and compiles it.
  public init(_ expr: Expr, checker: Checker = Checker()) throws(LanguageError) {
    self.init(try checker.test(expr))
  }

  /// True when the dissected packet passes the filter.
  @inline(__always) public func matches(_ dissection: Dissection) -> Bool { test(dissection) }
}
