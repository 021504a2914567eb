/// The share each tree id names, as tshark's SMB2 dissector remembers it:
/// a Tree Connect request's share is kept until its response gives the
/// tree id; from then on every message of that session and tree id shows
/// the share as `smb2.tree` (the response itself does not: tshark reads
/// the header before the body). Bounded: past `capacity` entries a table
/// starts over.
final class SMB2Trees {
  struct Tree: Hashable {
    let session: UInt64
    let id: UInt64
  }

  static let capacity = 4096
  private var requested: [SMB2Files.Request: String] = [:]
  private var shares: [Tree: String] = [:]

  func share(of tree: Tree) -> String? { shares[tree] }

  func connecting(_ share: String, by request: SMB2Files.Request) {
    if requested.count >= Self.capacity { requested.removeAll() }
    requested[request] = share
  }

  /// The successful response to `request` names its share's tree id.
  func connected(_ tree: Tree, answering request: SMB2Files.Request) {
    guard let share = requested.removeValue(forKey: request) else { return }
    if shares.count >= Self.capacity { shares.removeAll() }
    shares[tree] = share
  }
}
