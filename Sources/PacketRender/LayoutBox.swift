import PacketDissection

/// One box of a layout diagram: a field, a gap no field claims, or a
/// variable part, with the bits it owns.
public struct LayoutBox: Sendable, Equatable {
  /// The field's filter name; nil for gaps and variable parts.
  public var name: String?
  /// What the box says: the field's label, or the variable part's name.
  public var label: String
  /// The short name for a box too narrow for `label` (`PSH`, `DSCP`).
  public var abbreviation: String
  /// This packet's value, in `layout PROTO N`.
  public var value: String?
  /// The bits the box owns, counted from the first bit of the layer (bit
  /// 0 is the most significant bit of byte 0), in ascending runs: a field
  /// with sub-fields inside it (`eth.dst` around its LG and IG bits) owns
  /// the bits on either side of them.
  public var bits: [Range<Int>]
  /// Drawn as the RFCs draw a part of variable length (`:` at its sides),
  /// as are values too long to draw in full.
  public var variable: Bool

  public init(
    name: String?, label: String, abbreviation: String? = nil, value: String? = nil, bits: [Range<Int>],
    variable: Bool = false
  ) {
    self.name = name
    self.label = label
    self.abbreviation = abbreviation ?? LayoutBox.abbreviation(name: name, label: label)
    self.value = value
    self.bits = bits
    self.variable = variable
  }

  /// The last part of the filter name, upper-cased (`tcp.flags.syn` →
  /// `SYN`), as people name header bits; the label's initials when that
  /// is long; the label itself for boxes without a field.
  static func abbreviation(name: String?, label: String) -> String {
    guard let name, let last = name.split(separator: ".").last else { return label }
    let suffix = last.uppercased()
    let initials = String(label.split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap(\.first)).uppercased()
    return suffix.count <= 5 || initials.count < 2 ? suffix : initials
  }
}

/// The narrowest-first partition of bits among overlapping candidates.
enum BitPartition {
  /// The owner of each of `count` bits: the index of the narrowest
  /// candidate range covering it (the first on a tie), or nil.
  ///
  /// A byte and its sub-fields (`ip.dsfield` and its DSCP and ECN bits,
  /// `tcp.flags` and each flag) are both declared; the diagram draws the
  /// finest partition, as the RFCs do.
  static func owners(_ ranges: [Range<Int>], count: Int) -> [Int?] {
    var owner = [Int?](repeating: nil, count: count)
    for (index, range) in ranges.enumerated() {
      for bit in range.clamped(to: 0..<count) {
        if let current = owner[bit], ranges[current].count <= range.count { continue }
        owner[bit] = index
      }
    }
    return owner
  }

  /// The runs of equal owners, in bit order.
  static func runs(_ owner: [Int?]) -> [(owner: Int?, bits: Range<Int>)] {
    var runs: [(owner: Int?, bits: Range<Int>)] = []
    guard !owner.isEmpty else { return runs }
    var start = 0
    for bit in 1...owner.count where bit == owner.count || owner[bit] != owner[start] {
      runs.append((owner[start], start..<bit))
      start = bit
    }
    return runs
  }
}
