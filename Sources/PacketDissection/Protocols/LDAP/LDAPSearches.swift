/// What LDAP's Info column remembers from earlier packets, as tshark does:
/// one count of search entries per TCP conversation (not per search), for a
/// searchResDone's `[N results]`. An entry adds one once it is read whole; a
/// searchResDone shows the count and sets it back to 0. Bounded: past
/// `capacity` conversations the table starts over.
final class LDAPSearches {
  static let capacity = 4096
  private var entries: [UInt64: Int] = [:]

  func entryReturned(stream: UInt64) {
    if entries[stream] == nil, entries.count >= Self.capacity { entries.removeAll() }
    entries[stream, default: 0] += 1
  }

  /// The count a searchResDone shows; the conversation's count starts again.
  func searchDone(stream: UInt64) -> Int { entries.removeValue(forKey: stream) ?? 0 }
}
