import PacketDissection

/// What an expression yields, for type checking.
public enum ValueType: Sendable, Equatable, CustomStringConvertible {
  case integer, boolean, ipv4, ipv6, ether, bytes, string, absoluteTime, relativeTime
  /// A protocol: testable for presence; its bytes can be sliced.
  case protocolItem
  /// A label with no value: presence only.
  case label
  /// A number with three decimals, held as an integer of thousandths:
  /// what `stats avg(E)` gives (`let mean = stats avg(frame.len)`). It
  /// compares with decimal literals (`mean > 60.5`), not in arithmetic.
  case decimal

  init(_ kind: FieldKind) {
    switch kind {
    case .protocolItem: self = .protocolItem
    case .label: self = .label
    case .uint, .int, .frameNumber: self = .integer
    case .boolean: self = .boolean
    case .ipv4: self = .ipv4
    case .ipv6: self = .ipv6
    case .ether: self = .ether
    case .bytes: self = .bytes
    case .string: self = .string
    case .absoluteTime: self = .absoluteTime
    case .relativeTime: self = .relativeTime
    }
  }

  public var description: String {
    switch self {
    case .integer: "an integer"
    case .boolean: "a boolean"
    case .ipv4: "an IPv4 address"
    case .ipv6: "an IPv6 address"
    case .ether: "an Ethernet address"
    case .bytes: "a byte string"
    case .string: "a string"
    case .absoluteTime: "an absolute time"
    case .relativeTime: "a time offset"
    case .protocolItem: "a protocol"
    case .label: "a label"
    case .decimal: "a decimal number"
    }
  }

  var isNumeric: Bool { self == .integer || self == .boolean }
  /// Numbers and times: no bytes to slice or measure (tshark 4.0).
  var isNumber: Bool { isNumeric || self == .relativeTime || self == .absoluteTime }
  /// Kinds whose values are byte sequences (compare, slice, contains).
  var isByteLike: Bool { self == .bytes || self == .string || self == .protocolItem || self == .ether }
}
