#if canImport(Glibc)
  import Glibc
#endif

/// Groups found by a key of bytes, without allocating per lookup: the
/// keys are laid end to end in one array, and an open-addressing table
/// of group numbers finds them by hash. Only a new group grows it.
struct GroupTable {
  /// Every group's key, one after the other.
  private(set) var keys: [UInt8] = []
  /// Where each group's key ends in `keys` (it starts where the one before ends).
  private var ends: [Int] = []
  private var hashes: [UInt64] = []
  /// Group number + 1 by hash, 0 for an empty slot; a power of two long,
  /// at most half full.
  private var slots = [Int32](repeating: 0, count: 64)

  var count: Int { ends.count }

  /// The key of group `group`.
  func key(_ group: Int) -> ArraySlice<UInt8> {
    keys[(group == 0 ? 0 : ends[group - 1])..<ends[group]]
  }

  /// The group of `key`, added when there is none yet; `isNew` tells which.
  mutating func group(for key: ArraySlice<UInt8>) -> (group: Int, isNew: Bool) {
    let hash = GroupTable.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      let group = Int(slots[slot]) - 1
      if hashes[group] == hash && holds(group, key) { return (group, false) }
      slot = (slot + 1) & mask
    }
    let group = ends.count
    keys.append(contentsOf: key)
    ends.append(keys.count)
    hashes.append(hash)
    slots[slot] = Int32(truncatingIfNeeded: group + 1)
    if ends.count * 2 > slots.count { grow() }
    return (group, true)
  }

  /// Whether group `group`'s key is `key`.
  private func holds(_ group: Int, _ key: ArraySlice<UInt8>) -> Bool {
    let start = group == 0 ? 0 : ends[group - 1]
    guard ends[group] - start == key.count else { return false }
    return keys.withUnsafeBytes { keys in
      key.withUnsafeBytes { key in key.isEmpty || memcmp(keys.baseAddress! + start, key.baseAddress!, key.count) == 0 }
    }
  }

  private mutating func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (group, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(truncatingIfNeeded: group + 1)
    }
  }

  /// Eight bytes at a time (then the rest one by one), each mixed in by a
  /// multiply and a fold, then a final mix so that the low bits (the slot)
  /// depend on every byte.
  private static func hash(_ key: ArraySlice<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(key.count)
    key.withUnsafeBytes { key in
      var i = 0
      while i + 8 <= key.count {
        h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
        h ^= h >> 32
        i += 8
      }
      while i < key.count {
        h = (h ^ UInt64(key[i])) &* 0x100_0000_01b3
        i += 1
      }
    }
    h ^= h >> 29
    h = h &* 0xbf58_476d_1ce4_e5b9
    return h ^ (h >> 32)
  }
}
