/// PostgreSQL's frontend/backend protocol (version 3, PostgreSQL
/// documentation chapter 55), as Wireshark 4.0 dissects it with TCP
/// reassembly off: each segment on its own, message after message; a
/// message the segment cuts off is dissected as far as it goes. The
/// frontend is the side talking to port 5432. After the server accepts an
/// SSL request (`S`), the connection is TLS from the next segment on.
enum PGSQL: UInt8, ProtocolModule {
  case item, type, length, frontend, versionMajor, versionMinor, parameterName, parameterValue, query, password,
    authType, salt, gssapiData, saslMechanism, saslDataLength, saslData, statement, portal, returns, tag, status,
    copyData, error, pid, key, condition, text, tableOID, typeOID, format, fieldCount, columnName, columnIndex,
    valueLength, valueData, typeModifier, severity, code, message, detail, hint, position, internalPosition,
    internalQuery, context, schemaName, tableName, columnNameError, typeName, constraintName, file, line, routine

  static var protocolID: ProtocolID { .pgsql }
  static var level: LayerLevel { .application }
  static let serverPort: UInt16 = 5432
  static let bindings = [Binding(.tcpPort, UInt32(serverPort))]
  static let variablePart: String? = "Message"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("pgsql", "PostgreSQL")
    case .type: .loose("pgsql.type", "Type", .string)
    case .length: .loose("pgsql.length", "Length", .uint(bytes: 4))
    case .frontend: .loose("pgsql.frontend", "Frontend", .boolean(bytes: 1), blurb: "The message goes to the server")
    case .versionMajor: .loose("pgsql.version_major", "Protocol major version", .uint(bytes: 2))
    case .versionMinor: .loose("pgsql.version_minor", "Protocol minor version", .uint(bytes: 2))
    case .parameterName: .loose("pgsql.parameter_name", "Parameter name", .string)
    case .parameterValue: .loose("pgsql.parameter_value", "Parameter value", .string)
    case .query: .loose("pgsql.query", "Query", .string)
    case .password: .loose("pgsql.password", "Password", .string)
    case .authType: .loose("pgsql.authtype", "Authentication type", .uint(bytes: 4), values: .pgsqlAuthTypes)
    case .salt: .loose("pgsql.salt", "Salt value", .bytes)
    case .gssapiData: .loose("pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data", .bytes)
    case .saslMechanism: .loose("pgsql.auth.sasl.mech", "SASL authentication mechanism", .string)
    case .saslDataLength: .loose("pgsql.auth.sasl.data.length", "SASL authentication data length", .int(bytes: 4))
    case .saslData: .loose("pgsql.auth.sasl.data", "SASL authentication data", .bytes)
    case .statement: .loose("pgsql.statement", "Statement", .string)
    case .portal: .loose("pgsql.portal", "Portal", .string)
    case .returns: .loose("pgsql.returns", "Returns", .uint(bytes: 4))
    case .tag: .loose("pgsql.tag", "Tag", .string)
    case .status: .loose("pgsql.status", "Status", .uint(bytes: 1), values: .pgsqlStatuses)
    case .copyData: .loose("pgsql.copydata", "Copy data", .bytes)
    case .error: .loose("pgsql.error", "Error", .string)
    case .pid: .loose("pgsql.pid", "PID", .uint(bytes: 4))
    case .key: .loose("pgsql.key", "Key", .uint(bytes: 4))
    case .condition: .loose("pgsql.condition", "Condition", .string)
    case .text: .loose("pgsql.text", "Text", .string)
    case .tableOID: .loose("pgsql.oid.table", "Table OID", .uint(bytes: 4))
    case .typeOID: .loose("pgsql.oid.type", "Type OID", .uint(bytes: 4))
    case .format: .loose("pgsql.format", "Format", .uint(bytes: 2), values: .pgsqlFormats)
    case .fieldCount: .loose("pgsql.field.count", "Field count", .uint(bytes: 2))
    case .columnName: .loose("pgsql.col.name", "Column name", .string)
    case .columnIndex: .loose("pgsql.col.index", "Column index", .uint(bytes: 4))
    case .valueLength: .loose("pgsql.val.length", "Column length", .int(bytes: 4))
    case .valueData: .loose("pgsql.val.data", "Data", .bytes)
    case .typeModifier: .loose("pgsql.col.typemod", "Type modifier", .int(bytes: 4))
    case .severity: .loose("pgsql.severity", "Severity", .string)
    case .code: .loose("pgsql.code", "Code", .string)
    case .message: .loose("pgsql.message", "Message", .string)
    case .detail: .loose("pgsql.detail", "Detail", .string)
    case .hint: .loose("pgsql.hint", "Hint", .string)
    case .position: .loose("pgsql.position", "Position", .string)
    case .internalPosition: .loose("pgsql.internal_position", "Position (Internal)", .string)
    case .internalQuery: .loose("pgsql.internal_query", "Query (Internal)", .string)
    case .context: .loose("pgsql.where", "Context", .string)
    case .schemaName: .loose("pgsql.schema_name", "Schema", .string)
    case .tableName: .loose("pgsql.table_name", "Table", .string)
    case .columnNameError: .loose("pgsql.column_name", "Column", .string)
    case .typeName: .loose("pgsql.type_name", "Type", .string)
    case .constraintName: .loose("pgsql.constraint_name", "Constraint", .string)
    case .file: .loose("pgsql.file", "File", .string)
    case .line: .loose("pgsql.line", "Line", .string)
    case .routine: .loose("pgsql.routine", "Routine", .string)
    }
  }

  /// What PostgreSQL remembers about one connection.
  struct Conversation {
    /// The client asked for SSL: the server's next segment answers it.
    var sslRequested = false
    /// The frame after which the connection is TLS.
    var tlsAfterFrame: Int?
    /// Where authentication is, which names the client's `p` messages.
    var authentication = PGSQLNames.AuthenticationState.none
  }

  static let startupCode: UInt32 = 196_608
  static let sslRequestCode: UInt32 = 80_877_103
  static let cancelRequestCode: UInt32 = 80_877_102
  static let gssEncryptRequestCode: UInt32 = 80_877_104

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var conversation = key.flatMap { c.state.pgsqlConversations[$0] } ?? Conversation()
    defer { if let key { c.state.pgsqlConversations[key] = conversation } }
    if let frame = conversation.tlsAfterFrame, c.dissection.frame.number > frame {
      c.withdrawn = true
      return .layer(.tls, at: c.start, end: c.end)
    }
    let frontend = !TCPSegment.fromServer(c, serverPorts: [serverPort])
    if conversation.sslRequested {
      // The one-byte answer to an SSL request: Wireshark lists no PostgreSQL in the frame.
      conversation.sslRequested = false
      if try c.uint8(0) == UInt8(ascii: "S") { conversation.tlsAfterFrame = c.dissection.frame.number }
      c.withdrawn = true
      return .stop
    }
    var offset = 0
    while offset < c.length {
      offset = try PGSQLMessage.dissect(c, at: offset, frontend: frontend, &conversation)
    }
    return .stop
  }
}
