/// What a filter can still be for an IPv4 fragment. The dissector gives
/// a fragment to the defragmenter and dissects the layers above only at
/// the fragment that completes the datagram, so a program cannot read
/// them; but a fragment whose header already makes the filter false, for
/// whatever the datagram holds, is `no` without dissection.
///
/// Only the fields every fragment of a datagram shares are read: the
/// addresses, the identification and the protocol, the defragmenter's
/// key. So a datagram's fragments are all `no` or none is, and a fragment
/// the program skips is never one that another, dissected, needs.
extension Check {
  /// A formula that is false only when the filter is false for every
  /// packet of `shape` with those fields; anything else it reads counts
  /// as possibly true, and possibly false.
  func possible(inFragment shape: Shape) -> Predicate { possible(shape, negated: false) }

  private func possible(_ shape: Shape, negated: Bool) -> Predicate {
    switch self {
    case .and(let operands):
      let parts = operands.map { $0.possible(shape, negated: negated) }
      return negated ? .any(parts) : .all(parts)
    case .or(let operands):
      let parts = operands.map { $0.possible(shape, negated: negated) }
      return negated ? .all(parts) : .any(parts)
    case .not(let a):
      return a.possible(shape, negated: !negated)
    case .xor, .present, .nonzero, .compare, .member:
      guard subjects.allSatisfy(\.isSharedByFragments) else { return .yes }
      let exact = predicate(in: shape)
      return negated ? .negation(exact) : exact
    }
  }
}

extension Subject {
  /// The IPv4 layer itself, or a field of its header that every fragment
  /// of a datagram has the same (`ip.src`, `ip.dst`, `ip.addr`, `ip.id`, `ip.proto`).
  var isSharedByFragments: Bool {
    guard layer == .ipv4 else { return false }
    guard let field else { return true }
    return field.spots.allSatisfy { spot in
      spot.layer == .ipv4 && spot.operations.isEmpty && spot.condition == nil
        && [(4, 2), (9, 1), (12, 4), (16, 4)].contains { $0 == (spot.offset, spot.size) }
    }
  }
}
