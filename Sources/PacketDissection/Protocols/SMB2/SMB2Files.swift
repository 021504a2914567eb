import PacketWire

/// What SMB2's Info column remembers from earlier packets, as tshark does:
/// the file each Create request names, until its response gives the file
/// id, then the name of each file id; the pattern of each Find request
/// for its response. Bounded: past `capacity` entries a table starts over.
final class SMB2Files {
  struct FileID: Hashable {
    let persistent: UInt64
    let volatile: UInt64
  }

  struct Request: Hashable {
    let session: UInt64
    let message: UInt64
  }

  static let capacity = 4096
  private var createNames: [Request: String] = [:]
  private var fileNames: [FileID: String] = [:]
  private var findPatterns: [Request: String] = [:]

  func created(_ name: String, by request: Request) {
    if createNames.count >= Self.capacity { createNames.removeAll() }
    createNames[request] = name
  }

  /// The name the Create request answered by `request` gave, now known
  /// by `id`.
  func opened(_ id: FileID, answering request: Request) -> String? {
    guard let name = createNames[request] else { return nil }
    if fileNames.count >= Self.capacity { fileNames.removeAll() }
    fileNames[id] = name
    return name
  }

  func name(of id: FileID) -> String? { fileNames[id] }

  func searched(_ text: String, by request: Request) {
    if findPatterns.count >= Self.capacity { findPatterns.removeAll() }
    findPatterns[request] = text
  }

  func search(answered request: Request) -> String? { findPatterns[request] }
}
