/// Names for the values of an integer field, as Wireshark's `value_string`
/// gives them (`ip.proto` 6 is `TCP`). Declared with the field; the names
/// themselves live in the protocol's folder.
public struct ValueNames: Sendable {
  private let lookup: @Sendable (UInt64) -> String?
  /// Whether the names are short enough for a layout diagram's boxes,
  /// which then write them after the value (`2 (MSS)`).
  public let fitLayoutBoxes: Bool

  init(_ lookup: @escaping @Sendable (UInt64) -> String?, fitLayoutBoxes: Bool = false) {
    self.lookup = lookup
    self.fitLayoutBoxes = fitLayoutBoxes
  }

  /// The name of `value`; nil when it has none.
  public func name(_ value: UInt64) -> String? { lookup(value) }
}
