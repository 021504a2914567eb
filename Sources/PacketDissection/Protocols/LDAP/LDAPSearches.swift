/// What LDAP's Info column remembers from earlier packets, as tshark does:
/// how many entries each search (by TCP stream and message ID) has
/// returned so far, for its searchResDone's `[N results]`. Bounded: past
/// `capacity` searches the table starts over.
final class LDAPSearches {
  struct Search: Hashable {
    let stream: UInt64
    let messageID: UInt64
  }

  static let capacity = 4096
  private var entries: [Search: Int] = [:]

  func requested(_ search: Search) {
    if entries.count >= Self.capacity { entries.removeAll() }
    entries[search] = 0
  }

  func entryReturned(_ search: Search) {
    if entries[search] == nil, entries.count >= Self.capacity { entries.removeAll() }
    entries[search, default: 0] += 1
  }

  func results(_ search: Search) -> Int { entries[search] ?? 0 }
}
