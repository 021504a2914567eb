/// A data connection an FTP control connection announced, as Wireshark
/// 4.0 keeps it: a conversation from one endpoint (address and port) to
/// another address, whose port is open until the first segment between
/// them fixes it. A class, so that the control connection that set it up
/// fills in the command answered on it later.
final class FTPDataChannel {
  /// The frame of the PORT request or PASV/EPSV reply.
  let setupFrame: Int
  /// `PORT`, `PASV` or `EPASV`, as tshark names the way it was set up.
  let method: String
  let address: NetworkAddress
  let port: UInt16
  let peer: NetworkAddress
  /// The peer's port: nil until a segment between the two fixes it.
  var peerPort: UInt16?
  /// The first request line after the setup, and its frame.
  var command: [UInt8]?
  var commandFrame = 0
  /// The control connection's working directory when the channel was set up.
  let workingDirectory: [UInt8]

  init(setupFrame: Int, method: String, address: NetworkAddress, port: UInt16, peer: NetworkAddress, workingDirectory: [UInt8]) {
    self.setupFrame = setupFrame
    self.method = method
    self.address = address
    self.port = port
    self.peer = peer
    self.workingDirectory = workingDirectory
  }
}

/// The data connections FTP announced in a capture, newest last; bounded,
/// the oldest forgotten first.
struct FTPDataChannels {
  static let limit = 1024
  private(set) var channels: [FTPDataChannel] = []

  var isEmpty: Bool { channels.isEmpty }

  mutating func add(_ channel: FTPDataChannel) {
    if channels.count == Self.limit { channels.removeFirst() }
    channels.append(channel)
  }

  /// The channel a TCP segment belongs to, found as Wireshark's
  /// `find_conversation` finds one: a channel whose both ports are known
  /// first, then one whose peer port is open, which that segment then fixes;
  /// the newest first, in either direction.
  func find(
    source: NetworkAddress, _ sourcePort: UInt16, destination: NetworkAddress, _ destinationPort: UInt16
  ) -> FTPDataChannel? {
    for channel in channels.reversed() {
      guard let peerPort = channel.peerPort else { continue }
      if channel.address == source && channel.port == sourcePort && channel.peer == destination && peerPort == destinationPort
        || channel.address == destination && channel.port == destinationPort && channel.peer == source && peerPort == sourcePort
      {
        return channel
      }
    }
    for channel in channels.reversed() where channel.peerPort == nil {
      if channel.address == source && channel.port == sourcePort && channel.peer == destination {
        channel.peerPort = destinationPort
        return channel
      }
      if channel.address == destination && channel.port == destinationPort && channel.peer == source {
        channel.peerPort = sourcePort
        return channel
      }
    }
    return nil
  }
}
