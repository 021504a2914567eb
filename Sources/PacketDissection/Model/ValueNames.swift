/// Names for the values of an integer field, as Wireshark's `value_string`
/// gives them (`ip.proto` 6 is `TCP`). Declared with the field; the names
/// themselves live in the protocol's folder.
public struct ValueNames: Sendable {
  private let lookup: @Sendable (UInt64) -> String?
  /// Whether the names are short enough for a layout diagram's boxes,
  /// which then write them after the value (`2 (MSS)`).
  public let fitLayoutBoxes: Bool
  /// Whether the tree shows the name alone (`Unverified`), as Wireshark
  /// does for fields displayed with BASE_NONE, rather than the name and
  /// the number (`TCP (6)`).
  public let nameAlone: Bool
  /// Whether each name is the value in decimal and ` bytes` (`20 bytes`),
  /// which the tree writes without making the String.
  public let countsBytes: Bool

  init(
    _ lookup: @escaping @Sendable (UInt64) -> String?, fitLayoutBoxes: Bool = false, nameAlone: Bool = false,
    countsBytes: Bool = false
  ) {
    self.lookup = lookup
    self.fitLayoutBoxes = fitLayoutBoxes
    self.nameAlone = nameAlone
    self.countsBytes = countsBytes
  }

  /// The name of `value`; nil when it has none.
  public func name(_ value: UInt64) -> String? { lookup(value) }
}

extension ValueNames {
  /// A checksum's verification status, shared by every protocol that has
  /// one (Wireshark's `proto_checksum_vals`).
  static let checksumStatus = ValueNames(
    { status in
      switch status {
      case 0: "Bad"
      case 1: "Good"
      case 2: "Unverified"
      case 3: "Not present"
      case 4: "Illegal"
      default: nil
      }
    }, nameAlone: true)

  /// A flag Wireshark shows as `Yes` or `No`.
  static let yesNo = ValueNames { $0 != 0 ? "Yes" : "No" }

  /// A flag with words of its own for set and not set (Wireshark's
  /// `true_false_string`); a filter compares the flag with these words.
  static func flagLabels(set: String, notSet: String) -> ValueNames {
    ValueNames { $0 != 0 ? set : notSet }
  }

  /// A header length kept in bytes, shown with its unit (`20 bytes`).
  static let byteCount = ValueNames({ "\($0) bytes" }, countsBytes: true)
}
