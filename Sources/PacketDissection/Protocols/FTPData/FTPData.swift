/// FTP's data connections, as Wireshark 4.0 dissects them: found by the
/// data channel a PORT request or a PASV or EPSV reply on the control
/// connection announced (`FTPDataChannels`), before the ports are looked
/// at, or by port 20. The layer shows where and how the connection was
/// set up, the command it answers and the working directory then; text
/// (its first 20 bytes printable or line ends) goes on as lines.
enum FTPData: UInt8, ProtocolModule {
  case item, setupFrame, setupMethod, command, commandFrame, workingDirectory

  static var protocolID: ProtocolID { .ftpData }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.tcpPort, 20)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ftp-data", "FTP Data")
    case .setupFrame: .loose("ftp-data.setup-frame", "Setup frame", .frameNumber)
    case .setupMethod: .loose("ftp-data.setup-method", "Setup method", .string)
    case .command: .loose("ftp-data.command", "Command", .string)
    case .commandFrame: .loose("ftp-data.command-frame", "Command frame", .frameNumber)
    case .workingDirectory: .loose("ftp-data.current-working-directory", "Current working directory", .string)
    }
  }

  /// The announced channel a segment between these endpoints belongs to;
  /// the first segment of a channel whose peer port was open fixes it.
  static func channel(_ state: DissectionState, sourcePort: UInt32, destinationPort: UInt32) -> FTPDataChannel? {
    guard !state.ftpDataChannels.isEmpty else { return nil }
    return state.ftpDataChannels.find(
      source: state.networkSource, UInt16(truncatingIfNeeded: sourcePort),
      destination: state.networkDestination, UInt16(truncatingIfNeeded: destinationPort))
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    // Wireshark shows these beside the protocol's item, not under it.
    if let (source, destination) = TCPSegment.ports(c),
      let channel = channel(c.state, sourcePort: UInt32(source), destinationPort: UInt32(destination))
    {
      c.generated(setupFrame, value: UInt64(channel.setupFrame), depth: 0)
      c.computed(setupMethod, at: 0, 0, bytes: Array(channel.method.utf8), depth: 0, flags: .generated)
      if let command = channel.command {
        c.computed(self.command, at: 0, 0, bytes: HTTP.asciiText(command), depth: 0, flags: .generated)
        // The one item tshark does not mark generated.
        try c.add(commandFrame, at: 0, 0, value: UInt64(channel.commandFrame), depth: 0)
      }
      c.computed(workingDirectory, at: 0, 0, bytes: HTTP.asciiText(channel.workingDirectory), depth: 0, flags: .generated)
    } else if let stream = TCPSegment.stream(c) {
      // Found by port: the setup frame is where TCP's conversation began.
      c.generated(setupFrame, value: UInt64(stream.firstFrame), depth: 0)
    }
    let bytes = c.bytes
    let checked = min(20, c.capturedLength)
    var isText = true
    for i in 0..<checked {
      let b = bytes.byte(i)
      if b != 0x0d && b != 0x0a && !(b >= 0x20 && b < 0x7f) {
        isText = false
        break
      }
    }
    return isText ? .layer(.dataTextLines, at: c.start, end: c.end) : .stop
  }
}
