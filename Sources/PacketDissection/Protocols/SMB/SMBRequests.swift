/// What SMB's Info column remembers from earlier packets, as tshark does:
/// the FID each request names (Write AndX, Close), for its response,
/// by TCP stream and multiplex ID. Bounded: past `capacity` entries the
/// table starts over.
final class SMBRequests {
  struct Request: Hashable {
    let stream: UInt64
    let multiplexID: UInt64
  }

  static let capacity = 4096
  private var fids: [Request: UInt16] = [:]

  func named(_ fid: UInt16, by request: Request) {
    if fids.count >= Self.capacity { fids.removeAll() }
    fids[request] = fid
  }

  func fid(answering request: Request) -> UInt16? { fids[request] }
}
