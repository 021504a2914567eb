/// A table of values by key that holds at most `capacity` keys: when a new
/// key would pass it, the oldest half of the keys (by first insertion) is
/// forgotten. Replacing a known key's value does not make it younger. What
/// a protocol remembers across packets (calls awaiting replies, requests by
/// tag) stays bounded this way whatever the capture holds.
struct OldestHalfForgottenTable<Key: Hashable, Value> {
  let capacity: Int
  private var values: [Key: Value] = [:]
  private var order: [Key] = []

  init(capacity: Int) { self.capacity = capacity }

  var isEmpty: Bool { values.isEmpty }

  subscript(key: Key) -> Value? { values[key] }

  mutating func set(_ key: Key, _ value: Value) {
    if values[key] == nil {
      if order.count >= capacity {
        for old in order.prefix(capacity / 2) { values[old] = nil }
        order.removeFirst(capacity / 2)
      }
      order.append(key)
    }
    values[key] = value
  }
}
