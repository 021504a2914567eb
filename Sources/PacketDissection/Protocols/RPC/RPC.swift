/// ONC RPC version 2 (RFC 5531): calls and replies on UDP, and on TCP
/// behind a record mark (section 11). Found on port 111 and, as Wireshark
/// finds it, by its heuristic: a call to a program Wireshark knows, or a
/// reply whose transaction ID matches a call seen in its conversation. A
/// reply takes its program, version and procedure from that call.
///
/// As tshark with reassembly off, a segment of a connection that carried a
/// call and does not start a message is a continuation of one. The
/// segment's first message is dissected; the program's arguments or
/// results follow as the program's layer (NFS, Portmap, …).
enum RPC: UInt8, ProtocolModule {
  case item, lastFragment, fragmentLength, xid, messageType, version, program, programVersion, procedure
  case duplicate, callDuplicate, replyDuplicate, replyState, replyFrame, time, requestFrame
  case flavor, length, stamp, machineName, uid, gid
  case acceptState, rejectState, authState, versionMin, versionMax, programVersionMin, programVersionMax
  case continuationData

  static var protocolID: ProtocolID { .rpc }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 111), Binding(.tcpPort, 111)]
  static var heuristicTables: [DispatchTable] { [.udpPort, .tcpPort] }
  /// A call's header as it stands on UDP (on TCP, after the record mark).
  static let headerBits = 24 * 8
  static var variablePart: String? { "Credentials, verifier and arguments" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("rpc", "Remote Procedure Call")
    case .lastFragment:
      .loose("rpc.lastfrag", "Last Fragment", .boolean(bytes: 4), mask: 0x8000_0000, values: .yesNo)
    case .fragmentLength: .loose("rpc.fraglen", "Fragment Length", .uint(bytes: 4), mask: 0x7fff_ffff)
    case .xid: .uint("rpc.xid", "XID", at: 0, bytes: 4, base: .hexDec)
    case .messageType: .uint("rpc.msgtyp", "Message Type", at: 4, bytes: 4, values: .rpcMessageTypes)
    case .version: .uint("rpc.version", "RPC Version", at: 8, bytes: 4)
    case .program: .uint("rpc.program", "Program", at: 12, bytes: 4, values: .rpcPrograms)
    case .programVersion: .uint("rpc.programversion", "Program Version", at: 16, bytes: 4)
    case .procedure: .uint("rpc.procedure", "Procedure", at: 20, bytes: 4)
    case .duplicate: .loose("rpc.dup", "Duplicate Call/Reply", .label)
    case .callDuplicate: .loose("rpc.call.dup", "Duplicate to the call in", .frameNumber)
    case .replyDuplicate: .loose("rpc.reply.dup", "Duplicate to the reply in", .frameNumber)
    case .replyState: .loose("rpc.replystat", "Reply State", .uint(bytes: 4), values: .rpcReplyStates)
    case .replyFrame:
      .loose("rpc.repframe", "Reply Frame", .frameNumber, blurb: "In a reply: the frame of its call")
    case .time: .loose("rpc.time", "Time from request", .relativeTime)
    case .requestFrame:
      .loose("rpc.reqframe", "Request Frame", .frameNumber, blurb: "In a call seen again after its reply: the reply's frame")
    case .flavor: .loose("rpc.auth.flavor", "Flavor", .uint(bytes: 4), values: .rpcFlavors)
    case .length: .loose("rpc.auth.length", "Length", .uint(bytes: 4))
    case .stamp: .loose("rpc.auth.stamp", "Stamp", .uint(bytes: 4), base: .hex)
    case .machineName: .loose("rpc.auth.machinename", "Machine Name", .string)
    case .uid: .loose("rpc.auth.uid", "UID", .uint(bytes: 4))
    case .gid: .loose("rpc.auth.gid", "GID", .uint(bytes: 4))
    case .acceptState: .loose("rpc.state_accept", "Accept State", .uint(bytes: 4), values: .rpcAcceptStates)
    case .rejectState: .loose("rpc.state_reject", "Reject State", .uint(bytes: 4), values: .rpcRejectStates)
    case .authState: .loose("rpc.state_auth", "Auth State", .uint(bytes: 4), values: .rpcAuthStates)
    case .versionMin: .loose("rpc.version.min", "RPC Version (Minimum)", .uint(bytes: 4))
    case .versionMax: .loose("rpc.version.max", "RPC Version (Maximum)", .uint(bytes: 4))
    case .programVersionMin: .loose("rpc.programversion.min", "Program Version (Minimum)", .uint(bytes: 4))
    case .programVersionMax: .loose("rpc.programversion.max", "Program Version (Maximum)", .uint(bytes: 4))
    case .continuationData: .loose("rpc.continuation_data", "Continuation data", .bytes)
    }
  }

  static let call: UInt32 = 0
  static let reply: UInt32 = 1
  static let recordMarkLast: UInt32 = 0x8000_0000
  /// Wireshark's largest record on TCP (`max_rpc_tcp_pdu_size`).
  static let largestRecord: UInt32 = 4 * 1024 * 1024
  static let rpcsecGSS: UInt32 = 6
  static let authGSSAPI: UInt32 = 300_001
  /// An opaque body longer than this is not believed (and not read).
  static let largestOpaque = 400

  /// Whether the payload at `offset` of the transport layer `c` is an RPC
  /// message Wireshark's heuristic takes.
  static func claims(_ c: LayerCursor, at offset: Int, tcp: Bool) -> Bool {
    let start = c.start + offset
    let packet = c.packet
    var message = start
    if tcp {
      guard let mark = packet.uint32(at: start), mark & ~recordMarkLast <= largestRecord else { return false }
      message += 4
    }
    guard let kind = packet.uint32(at: message + 4) else { return false }
    let ports = transportPorts(c)
    switch kind {
    case call:
      guard packet.count >= message + 16, packet.uint32(at: message + 8) == 2,
        let program = packet.uint32(at: message + 12)
      else { return false }
      return RPCNames.programName(UInt64(program)) != nil
    case reply:
      let calls = c.state.rpcCalls
      guard !calls.isEmpty, let xid = packet.uint32(at: message), let ports else { return false }
      let key = RPCCalls.Key(xid: xid, conversation: RPCCalls.conversation(tcp: tcp, call: false, c, ports: ports))
      return calls.call(key) != nil
    default:
      return false
    }
  }

  /// Whether the TCP segment at `offset` belongs to a connection that
  /// carried a call: then RPC takes it even when it is a continuation.
  static func ownsConnection(_ c: LayerCursor) -> Bool {
    let calls = c.state.rpcCalls
    guard !calls.connections.isEmpty, let ports = transportPorts(c) else { return false }
    return calls.connections.contains(RPCCalls.conversation(tcp: true, call: true, c, ports: ports))
  }

  /// The ports of the UDP or TCP layer the cursor is on or above.
  private static func transportPorts(_ c: LayerCursor) -> (source: UInt16, destination: UInt16)? {
    let layers = c.dissection.layers
    guard let transport = layers.last(where: { $0.protocolID == .tcp || $0.protocolID == .udp }),
      let source = c.packet.uint16(at: transport.start), let destination = c.packet.uint16(at: transport.start + 2)
    else { return nil }
    return (source, destination)
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let layers = c.dissection.layers
    let tcp = layers.count >= 2 && layers[layers.count - 2].protocolID == .tcp
    guard let ports = transportPorts(c) else { return .data(at: c.start, end: c.end) }
    var base = 0
    if tcp {
      guard c.capturedLength >= 4, let mark = try? c.uint32(0), mark & ~recordMarkLast <= largestRecord,
        isMessage(c, at: 4, tcp: true, ports: ports)
      else { return continuation(&c) }
      try c.add(lastFragment, at: 0, 4, value: UInt64(mark >> 31))
      try c.add(fragmentLength, at: 0, 4, value: UInt64(mark & ~recordMarkLast))
      c.limit(to: 4 + Int(mark & ~recordMarkLast))
      base = 4
    } else if !isMessage(c, at: 0, tcp: false, ports: ports) {
      return continuation(&c)
    }
    var offset = base
    let xidValue = try c.uint32(offset)
    try c.add(xid, at: offset, 4, value: UInt64(xidValue))
    let kind = try c.uint32(offset + 4)
    try c.add(messageType, at: offset + 4, 4, value: UInt64(kind))
    offset += 8
    let calls = c.state.rpcCalls
    var message = RPCMessage()
    if kind == call {
      try c.add(version, at: offset, 4, value: UInt64(try c.uint32(offset)))
      message.program = try c.uint32(offset + 4)
      try c.add(program, at: offset + 4, 4, value: UInt64(message.program))
      message.version = try c.uint32(offset + 8)
      try c.add(programVersion, at: offset + 8, 4, value: UInt64(message.version))
      message.procedure = try c.uint32(offset + 12)
      try c.add(procedure, at: offset + 12, 4, value: UInt64(message.procedure))
      let conversation = RPCCalls.conversation(tcp: tcp, call: true, c, ports: ports)
      if tcp { calls.noteConnection(conversation) }
      let key = RPCCalls.Key(xid: xidValue, conversation: conversation)
      let frame = c.dissection.frame.number
      if let earlier = calls.call(key) {
        if earlier.frame != frame {
          c.generated(duplicate, value: 0)
          c.generated(callDuplicate, value: UInt64(earlier.frame))
        }
        if earlier.replyFrame != 0 { c.generated(requestFrame, value: UInt64(earlier.replyFrame)) }
      } else {
        calls.record(
          key,
          RPCCalls.Call(
            frame: frame, program: message.program, version: message.version, procedure: message.procedure,
            time: c.dissection.frame.time))
      }
      offset += 16
      let credentials = offset
      offset = try authentication(&c, at: offset)
      // RPCSEC_GSS and AUTH_GSSAPI wrap the arguments: not taken apart.
      let credentialFlavor = try c.uint32(credentials)
      offset = try authentication(&c, at: offset)
      if credentialFlavor == rpcsecGSS || credentialFlavor == authGSSAPI { return .stop }
    } else {
      message.isCall = false
      let key = RPCCalls.Key(xid: xidValue, conversation: RPCCalls.conversation(tcp: tcp, call: false, c, ports: ports))
      guard var matched = calls.call(key) else { return .stop }
      message.program = matched.program
      message.version = matched.version
      message.procedure = matched.procedure
      c.generated(program, value: UInt64(matched.program))
      c.generated(programVersion, value: UInt64(matched.version))
      c.generated(procedure, value: UInt64(matched.procedure))
      let state = try c.uint32(offset)
      try c.add(replyState, at: offset, 4, value: UInt64(state))
      offset += 4
      let frame = c.dissection.frame.number
      c.generated(replyFrame, value: UInt64(matched.frame))
      c.generated(time, value: UInt64(bitPattern: c.dissection.frame.time - matched.time))
      if matched.replyFrame == 0 {
        matched.replyFrame = frame
        calls.record(key, matched)
      } else if matched.replyFrame != frame {
        c.generated(duplicate, value: 0)
        c.generated(replyDuplicate, value: UInt64(matched.replyFrame))
      }
      switch state {
      case 0:
        offset = try authentication(&c, at: offset)
        let accept = try c.uint32(offset)
        try c.add(acceptState, at: offset, 4, value: UInt64(accept))
        offset += 4
        if accept == 2 {
          try c.add(programVersionMin, at: offset, 4, value: UInt64(try c.uint32(offset)))
          try c.add(programVersionMax, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)))
          offset += 8
        }
        if accept != 0 { return rest(&c, at: offset) }
      case 1:
        let reject = try c.uint32(offset)
        try c.add(rejectState, at: offset, 4, value: UInt64(reject))
        offset += 4
        if reject == 0 {
          try c.add(versionMin, at: offset, 4, value: UInt64(try c.uint32(offset)))
          try c.add(versionMax, at: offset + 4, 4, value: UInt64(try c.uint32(offset + 4)))
          offset += 8
        } else if reject == 1 {
          try c.add(authState, at: offset, 4, value: UInt64(try c.uint32(offset)))
          offset += 4
        }
        return rest(&c, at: offset)
      default:
        return rest(&c, at: offset)
      }
    }
    c.state.rpcMessage = message
    let payload = c.start + offset
    let known = RPCPrograms.module(message.program)?.protocolID
    // The program's tree item holds the version and procedure even with
    // no bytes after the header; its dissector (and its place in the
    // chain) only comes when bytes are left.
    if payload >= min(c.end, c.packet.count) || known == nil {
      RPCPrograms.header(&c, message)
      return rest(&c, at: offset)
    }
    return .layer(known!, at: payload, end: c.end)
  }

  /// Whatever follows the part read, as data.
  private static func rest(_ c: inout LayerCursor, at offset: Int) -> Next {
    let start = c.start + offset
    return start < min(c.end, c.packet.count) ? .data(at: start, end: c.end) : .stop
  }

  /// A segment or datagram that does not start a message: RPC's when its
  /// connection carried a call, else not RPC at all.
  private static func continuation(_ c: inout LayerCursor) -> Next {
    guard c.capturedLength > 0 else {
      c.withdrawn = true
      return .stop
    }
    try? c.add(continuationData, at: 0, c.capturedLength)
    return .stop
  }

  /// Whether a message the heuristic or the port would take starts at
  /// `offset`: a version 2 call, or a reply to a call seen.
  private static func isMessage(
    _ c: LayerCursor, at offset: Int, tcp: Bool, ports: (source: UInt16, destination: UInt16)
  ) -> Bool {
    guard let kind = try? c.uint32(offset + 4) else { return false }
    switch kind {
    case call:
      return (try? c.uint32(offset + 8)) == 2 && c.capturedLength >= offset + 16
    case reply:
      guard let xidValue = try? c.uint32(offset) else { return false }
      let key = RPCCalls.Key(xid: xidValue, conversation: RPCCalls.conversation(tcp: tcp, call: false, c, ports: ports))
      return c.state.rpcCalls.call(key) != nil
    default:
      return false
    }
  }

  /// A credential or verifier: its flavor, length and, for AUTH_UNIX,
  /// stamp, machine name and IDs. Answers the offset after it.
  private static func authentication(_ c: inout LayerCursor, at offset: Int) throws(DissectionStop) -> Int {
    let kind = try c.uint32(offset)
    try c.add(flavor, at: offset, 4, value: UInt64(kind))
    let size = Int(try c.uint32(offset + 4))
    try c.add(length, at: offset + 4, 4, value: UInt64(size))
    let body = offset + 8
    guard size <= largestOpaque else { throw .malformed }
    try c.check(body, size)
    if kind == 1 {
      try unixCredentials(&c, at: body)
    }
    return body + (size + 3) & ~3
  }

  /// AUTH_UNIX's body (RFC 5531 section 14).
  private static func unixCredentials(_ c: inout LayerCursor, at offset: Int) throws(DissectionStop) {
    try c.add(stamp, at: offset, 4, value: UInt64(try c.uint32(offset)))
    let nameLength = Int(try c.uint32(offset + 4))
    guard nameLength <= largestOpaque else { throw .malformed }
    try c.add(machineName, at: offset + 8, nameLength)
    var at = offset + 8 + (nameLength + 3) & ~3
    try c.add(uid, at: at, 4, value: UInt64(try c.uint32(at)))
    try c.add(gid, at: at + 4, 4, value: UInt64(try c.uint32(at + 4)))
    let count = Int(try c.uint32(at + 8))
    guard count <= largestOpaque / 4 else { throw .malformed }
    at += 12
    for _ in 0..<count {
      try c.add(gid, at: at, 4, value: UInt64(try c.uint32(at)))
      at += 4
    }
  }
}
