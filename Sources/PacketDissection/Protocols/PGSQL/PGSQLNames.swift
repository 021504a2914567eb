/// PostgreSQL's message types, authentication types and the codes of an
/// error's fields, as Wireshark 4.0 names them.
enum PGSQLNames {
  /// What the server's authentication requests have asked for so far,
  /// which says what the client's `p` message carries.
  enum AuthenticationState { case none, saslRequested, saslContinue, gssapiData }

  static let authCrypt: UInt64 = 4
  static let authMD5: UInt64 = 5
  static let authGSSAPI: UInt64 = 7
  static let authGSSAPIContinue: UInt64 = 8
  static let authSSPI: UInt64 = 9
  static let authSASL: UInt64 = 10
  static let authSASLContinue: UInt64 = 11
  static let authSASLComplete: UInt64 = 12

  /// The `Type` field's text.
  static func typeName(
    _ type: UInt8, frontend: Bool, conversation: PGSQL.Conversation, message: PGSQLMessage
  ) -> String {
    guard frontend else { return backendName(type) ?? "Unknown" }
    if type == 0 {
      let length = (try? message.uint32(message.start)) ?? 0
      let tag = (try? message.uint32(message.start + 4)) ?? 0
      if length == 16 && tag == PGSQL.cancelRequestCode { return "Cancel request" }
      if length == 8 && tag == PGSQL.sslRequestCode { return "SSL request" }
      if length == 8 && tag == PGSQL.gssEncryptRequestCode { return "GSS encrypt request" }
      return tag == PGSQL.startupCode ? "Startup message" : "Unknown"
    }
    if type == UInt8(ascii: "p") {
      switch conversation.authentication {
      case .saslRequested: return "SASLInitialResponse message"
      case .saslContinue: return "SASLResponse message"
      case .gssapiData: return "GSSResponse message"
      case .none: return "Password message"
      }
    }
    return frontendName(type) ?? "Unknown"
  }

  static func frontendName(_ type: UInt8) -> String? {
    switch type {
    case UInt8(ascii: "p"): "Password message"
    case UInt8(ascii: "Q"): "Simple query"
    case UInt8(ascii: "P"): "Parse"
    case UInt8(ascii: "B"): "Bind"
    case UInt8(ascii: "E"): "Execute"
    case UInt8(ascii: "D"): "Describe"
    case UInt8(ascii: "C"): "Close"
    case UInt8(ascii: "H"): "Flush"
    case UInt8(ascii: "S"): "Sync"
    case UInt8(ascii: "F"): "Function call"
    case UInt8(ascii: "d"): "Copy data"
    case UInt8(ascii: "c"): "Copy completion"
    case UInt8(ascii: "f"): "Copy failure"
    case UInt8(ascii: "X"): "Termination"
    default: nil
    }
  }

  static func backendName(_ type: UInt8) -> String? {
    switch type {
    case UInt8(ascii: "R"): "Authentication request"
    case UInt8(ascii: "K"): "Backend key data"
    case UInt8(ascii: "S"): "Parameter status"
    case UInt8(ascii: "1"): "Parse completion"
    case UInt8(ascii: "2"): "Bind completion"
    case UInt8(ascii: "3"): "Close completion"
    case UInt8(ascii: "C"): "Command completion"
    case UInt8(ascii: "t"): "Parameter description"
    case UInt8(ascii: "T"): "Row description"
    case UInt8(ascii: "D"): "Data row"
    case UInt8(ascii: "I"): "Empty query"
    case UInt8(ascii: "n"): "No data"
    case UInt8(ascii: "E"): "Error"
    case UInt8(ascii: "N"): "Notice"
    case UInt8(ascii: "s"): "Portal suspended"
    case UInt8(ascii: "Z"): "Ready for query"
    case UInt8(ascii: "A"): "Notification"
    case UInt8(ascii: "V"): "Function call response"
    case UInt8(ascii: "G"): "CopyIn response"
    case UInt8(ascii: "H"): "CopyOut response"
    case UInt8(ascii: "d"): "Copy data"
    case UInt8(ascii: "c"): "Copy completion"
    case UInt8(ascii: "v"): "Negotiate protocol version"
    default: nil
    }
  }

  static func authTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Success"
    case 1: "Kerberos V4"
    case 2: "Kerberos V5"
    case 3: "Plaintext password"
    case 4: "crypt()ed password"
    case 5: "MD5 password"
    case 6: "SCM credentials"
    case 7: "GSSAPI"
    case 8: "GSSAPI/SSPI continue"
    case 9: "SSPI"
    case 10: "SASL"
    case 11: "SASL continue"
    case 12: "SASL complete"
    default: nil
    }
  }

  static func statusName(_ code: UInt64) -> String? {
    switch code {
    case UInt64(UInt8(ascii: "I")): "Idle"
    case UInt64(UInt8(ascii: "T")): "In a transaction"
    case UInt64(UInt8(ascii: "E")): "In a failed transaction"
    default: nil
    }
  }

  static func formatName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Text"
    case 1: "Binary"
    default: nil
    }
  }

  /// The field an error or notice field's code byte names (others are `Text`).
  static func noticeField(_ code: UInt8) -> PGSQL {
    switch code {
    case UInt8(ascii: "S"): .severity
    case UInt8(ascii: "C"): .code
    case UInt8(ascii: "M"): .message
    case UInt8(ascii: "D"): .detail
    case UInt8(ascii: "H"): .hint
    case UInt8(ascii: "P"): .position
    case UInt8(ascii: "p"): .internalPosition
    case UInt8(ascii: "q"): .internalQuery
    case UInt8(ascii: "W"): .context
    case UInt8(ascii: "s"): .schemaName
    case UInt8(ascii: "t"): .tableName
    case UInt8(ascii: "c"): .columnNameError
    case UInt8(ascii: "d"): .typeName
    case UInt8(ascii: "n"): .constraintName
    case UInt8(ascii: "F"): .file
    case UInt8(ascii: "L"): .line
    case UInt8(ascii: "R"): .routine
    default: .text
    }
  }
}

extension ValueNames {
  static let pgsqlAuthTypes = ValueNames(PGSQLNames.authTypeName)
  static let pgsqlStatuses = ValueNames(PGSQLNames.statusName)
  static let pgsqlFormats = ValueNames(PGSQLNames.formatName)
}
