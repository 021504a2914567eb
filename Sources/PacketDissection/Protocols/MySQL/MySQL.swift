/// The MySQL client/server protocol (MySQL Internals, "Client/Server
/// Protocol"), as Wireshark 4.0 dissects it with TCP reassembly off: each
/// segment on its own, packet after packet, the 4-byte header of each
/// (little-endian length and sequence number) and the top fields of the
/// server greeting, the login request, commands, and OK and error
/// responses. Result sets are followed only far enough to tell their
/// packets from OK packets. The server is the side on port 3306.
enum MySQL: UInt8, ProtocolModule {
  case item, packetLength, packetNumber, protocolVersion, version, threadID, salt, serverCaps, serverLanguage,
    serverStatus, extServerCaps, authPluginLength, unused, salt2, authPlugin, clientCaps, extClientCaps, maxPacket,
    charset, user, password, schema, clientAuthPlugin, command, query, responseCode, affectedRows, warnings,
    errorCode, sqlState, errorMessage, numFields

  static var protocolID: ProtocolID { .mysql }
  static var level: LayerLevel { .application }
  static let serverPort: UInt16 = 3306
  static let bindings = [Binding(.tcpPort, UInt32(serverPort))]
  static let headerBits = 4 * 8
  static let variablePart: String? = "Payload"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mysql", "MySQL Protocol")
    case .packetLength: .uint("mysql.packet_length", "Packet Length", at: 0, bytes: 3, blurb: "Little-endian")
    case .packetNumber: .uint("mysql.packet_number", "Packet Number", at: 3, bytes: 1)
    case .protocolVersion: .loose("mysql.protocol", "Protocol", .uint(bytes: 1))
    case .version: .loose("mysql.version", "Version", .string)
    case .threadID: .loose("mysql.thread_id", "Thread ID", .uint(bytes: 4))
    case .salt: .loose("mysql.salt", "Salt", .string)
    case .serverCaps: .loose("mysql.caps.server", "Server Capabilities", .uint(bytes: 2), base: .hex)
    case .serverLanguage: .loose("mysql.server_language", "Server Language", .uint(bytes: 1))
    case .serverStatus: .loose("mysql.server_status", "Server Status", .uint(bytes: 2), base: .hex)
    case .extServerCaps: .loose("mysql.extcaps.server", "Extended Server Capabilities", .uint(bytes: 2), base: .hex)
    case .authPluginLength: .loose("mysql.auth_plugin.length", "Authentication Plugin Length", .uint(bytes: 1))
    case .unused: .loose("mysql.unused", "Unused", .bytes)
    case .salt2: .loose("mysql.salt2", "Salt", .string)
    case .authPlugin: .loose("mysql.auth_plugin", "Authentication Plugin", .string)
    case .clientCaps: .loose("mysql.caps.client", "Client Capabilities", .uint(bytes: 2), base: .hex)
    case .extClientCaps: .loose("mysql.extcaps.client", "Extended Client Capabilities", .uint(bytes: 2), base: .hex)
    case .maxPacket: .loose("mysql.max_packet", "MAX Packet", .uint(bytes: 4))
    case .charset: .loose("mysql.charset", "Charset", .uint(bytes: 1))
    case .user: .loose("mysql.user", "Username", .string)
    case .password: .loose("mysql.passwd", "Password", .bytes)
    case .schema: .loose("mysql.schema", "Schema", .string)
    case .clientAuthPlugin: .loose("mysql.client_auth_plugin", "Client Auth Plugin", .string)
    case .command: .loose("mysql.command", "Command", .uint(bytes: 1), values: .mysqlCommands)
    case .query: .loose("mysql.query", "Statement", .string)
    case .responseCode: .loose("mysql.response_code", "Response Code", .uint(bytes: 1), base: .hex, values: .mysqlResponseCodes)
    case .affectedRows: .loose("mysql.affected_rows", "Affected Rows", .uint(bytes: 8))
    case .warnings: .loose("mysql.warnings", "Warnings", .uint(bytes: 2))
    case .errorCode: .loose("mysql.error_code", "Error Code", .uint(bytes: 2))
    case .sqlState: .loose("mysql.sqlstate", "SQL state", .string)
    case .errorMessage: .loose("mysql.error.message", "Error message", .string)
    case .numFields: .loose("mysql.num_fields", "Number of fields", .uint(bytes: 8))
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.mysqlConversations[$0] } ?? MySQLConversation()
    defer { if let key { c.state.mysqlConversations[key] = conversation } }
    if let frame = conversation.tlsAfterFrame, c.dissection.frame.number > frame {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    let fromServer = TCPSegment.fromServer(c, serverPorts: [serverPort])
    var offset = 0
    while offset < c.length {
      let length = Int(try c.uint8(offset)) | Int(try c.uint8(offset + 1)) << 8 | Int(try c.uint8(offset + 2)) << 16
      // A packet running past the segment: TCP skips the segments inside it.
      TCPSegment.pdu(c, at: offset, length: 4 + length)
      TCPSegment.dissectsPDU(c, at: offset, length: 4 + length)
      try c.add(packetLength, at: offset, 3, value: UInt64(length))
      let number = try c.uint8(offset + 3)
      try c.add(packetNumber, at: offset + 3, 1, value: UInt64(number))
      let packet = MySQLPacket(c: c, start: offset + 4, end: offset + 4 + length)
      if fromServer {
        try packet.response(sequence: number, &conversation)
      } else {
        try packet.request(sequence: number, &conversation)
      }
      offset += 4 + length
    }
    return .stop
  }
}
